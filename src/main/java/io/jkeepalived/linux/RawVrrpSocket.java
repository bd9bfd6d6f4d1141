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
     * Sends one VRRP packet to the group, or to every unicast peer. Without IP_HDRINCL the packet has no IP
     * header and the kernel writes one (TTL/hop limit 255 multicast, tos 0xc0 on IPv4) and, on IPv6, the VRRP
     * checksum at offset 6; with IP_HDRINCL it is a whole IPv4 packet.
     */
    void send(byte[] packet, int offset, int length) throws SyscallException;

    /**
     * Sends one packet to destination {@code index}: the group (index 0) in multicast mode, else
     * {@code spec().unicastPeers().get(index)}. With IP_HDRINCL each peer needs its own IP header, so the
     * caller builds one packet per peer and sends each here. Allocates nothing.
     */
    void sendTo(int index, byte[] packet, int offset, int length) throws SyscallException;

    /** Number of destinations {@link #send} sends to (1 in multicast mode). */
    int destinationCount();

    /** Sends one VRRP packet to one address. Allocates; for tests and rare paths. */
    void sendTo(InetAddress destination, byte[] packet, int offset, int length) throws SyscallException;

    /** Reads one pending packet into {@code into}; false when none is pending. */
    boolean receive(ReceivedPacket into) throws SyscallException;

    @Override
    void close();
}
