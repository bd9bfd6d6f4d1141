package io.jkeepalived.vrrp.codec;

import java.net.InetAddress;
import java.security.MessageDigest;

/**
 * The checks of keepalived's vrrp_check_packet that need the receiving instance, in keepalived's
 * order: AH presence, TTL 255, version, auth type and authentication, v2 interval, address count,
 * v3 checksum, multicast/unicast destination, and the addresses themselves. One validator per
 * instance (it keeps the AH ICV calculator); not thread-safe.
 */
public final class AdvertValidator {
    private final AdvertExpectations expect;
    private final AhIcv icv;
    private final byte[] icvBuffer = new byte[AhHeader.ICV_LENGTH];
    /** VRRPv3 IPv4 unicast: sum 224.0.0.18, not the peer, as pseudo-header destination (old_unicast_checksum). */
    private boolean oldUnicastChecksum;
    private boolean switchedToOld;

    public AdvertValidator(AdvertExpectations expect) {
        this.expect = expect;
        this.oldUnicastChecksum = expect.unicast() && expect.unicastChecksum() == UnicastChecksum.OLD;
        this.icv = expect.authType() == AuthType.AH ? new AhIcv(expect.key()) : null;
    }

    public AdvertExpectations expectations() {
        return expect;
    }

    /** Whether this instance sends and expects the old (keepalived ≤ 1.3.5) VRRPv3 unicast checksum. */
    public boolean oldUnicastChecksum() {
        return oldUnicastChecksum;
    }

    /** True once after an accepted advert switched the instance to the old unicast checksum. */
    public boolean takeSwitchToOldChecksum() {
        boolean s = switchedToOld;
        switchedToOld = false;
        return s;
    }

    /**
     * Validates a decoded packet for this instance.
     *
     * @param checkAddresses whether to compare the address list (keepalived skips it only with
     *                       skip_check_adv_addr and an advert from the current master)
     * @param replay         the instance's AH sequence state; updated when an AH advert is accepted
     * @return the packet (Ok) or why it is refused
     */
    public Decoded validate(VrrpPacket p, boolean checkAddresses, AhReplayGuard replay) {
        Decoded.Rejected rejected = check(p, checkAddresses, replay);
        return rejected != null ? rejected : new Decoded.Ok(p);
    }

    /** Like {@link #validate} but allocation-free on success: null when the packet is accepted. */
    public Decoded.Rejected check(VrrpPacket p, boolean checkAddresses, AhReplayGuard replay) {
        VrrpAdvert a = p.advert();
        int vrrpOff = p.vrrpOffset();
        if (p.family() == IpFamily.IPV4 && (p.ah() != null) != (expect.authType() == AuthType.AH)) {
            return VrrpCodec.reject(RejectReason.AUTHTYPE_MISMATCH, 9,
                    p.ah() != null ? "Received AH header but auth type not AH" : "No AH header but auth type is AH");
        }
        if (!expect.unicast() && p.ttl() != -1 && p.ttl() != VrrpCodec.TTL) {
            return VrrpCodec.reject(RejectReason.IP_TTL, p.family() == IpFamily.IPV4 ? 8 : -1,
                    "invalid TTL/HL. Received " + p.ttl() + " and expect 255");
        }
        if (a.version() != expect.version()) {
            return VrrpCodec.reject(RejectReason.VERSION, vrrpOff,
                    "wrong version. Received " + a.version() + " and expect " + expect.version());
        }
        if (a.version() == 2) {
            if (a.authType() != expect.authType().wire()) {
                return VrrpCodec.reject(RejectReason.AUTHTYPE_MISMATCH, vrrpOff + 4,
                        "received a " + a.authType() + " auth, expecting " + expect.authType().wire() + "!");
            }
            if (expect.authType() == AuthType.PASS && !a.authDataEquals(expect.key())) {
                return VrrpCodec.reject(RejectReason.AUTH_FAILURE, vrrpOff + VrrpCodec.vrrpLength(a, p.family()) - 8,
                        "received an invalid passwd!");
            }
            if (expect.authType() == AuthType.AH) {
                Decoded.Rejected ah = checkAh(p, replay);
                if (ah != null) {
                    return ah;
                }
            }
            if (a.intervalMicros() != expect.advertIntervalMicros()) {
                return VrrpCodec.reject(RejectReason.ADVERT_INTERVAL, vrrpOff + 5,
                        "advertisement interval mismatch mine=" + expect.advertIntervalMicros() / 1_000_000
                                + " sec rcv'd=" + a.intervalField() + " sec");
            }
        }
        if (checkAddresses && a.addresses().size() != expect.vips().size()) {
            return VrrpCodec.reject(RejectReason.ADDR_LIST, vrrpOff + 3, "received an unexpected ip number count "
                    + a.addresses().size() + ", expected " + expect.vips().size() + "!");
        }
        if (a.version() == 3 && p.family() == IpFamily.IPV4 && !expect.v3ChecksumAsV2() && !v3ChecksumAccepted(p)) {
            return VrrpCodec.reject(RejectReason.CHECKSUM, vrrpOff + 6, "Invalid VRRPv3 checksum");
        }
        if (a.version() == 3 && p.family() == IpFamily.IPV6 && p.checksum() == ChecksumStatus.BAD) {
            return VrrpCodec.reject(RejectReason.CHECKSUM, vrrpOff + 6, "Invalid VRRPv3 checksum");
        }
        if (p.destination().isMulticastAddress() == expect.unicast()) {
            return VrrpCodec.reject(RejectReason.ADDR_LIST, p.family() == IpFamily.IPV4 ? 16 : -1,
                    "Expected " + (expect.unicast() ? "un" : "mult") + "icast packet but received "
                            + (expect.unicast() ? "mult" : "un") + "icast packet");
        }
        if (checkAddresses) {
            for (InetAddress vip : expect.vips()) {
                if (!a.addresses().contains(vip)) {
                    return VrrpCodec.reject(RejectReason.ADDR_LIST, vrrpOff + VrrpCodec.VRRP_HEADER_LENGTH,
                            "ip address associated with VRID " + expect.vrid() + " not present in MASTER advert: "
                                    + vip.getHostAddress());
                }
            }
            if (expect.unicast() && expect.checkUnicastSource()) {
                Decoded.Rejected source = checkUnicastSource(p);
                if (source != null) {
                    return source;
                }
            }
        }
        if (p.ah() != null) {
            replay.sequence(p.ah().sequence());
        }
        return null;
    }

