package io.jkeepalived.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes VRRP advertisements, VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798), over IPv4 and IPv6,
 * the way keepalived 2.2.7 does.
 *
 * <p>The VRRP packet (v2 on the left of the slash, v3 on the right):
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    v2: |   Auth Type   |   Adver Int   |          Checksum             |
 *    v3: |(rsvd) |     Max Adver Int     |          Checksum             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                 IPvX Address(es) (4 or 16 bytes each)         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    v2 only: |                     Authentication Data (1)                   |
 *    v2 only: |                     Authentication Data (2)                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * v2 interval is in seconds, v3 in centiseconds (12 bits). The v2 checksum covers the VRRP packet
 * including the auth data; the v3 checksum also covers the IPv4/IPv6 pseudo-header
 * (source, destination, zero, protocol 112, VRRP length) - unless keepalived's
 * {@code v3_checksum_as_v2} is set, when v3 over IPv4 is summed like v2 (no pseudo-header).
 *
 * <p>keepalived sends over IPv4 with its own IP header: tos 0xc0, id counting from 1, no fragment
 * flags, TTL 255, protocol 112 - or 51 (AH) with this header between IP and VRRP:
 * <pre>
 *    | Next Hdr = 112| Payload Len=4 |          RESERVED = 0         |
 *    |        Security Parameters Index = IPv4 source address        |
 *    |               Sequence Number (1, 2, 3 ...)                   |
 *    |      ICV = HMAC-MD5-96(password, packet with mutable fields 0) (12 bytes)   |
 * </pre>
 * Over IPv6 the raw socket hands over only the VRRP packet; source, destination and hop limit come
 * from the socket (IPV6_PKTINFO / IPV6_HOPLIMIT) and are passed in.
 *
 * <p>Decoding checks only what the bytes alone can prove (lengths, version, type, v2 auth type and
 * v2 checksum); what needs the instance (TTL, version, interval, addresses, auth) is
 * {@link AdvertValidator}'s job.
 */
public final class VrrpCodec {
    public static final int PROTO_VRRP = 112;
    public static final int PROTO_AH = 51;
    public static final int VRRP_HEADER_LENGTH = 8;
    public static final int IPV4_HEADER_LENGTH = 20;
    public static final int TOS_NETWORK_CONTROL = 0xc0;
    public static final int TTL = 255;

    private VrrpCodec() {
    }

    // ------------------------------------------------------------------ decode

    /** Decodes a whole IPv4 packet as an IPPROTO_VRRP or IPPROTO_AH raw socket returns it. */
    public static Decoded decodeIpv4(ByteBuffer packet) {
        byte[] b = new byte[packet.remaining()];
        packet.duplicate().get(b);
        return decodeIpv4(b);
    }

    public static Decoded decodeIpv4(byte[] b) {
        int len = b.length;
        if (len < IPV4_HEADER_LENGTH) {
            return reject(RejectReason.PACKET_LENGTH, 0, "IPv4 VRRP packet too short - " + len + " bytes");
        }
        if ((b[0] & 0xf0) != 0x40) {
            return reject(RejectReason.IP_HEADER, 0, "IP version " + ((b[0] & 0xf0) >> 4) + " in an IPv4 VRRP packet");
        }
        int ihl = (b[0] & 0x0f) << 2;
        if (ihl < IPV4_HEADER_LENGTH) {
            return reject(RejectReason.IP_HEADER, 0, "IPv4 header length " + ihl + " is below 20");
        }
        int protocol = b[9] & 0xff;
        if (protocol != PROTO_VRRP && protocol != PROTO_AH) {
            return reject(RejectReason.IP_HEADER, 9, "IP protocol " + protocol + " is neither VRRP (112) nor AH (51)");
        }
        if (len < ihl + VRRP_HEADER_LENGTH) {
            return reject(RejectReason.PACKET_LENGTH, 0, "IPv4 VRRP packet too short - " + len + " bytes");
        }
        AhHeader ah = null;
        int vrrpOff = ihl;
        if (protocol == PROTO_AH) {
            if (len < ihl + AhHeader.LENGTH + VRRP_HEADER_LENGTH) {
                return reject(RejectReason.PACKET_LENGTH, 0, "IPv4 VRRP packet with AH too short - " + len + " bytes");
            }
            ah = readAh(b, ihl);
            if (ah.nextHeader() != PROTO_VRRP) {
                return reject(RejectReason.AH_NOT_VRRP, ihl, "AH header for protocol " + ah.nextHeader() + ", not VRRP");
            }
            vrrpOff += AhHeader.LENGTH;
        }
        int totLen = u16(b, 2);
        InetAddress src = addr(b, 12, 4);
        InetAddress dst = addr(b, 16, 4);
        int ttl = b[8] & 0xff;
        return decodeVrrp(b, vrrpOff, len, IpFamily.IPV4, src, dst, ttl, ah, totLen);
    }

