package io.jkeepalived.vrrp.codec;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A structurally valid received VRRP packet with what the IP layer said about it.
 *
 * @param family      IPv4 or IPv6
 * @param source      IP source address (the advertising router)
 * @param destination IP destination (224.0.0.18 / ff02::12 or a unicast peer)
 * @param ttl         IPv4 TTL or IPv6 hop limit, -1 when the socket did not report it
 * @param ah          the AH header when the IPv4 protocol was AH (51), else null
 * @param advert      the VRRP fields
 * @param checksum    what the decoder found about the checksum
 * @param vrrpOffset  offset of the VRRP header in {@link #raw()}
 * @param raw         the received bytes (the whole IPv4 packet, or the IPv6 payload); the AH check
 *                    needs them
 */
public record VrrpPacket(IpFamily family, InetAddress source, InetAddress destination, int ttl, AhHeader ah,
                         VrrpAdvert advert, ChecksumStatus checksum, int vrrpOffset, byte[] raw) {
    public VrrpPacket {
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Read-only access to the received bytes without copying. */
    public java.nio.ByteBuffer rawView() {
        return java.nio.ByteBuffer.wrap(raw).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && family == p.family && source.equals(p.source)
                && destination.equals(p.destination) && ttl == p.ttl && java.util.Objects.equals(ah, p.ah)
                && advert.equals(p.advert) && checksum == p.checksum && vrrpOffset == p.vrrpOffset
                && Arrays.equals(raw, p.raw);
    }

    @Override
    public int hashCode() {
        return advert.hashCode() * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VrrpPacket[" + source + " > " + destination + " ttl " + ttl + (ah != null ? " " + ah : "") + " "
                + advert + " " + checksum + "]";
    }
}
