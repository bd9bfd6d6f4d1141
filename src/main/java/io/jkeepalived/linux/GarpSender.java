package io.jkeepalived.linux;

import java.net.Inet4Address;

/** Sends gratuitous ARPs on one interface (AF_PACKET), from its MAC or a VMAC. Needs CAP_NET_RAW. */
public interface GarpSender extends AutoCloseable {
    /** Broadcasts one gratuitous ARP request announcing {@code vip} at {@link #mac()}. */
    void send(Inet4Address vip) throws SyscallException;

    String interfaceName();

    /** The source MAC as {@code aa:bb:cc:dd:ee:ff}. */
    String mac();

    @Override
    void close();
}