    /**
     * Decodes the VRRP payload of an IPv6 packet.
     *
     * @param hopLimit the received hop limit, or -1 when unknown
     */
    public static Decoded decodeIpv6(ByteBuffer payload, Inet6Address source, Inet6Address destination, int hopLimit) {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        return decodeIpv6(b, source, destination, hopLimit);
    }

    public static Decoded decodeIpv6(byte[] b, Inet6Address source, Inet6Address destination, int hopLimit) {
        if (b.length < VRRP_HEADER_LENGTH) {
            return reject(RejectReason.PACKET_LENGTH, 0, "IPv6 VRRP packet too short - " + b.length + " bytes");
        }
        return decodeVrrp(b, 0, b.length, IpFamily.IPV6, source, destination, hopLimit, null, -1);
    }

    private static Decoded decodeVrrp(byte[] b, int off, int len, IpFamily family, InetAddress src, InetAddress dst,
                                      int ttl, AhHeader ah, int ipTotalLength) {
        int version = (b[off] & 0xf0) >> 4;
        int type = b[off] & 0x0f;
        if (version != 2 && version != 3) {
            return reject(RejectReason.VERSION, off, "unknown VRRP version " + version);
        }
        if (version == 2 && family == IpFamily.IPV6) {
            return reject(RejectReason.VERSION, off, "VRRPv2 is not defined over IPv6");
        }
        int naddr = b[off + 3] & 0xff;
        int vrrpLen = VRRP_HEADER_LENGTH + naddr * family.addressLength() + (version == 2 ? VrrpAdvert.V2_AUTH_LENGTH : 0);
        int expected = off + vrrpLen;
        if (len != expected) {
            return reject(RejectReason.PACKET_LENGTH, off + 3, "vrrp packet too " + (len > expected ? "long" : "short")
                    + ", length " + len + " and expect " + expected);
        }
        if (type != VrrpAdvert.TYPE_ADVERTISEMENT) {
            return reject(RejectReason.INVALID_TYPE, off, "Invalid packet type. " + type + " and expect 1");
        }
        if (ipTotalLength >= 0 && ipTotalLength != len) {
            return reject(RejectReason.PACKET_LENGTH, 2, "ip_tot_len mismatch against received length. "
                    + ipTotalLength + " and received " + len);
        }
        int authType = 0;
        int interval;
        if (version == 2) {
            authType = b[off + 4] & 0xff;
            if (AuthType.fromWire(authType) == null) {
                return reject(RejectReason.INVALID_AUTHTYPE, off + 4, "Invalid auth type: " + authType);
            }
            interval = b[off + 5] & 0xff;
        } else {
            interval = u16(b, off + 4) & 0x0fff;
        }
        int checksum = u16(b, off + 6);
        ChecksumStatus status;
        if (version == 2) {
            if (InetChecksum.finish(InetChecksum.add(0, b, off, vrrpLen)) != 0) {
                return reject(RejectReason.CHECKSUM, off + 6, "Invalid VRRPv2 checksum");
            }
            status = ChecksumStatus.V2_OK;
        } else {
            long pseudo = pseudoHeaderSum(family, src.getAddress(), dst.getAddress(), vrrpLen);
            if (InetChecksum.finish(InetChecksum.add(pseudo, b, off, vrrpLen)) == 0) {
                status = ChecksumStatus.PSEUDO_HEADER_OK;
            } else if (family == IpFamily.IPV4 && InetChecksum.finish(InetChecksum.add(0, b, off, vrrpLen)) == 0) {
                status = ChecksumStatus.AS_V2_OK;
            } else {
                status = ChecksumStatus.BAD;
            }
        }
        List<InetAddress> addresses = new ArrayList<>(naddr);
        int p = off + VRRP_HEADER_LENGTH;
        for (int i = 0; i < naddr; i++, p += family.addressLength()) {
            addresses.add(addr(b, p, family.addressLength()));
        }
        byte[] auth = new byte[version == 2 ? VrrpAdvert.V2_AUTH_LENGTH : 0];
        System.arraycopy(b, p, auth, 0, auth.length);
        var advert = new VrrpAdvert(version, type, b[off + 1] & 0xff, b[off + 2] & 0xff, authType, interval, checksum,
                addresses, auth);
        return new Decoded.Ok(new VrrpPacket(family, src, dst, ttl, ah, advert, status, off, b));
    }

