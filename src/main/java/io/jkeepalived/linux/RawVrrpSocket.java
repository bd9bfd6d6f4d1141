package io.jkeepalived.linux;

import java.net.InetAddress;

/**
 * A raw IP socket for VRRP (protocol 112) on one interface, non-blocking. Register {@link #fd()} with an
 * {@link EventPoller} and call {@link #receive} until it returns false. Once warm neither send nor receive
 * allocates. Use from one thread (the event loop).
 */
public interface RawVrrpSocket extends AutoCloseable {
    int IPPROTO_VRRP = 112;

    int fd();

    VrrpSocketSpec spec();

    /** Index of the bound interface. */
    int interfaceIndex();

    /**
     * Sends one VRRP packet (no IP header; the kernel writes it with TTL/hop limit 255 and, on IPv6, the VRRP
     * checksum at offset 6) to the group, or to every unicast peer.
     */
    void send(byte[] packet, int offset, int length) throws SyscallException;

    /** Sends one VRRP packet to one address. Allocates; for tests and rare paths. */
    void sendTo(InetAddress destination, byte[] packet, int offset, int length) throws SyscallException;

    /** Reads one pending packet into {@code into}; false when none is pending. */
    boolean receive(ReceivedPacket into) throws SyscallException;

    @Override
    void close();
}
