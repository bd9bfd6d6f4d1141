package io.jkeepalived.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Writes one instance's adverts the way keepalived does (vrrp_build_pkt once, vrrp_update_pkt per
 * send): the packet is built once; each {@link #write} only patches priority, IP id, AH sequence,
 * checksums and ICV, and copies it out. Allocates nothing per advert. Owned by one event loop.
 */
public final class AdvertWriter {
    private final IpFamily family;
    private final byte[] pkt;
    private final int vrrpOff;
    private final int vrrpLen;
    private final long pseudoSum;
    private final boolean pseudoHeader;
    private final AhIcv icv;
    private final AhReplayGuard ahCounter;
    private final boolean unicast;
    private int ipId;

    /**
     * @param advert       the advert fields (its priority and checksum are replaced on each write)
     * @param source       our source address (IPv4: also the AH SPI)
     * @param destination  multicast group or unicast peer
     * @param checksumAsV2 v3 over IPv4 without the pseudo-header (keepalived's v3_checksum_as_v2)
     * @param ahKey        the 8-byte AH key when the advert's auth type is AH, else ignored
     * @param ahCounter    the instance's AH sequence state (keepalived shares it between send and receive)
     */
    public AdvertWriter(VrrpAdvert advert, InetAddress source, InetAddress destination, boolean checksumAsV2,
                        byte[] ahKey, AhReplayGuard ahCounter, boolean unicast) {
        this.family = IpFamily.of(source);
        this.unicast = unicast;
        boolean ah = family == IpFamily.IPV4 && advert.authType() == AuthType.AH.wire();
        this.ahCounter = ahCounter;
        this.icv = ah ? new AhIcv(ahKey) : null;
        ByteBuffer buf;
        if (family == IpFamily.IPV4) {
            pkt = new byte[VrrpCodec.ipv4Length(advert)];
            buf = ByteBuffer.wrap(pkt);
            VrrpCodec.encodeIpv4(advert, new VrrpCodec.Ipv4Envelope((Inet4Address) source, (Inet4Address) destination,
                    0, VrrpCodec.TTL, checksumAsV2, 0, ah ? ahKey : null, unicast), buf);
            vrrpOff = VrrpCodec.IPV4_HEADER_LENGTH + (ah ? AhHeader.LENGTH : 0);
        } else {
            pkt = new byte[VrrpCodec.vrrpLength(advert, IpFamily.IPV6)];
            VrrpCodec.encodeIpv6(advert, (Inet6Address) source, (Inet6Address) destination, ByteBuffer.wrap(pkt));
            vrrpOff = 0;
        }
        vrrpLen = pkt.length - vrrpOff;
        pseudoHeader = advert.version() == 3 && !(family == IpFamily.IPV4 && checksumAsV2);
        pseudoSum = pseudoHeader
                ? VrrpCodec.pseudoHeaderSum(family, source.getAddress(), destination.getAddress(), vrrpLen) : 0;
    }

    /** Where the VRRP header starts in what {@link #write} puts out (20 or 44 for IPv4, 0 for IPv6). */
    public int vrrpOffset() {
        return vrrpOff;
    }

    /** Bytes each {@link #write} puts out. */
    public int length() {
        return pkt.length;
    }

    /**
     * Writes the advert with {@code priority} at the buffer's position; returns the length. IPv4 gets
     * the whole packet (for an IP_HDRINCL socket), IPv6 the VRRP payload.
     */
    public int write(int priority, ByteBuffer out) {
        pkt[vrrpOff + 2] = (byte) priority;
        pkt[vrrpOff + 6] = 0;
        pkt[vrrpOff + 7] = 0;
        VrrpCodec.put16(pkt, vrrpOff + 6, InetChecksum.finish(InetChecksum.add(pseudoSum, pkt, vrrpOff, vrrpLen)));
        if (family == IpFamily.IPV4) {
            ipId = (ipId + 1) & 0xffff;
            if (ipId == 0) {
                ipId = 1;          // the kernel fills an id of 0 itself, so keepalived skips it
            }
            VrrpCodec.put16(pkt, 4, ipId);
            if (icv != null) {
                if (ahCounter.sequence() > 0xFFFFFFFDL) {
                    ahCounter.cycled(true);
                } else {
                    ahCounter.sequence(ahCounter.sequence() + 1);
                }
                VrrpCodec.put32(pkt, VrrpCodec.IPV4_HEADER_LENGTH + 8, ahCounter.sequence());
                icv.compute(pkt, 0, VrrpCodec.IPV4_HEADER_LENGTH, pkt.length, unicast, pkt, VrrpCodec.IPV4_HEADER_LENGTH + 12);
            }
            pkt[10] = 0;
            pkt[11] = 0;
            VrrpCodec.put16(pkt, 10, InetChecksum.finish(InetChecksum.add(0, pkt, 0, VrrpCodec.IPV4_HEADER_LENGTH)));
        }
        out.put(pkt);
        return pkt.length;
    }
}