    private static AhHeader readAh(byte[] b, int off) {
        byte[] icv = new byte[AhHeader.ICV_LENGTH];
        System.arraycopy(b, off + 12, icv, 0, icv.length);
        return new AhHeader(b[off] & 0xff, b[off + 1] & 0xff, u16(b, off + 2), u32(b, off + 4), u32(b, off + 8), icv);
    }

    // ------------------------------------------------------------------ encode

    /**
     * What goes around a VRRP packet sent over IPv4.
     *
     * @param id             the IP identification keepalived puts in (it counts from 1)
     * @param checksumAsV2   v3 only: sum without the pseudo-header (keepalived's v3_checksum_as_v2)
     * @param ahSequence     AH sequence number (only used when the advert's auth type is AH)
     * @param ahKey          the 8-byte AH key (zero-padded password), or null without AH
     * @param unicast        whether TTL is excluded from the AH ICV
     */
    public record Ipv4Envelope(Inet4Address source, Inet4Address destination, int id, int ttl, boolean checksumAsV2,
                               long ahSequence, byte[] ahKey, boolean unicast) {
        public static Ipv4Envelope multicast(Inet4Address source, int id) {
            return new Ipv4Envelope(source, VrrpAddresses.MCAST_V4, id, TTL, false, 0, null, false);
        }
    }

    /** Length of the IPv4 packet {@link #encodeIpv4} writes. */
    public static int ipv4Length(VrrpAdvert advert) {
        return IPV4_HEADER_LENGTH + (advert.authType() == AuthType.AH.wire() ? AhHeader.LENGTH : 0)
                + vrrpLength(advert, IpFamily.IPV4);
    }

    public static int vrrpLength(VrrpAdvert advert, IpFamily family) {
        return VRRP_HEADER_LENGTH + advert.addresses().size() * family.addressLength()
                + (advert.version() == 2 ? VrrpAdvert.V2_AUTH_LENGTH : 0);
    }

    /**
     * Writes a whole IPv4 packet (IP header, AH header if the advert's auth type is AH, VRRP packet)
     * at the buffer's position, computing the IP header checksum, the VRRP checksum and the AH ICV.
     * The advert's own checksum field is ignored. Returns the number of bytes written.
     */
    public static int encodeIpv4(VrrpAdvert advert, Ipv4Envelope ip, ByteBuffer out) {
        int len = ipv4Length(advert);
        byte[] b = new byte[len];
        boolean ah = advert.authType() == AuthType.AH.wire();
        b[0] = 0x45;
        b[1] = (byte) TOS_NETWORK_CONTROL;
        put16(b, 2, len);
        put16(b, 4, ip.id());
        b[8] = (byte) ip.ttl();
        b[9] = (byte) (ah ? PROTO_AH : PROTO_VRRP);
        System.arraycopy(ip.source().getAddress(), 0, b, 12, 4);
        System.arraycopy(ip.destination().getAddress(), 0, b, 16, 4);
        int vrrpOff = IPV4_HEADER_LENGTH;
        if (ah) {
            b[vrrpOff] = (byte) PROTO_VRRP;
            b[vrrpOff + 1] = AhHeader.PAYLOAD_LENGTH_96;
            System.arraycopy(ip.source().getAddress(), 0, b, vrrpOff + 4, 4);
            put32(b, vrrpOff + 8, ip.ahSequence());
            vrrpOff += AhHeader.LENGTH;
        }
        writeVrrp(advert, IpFamily.IPV4, b, vrrpOff);
        int vrrpLen = len - vrrpOff;
        long sum = advert.version() == 3 && !ip.checksumAsV2()
                ? pseudoHeaderSum(IpFamily.IPV4, ip.source().getAddress(), ip.destination().getAddress(), vrrpLen) : 0;
        put16(b, vrrpOff + 6, InetChecksum.finish(InetChecksum.add(sum, b, vrrpOff, vrrpLen)));
        if (ah) {
            new AhIcv(ip.ahKey()).compute(b, 0, IPV4_HEADER_LENGTH, len, ip.unicast(), b, IPV4_HEADER_LENGTH + 12);
        }
        put16(b, 10, InetChecksum.finish(InetChecksum.add(0, b, 0, IPV4_HEADER_LENGTH)));
        out.put(b);
        return len;
    }

