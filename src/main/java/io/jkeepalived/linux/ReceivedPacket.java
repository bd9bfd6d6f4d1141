package io.jkeepalived.linux;

import io.jkeepalived.common.InetBytes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A reusable holder that a socket fills on each receive, so the receive path allocates nothing. The caller
 * owns {@link #data}; the VRRP packet is {@code data[payloadOffset, payloadOffset + payloadLength)} (on
 * IPv4 the IP header precedes it, as raw sockets deliver it).
 */
public final class ReceivedPacket {
    public final byte[] data;
    public int length;
    public int payloadOffset;
    public int payloadLength;
    /** Source address bytes: 4 (IPv4) or 16 (IPv6) valid bytes, see {@link #addressLength}. */
    public final byte[] source = new byte[16];
    /** Destination address (the group or our unicast address), same length as {@link #source}. */
    public final byte[] destination = new byte[16];
    public int addressLength;
    /** IPv4 TTL or IPv6 hop limit as received; -1 when the kernel did not say. */
    public int ttl;
    /** Index of the interface the packet arrived on; 0 when unknown. */
    public int interfaceIndex;
    /** IPv6 scope of a link-local source (the arrival interface), 0 otherwise. */
    public int sourceScopeId;

    public ReceivedPacket(int capacity) {
        this.data = new byte[capacity];
    }

    /** The source as an InetAddress (allocates; for logs and tests, not the hot path). */
    public InetAddress sourceAddress() {
        return address(source);
    }

    public InetAddress destinationAddress() {
        return address(destination);
    }

    /** The payload as a new array (allocates; for tests). */
    public byte[] payload() {
        return Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
    }

    private InetAddress address(byte[] bytes) {
        return InetBytes.of(Arrays.copyOf(bytes, addressLength));
    }

    @Override
    public String toString() {
        return "ReceivedPacket[from " + sourceAddress().getHostAddress() + " ttl " + ttl + " if " + interfaceIndex
                + ", " + payloadLength + " bytes]";
    }
}