    /**
     * keepalived's vrrp_check_packet with unicast_chksum_compat: in old mode only the group-summed checksum passes;
     * by default a unicast advert that fails the RFC checksum but passes the old one switches the instance to the
     * old checksum for good (both ways), unless {@code old_unicast_checksum never}.
     */
    private boolean v3ChecksumAccepted(VrrpPacket p) {
        if (!expect.unicast()) {
            return p.checksum() == ChecksumStatus.PSEUDO_HEADER_OK;
        }
        if (oldUnicastChecksum) {
            return oldChecksumOk(p);
        }
        if (p.checksum() == ChecksumStatus.PSEUDO_HEADER_OK) {
            return true;
        }
        if (expect.unicastChecksum() == UnicastChecksum.RFC_DETECT_OLD && oldChecksumOk(p)) {
            oldUnicastChecksum = true;
            switchedToOld = true;
            return true;
        }
        return false;
    }

    private static boolean oldChecksumOk(VrrpPacket p) {
        int len = VrrpCodec.vrrpLength(p.advert(), IpFamily.IPV4);
        long pseudo = VrrpCodec.pseudoHeaderSum(IpFamily.IPV4, p.source().getAddress(), VrrpAddresses.MCAST_V4.getAddress(), len);
        return InetChecksum.finish(InetChecksum.add(pseudo, p.raw(), p.vrrpOffset(), len)) == 0;
    }

    /**
     * keepalived checks the source and TTL inside its address-list block, so (as there) an advert whose address
     * list is skipped (skip_check_adv_addr, from the current master) is not checked either. A TTL the socket
     * did not report (-1) passes.
     */
    private Decoded.Rejected checkUnicastSource(VrrpPacket p) {
        for (UnicastPeer peer : expect.unicastPeers()) {
            if (peer.address().equals(p.source())) {
                if (p.ttl() != -1 && !peer.ttlAllowed(p.ttl())) {
                    return VrrpCodec.reject(RejectReason.IP_TTL, p.family() == IpFamily.IPV4 ? 8 : -1,
                            "TTL/HL " + p.ttl() + " not in range " + peer.minTtl() + " - " + peer.maxTtl());
                }
                return null;
            }
        }
        return VrrpCodec.reject(RejectReason.UNICAST_SOURCE, p.family() == IpFamily.IPV4 ? 12 : -1,
                "unicast source address " + io.jkeepalived.common.AddressText.of(p.source()) + " not a unicast peer");
    }

    private Decoded.Rejected checkAh(VrrpPacket p, AhReplayGuard replay) {
        byte[] raw = p.raw();
        int ihl = (raw[0] & 0x0f) << 2;
        icv.compute(raw, 0, ihl, raw.length, expect.unicast(), icvBuffer, 0);
        if (!MessageDigest.isEqual(icvBuffer, p.ah().icv())) {
            return VrrpCodec.reject(RejectReason.AUTH_FAILURE, ihl + 12,
                    "IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !");
        }
        long saddr = VrrpCodec.u32(raw, 12);
        if (p.ah().spi() != saddr) {
            return VrrpCodec.reject(RejectReason.AUTH_FAILURE, ihl + 4,
                    "IPSEC AH : invalid IPSEC SPI value. " + saddr + " and expect " + p.ah().spi());
        }
        if (p.ah().sequence() <= replay.sequence()) {
            return VrrpCodec.reject(RejectReason.AUTH_FAILURE, ihl + 8, "IPSEC-AH : sequence number "
                    + p.ah().sequence() + " already processed. Packet dropped. Local(" + replay.sequence() + ")");
        }
        return null;
    }
}
