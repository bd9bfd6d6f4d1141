package io.jkeepalived.linux;

import java.net.Inet6Address;

/**
 * Sends unsolicited IPv6 neighbour advertisements (ICMPv6 136, Override flag, target link-layer option, hop
 * limit 255, to ff02::1, source the VIP) on one interface over AF_PACKET, as keepalived does after taking
 * over an IPv6 VIP. Needs CAP_NET_RAW.
 */
public interface NeighbourAdvertiser extends AutoCloseable {
    void send(Inet6Address vip) throws SyscallException;

    String interfaceName();

    String mac();

    @Override
    void close();
}