    /** Writes the VRRP payload for IPv6 (checksum with the IPv6 pseudo-header). Returns bytes written. */
    public static int encodeIpv6(VrrpAdvert advert, Inet6Address source, Inet6Address destination, ByteBuffer out) {
        int len = vrrpLength(advert, IpFamily.IPV6);
        byte[] b = new byte[len];
        writeVrrp(advert, IpFamily.IPV6, b, 0);
        long sum = pseudoHeaderSum(IpFamily.IPV6, source.getAddress(), destination.getAddress(), len);
        put16(b, 6, InetChecksum.finish(InetChecksum.add(sum, b, 0, len)));
        out.put(b);
        return len;
    }

    private static void writeVrrp(VrrpAdvert a, IpFamily family, byte[] b, int off) {
        b[off] = (byte) ((a.version() << 4) | (a.type() & 0x0f));
        b[off + 1] = (byte) a.vrid();
        b[off + 2] = (byte) a.priority();
        b[off + 3] = (byte) a.addresses().size();
        if (a.version() == 2) {
            b[off + 4] = (byte) a.authType();
            b[off + 5] = (byte) a.intervalField();
        } else {
            put16(b, off + 4, a.intervalField() & 0x0fff);
        }
        int p = off + VRRP_HEADER_LENGTH;
        for (InetAddress address : a.addresses()) {
            byte[] raw = address.getAddress();
            if (raw.length != family.addressLength()) {
                throw new IllegalArgumentException("address " + address.getHostAddress() + " is not " + family);
            }
            System.arraycopy(raw, 0, b, p, raw.length);
            p += raw.length;
        }
        if (a.version() == 2) {
            System.arraycopy(a.authData(), 0, b, p, VrrpAdvert.V2_AUTH_LENGTH);
        }
    }

    /**
     * Re-aims a VRRPv3 packet's checksum from one pseudo-header destination to another (RFC 1624
     * incremental update), for sending one advert built for the multicast group to each unicast peer.
     * {@code packet[vrrpOffset + 6..+8)} is the checksum. Allocates nothing.
     */
    public static void retargetChecksum(byte[] packet, int vrrpOffset, byte[] oldDestination, byte[] newDestination) {
        long sum = ~u16(packet, vrrpOffset + 6) & 0xffff;
        for (int i = 0; i < oldDestination.length; i += 2) {
            sum += ~u16(oldDestination, i) & 0xffff;
            sum += u16(newDestination, i);
        }
        put16(packet, vrrpOffset + 6, InetChecksum.finish(sum));
    }

    // ------------------------------------------------------------------ helpers

    /** The running sum of the RFC 5798 5.2.8 pseudo-header. */
    public static long pseudoHeaderSum(IpFamily family, byte[] src, byte[] dst, int vrrpLength) {
        long sum = InetChecksum.add(0, src, 0, src.length);
        sum = InetChecksum.add(sum, dst, 0, dst.length);
        if (family == IpFamily.IPV4) {
            sum += PROTO_VRRP;                     // zero byte + protocol
            sum += vrrpLength;
        } else {
            sum += vrrpLength >>> 16;
            sum += vrrpLength & 0xffff;
            sum += PROTO_VRRP;                     // 3 zero bytes + next header
        }
        return sum;
    }

    static Decoded.Rejected reject(RejectReason reason, int offset, String detail) {
        return new Decoded.Rejected(reason, offset, detail);
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }

    /**
     * Points a whole IPv4 advert (as AdvertWriter writes it) at one unicast peer: destination address, header
     * checksum and, with AH, the ICV (it covers the destination; unicast treats TTL as mutable). In place,
     * allocates nothing.
     *
     * @param icv the instance's ICV calculator when the packet carries AH, else null
     */
    public static void retargetIpv4(byte[] pkt, int len, byte[] destination4, AhIcv icv) {
        int ihl = (pkt[0] & 0x0f) * 4;
        System.arraycopy(destination4, 0, pkt, 16, 4);
        pkt[10] = 0;
        pkt[11] = 0;
        put16(pkt, 10, InetChecksum.finish(InetChecksum.add(0, pkt, 0, ihl)));
        if (icv != null && (pkt[9] & 0xff) == PROTO_AH) {
            icv.compute(pkt, 0, ihl, len, true, pkt, ihl + 12);
        }
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 16));
        put16(b, off + 2, (int) v);
    }

    private static InetAddress addr(byte[] b, int off, int len) {
        byte[] raw = new byte[len];
        System.arraycopy(b, off, raw, 0, len);
        try {
            // Inet6Address explicitly: getByAddress would turn ::ffff:a.b.c.d into an IPv4 address
            return len == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
