package io.jkeepalived.vrrp.port;

import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Port: the VRRP sockets (implemented with raw sockets by the Linux adapters). Bytes are exactly what
 * {@link io.jkeepalived.vrrp.codec.AdvertWriter} writes and {@link io.jkeepalived.vrrp.codec.VrrpCodec}
 * reads: for IPv4 the whole IP packet (IP_HDRINCL on send, as a raw IPPROTO_VRRP/IPPROTO_AH socket
 * returns it on receive), for IPv6 only the VRRP payload.
 */
public interface VrrpTransport extends AutoCloseable {

    /**
     * Sends an advert of {@code instance} (to the multicast group, or to each unicast peer).
     * {@code packet} holds what AdvertWriter wrote; for IPv4 that includes the IP header, and the VRRP
     * packet starts at {@code vrrpOffset} (20, or 44 with AH). A socket that writes the IP header
     * itself (no IP_HDRINCL) sends from {@code vrrpOffset}; AH adverts need IP_HDRINCL because the
     * AH header sits between the IP header and VRRP. For IPv6 {@code vrrpOffset} is 0.
     */
    void send(InstanceParams instance, ByteBuffer packet, int vrrpOffset) throws IOException;

    /**
     * The multicast group {@code instance} sends its adverts to ({@code vrrp_mcast_group4/6}, {@code mcast_dst_ip});
     * a VRRPv3 checksum covers it. Unicast instances answer the default group, which their checksum starts from.
     */
    default InetAddress multicastGroup(InstanceParams instance) {
        return io.jkeepalived.vrrp.codec.VrrpAddresses.multicastGroup(instance.family());
    }

    /**
     * Blocks until a packet arrives, puts it in {@code into} (from position 0, limit = length) and says
     * where it came from; returns null once the transport is closed.
     */
    Received receive(ByteBuffer into) throws IOException;

    /**
     * Metadata of a received packet. For IPv4 source, destination and TTL are also in the bytes;
     * for IPv6 they come from IPV6_PKTINFO / IPV6_HOPLIMIT (hopLimit -1 when not reported).
     */
    record Received(String interfaceName, IpFamily family, InetAddress source, InetAddress destination, int hopLimit) {
    }

    /** Unblocks {@link #receive} (it then returns null) and releases the sockets. */
    @Override
    void close();
}
