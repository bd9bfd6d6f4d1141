package io.jkeepalived.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed adverts, each made from a real keepalived packet by breaking exactly one thing (checksums
 * are repaired afterwards unless the checksum is the thing broken), and the one reason it is refused.
 */
class VrrpMalformedCorpusTest {
    static final byte[] V2_NONE = first(10);
    static final byte[] V2_PASS = first(11);
    static final byte[] V2_AH = first(12);
    static final byte[] V3_V4 = first(13);

    /** A case: name, base packet, mutation, expected reason, whether the decoder (true) or the validator refuses. */
    record Case(String name, byte[] base, UnaryOperator<byte[]> mutate, RejectReason reason, boolean byDecoder,
                String logFragment) {
        @Override
        public String toString() {
            return name + " -> " + reason;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                new Case("empty", V2_NONE, b -> new byte[0], RejectReason.PACKET_LENGTH, true, "too short - 0 bytes"),
                new Case("ip header only", V2_NONE, b -> Arrays.copyOf(b, 20), RejectReason.PACKET_LENGTH, true, "too short"),
                new Case("ip version 6 nibble", V2_NONE, b -> set(b, 0, 0x65), RejectReason.IP_HEADER, true, "IP version 6"),
                new Case("ihl below 5", V2_NONE, b -> set(b, 0, 0x44), RejectReason.IP_HEADER, true, "below 20"),
                new Case("protocol udp", V2_NONE, b -> set(b, 9, 17), RejectReason.IP_HEADER, true, "protocol 17"),
                new Case("ah truncated", V2_AH, b -> ipLen(Arrays.copyOf(b, 40)), RejectReason.PACKET_LENGTH, true, "with AH too short"),
                new Case("ah for tcp", V2_AH, b -> set(b, 20, 6), RejectReason.AH_NOT_VRRP, true, "protocol 6"),
                new Case("vrrp version 1", V2_NONE, b -> v2sum(set(b, 20, 0x11)), RejectReason.VERSION, true, "unknown VRRP version 1"),
                new Case("vrrp version 4", V3_V4, b -> set(b, 20, 0x41), RejectReason.VERSION, true, "unknown VRRP version 4"),
                new Case("naddr too big", V2_NONE, b -> v2sum(set(b, 23, 4)), RejectReason.PACKET_LENGTH, true, "too short"),
                new Case("naddr too small", V2_NONE, b -> v2sum(set(b, 23, 2)), RejectReason.PACKET_LENGTH, true, "too long"),
                new Case("trailing byte", V2_NONE, b -> ipLen(Arrays.copyOf(b, b.length + 1)), RejectReason.PACKET_LENGTH, true, "too long"),
                new Case("ip total length lies", V2_NONE, b -> set16(b, 2, b.length + 4), RejectReason.PACKET_LENGTH, true, "ip_tot_len mismatch"),
                new Case("type 2", V2_NONE, b -> v2sum(set(b, 20, 0x22)), RejectReason.INVALID_TYPE, true, "Invalid packet type. 2"),
                new Case("auth type 3", V2_NONE, b -> v2sum(set(b, 24, 3)), RejectReason.INVALID_AUTHTYPE, true, "Invalid auth type: 3"),
                new Case("v2 checksum", V2_NONE, b -> set(b, 27, b[27] ^ 1), RejectReason.CHECKSUM, true, "Invalid VRRPv2 checksum"),
                new Case("ttl 64", V2_NONE, b -> set(b, 8, 64), RejectReason.IP_TTL, false, "Received 64 and expect 255"),
                new Case("v3 to v2 instance", V3_V4, b -> b, RejectReason.VERSION, false, "wrong version. Received 3 and expect 2"),
                new Case("v3 checksum", V3_V4, b -> set(b, 27, b[27] ^ 1), RejectReason.CHECKSUM, false, "Invalid VRRPv3 checksum"),
                new Case("pass instead of none", V2_PASS, b -> b, RejectReason.AUTHTYPE_MISMATCH, false, "received a 1 auth, expecting 0!"),
                new Case("wrong password", V2_PASS, b -> v2sum(set(b, 35, 'X')), RejectReason.AUTH_FAILURE, false, "invalid passwd"),
                new Case("AH where none expected", V2_AH, b -> b, RejectReason.AUTHTYPE_MISMATCH, false, "Received AH header but auth type not AH"),
                new Case("ah icv flipped", V2_AH, b -> set(b, 33, b[33] ^ 1), RejectReason.AUTH_FAILURE, false, "HMAC-MD5"),
                new Case("ah priority changed", V2_AH, b -> v2sumAt(set(b, 46, 201), 44), RejectReason.AUTH_FAILURE, false, "HMAC-MD5"),
                new Case("interval 3 s", V2_NONE, b -> v2sum(set(b, 25, 3)), RejectReason.ADVERT_INTERVAL, false, "mine=1 sec rcv'd=3 sec"),
                new Case("vip changed", V2_NONE, b -> v2sum(set(b, 31, 99)), RejectReason.ADDR_LIST, false, "not present in MASTER advert: 192.0.2.10"),
                new Case("unicast destination", V2_NONE, b -> ipsum(set(b, 16, 192, 0, 2, 2)), RejectReason.ADDR_LIST, false, "Expected multicast packet but received unicast packet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseIsRefusedForItsOneReason(Case c) {
        byte[] pkt = c.mutate().apply(c.base().clone());
        Decoded decoded = VrrpCodec.decodeIpv4(pkt);
        Decoded.Rejected rejected;
        if (c.byDecoder()) {
            rejected = assertInstanceOf(Decoded.Rejected.class, decoded, c.name());
        } else {
            var ok = assertInstanceOf(Decoded.Ok.class, decoded, c.name() + " must get past the decoder");
            rejected = assertInstanceOf(Decoded.Rejected.class, expectations(c).validate(ok.packet(), true, new AhReplayGuard()));
        }
        assertEquals(c.reason(), rejected.reason(), rejected.detail());
        assertTrue(rejected.detail().contains(c.logFragment()), rejected.detail());
        assertTrue(rejected.offset() >= -1 && rejected.offset() <= Math.max(pkt.length, 1), "offset " + rejected.offset());
    }

    /** The receiving instance: a plain VRRPv2, no auth, 1 s, VIPs 192.0.2.10-12 unless the case needs auth. */
    static AdvertValidator expectations(Case c) {
        List<InetAddress> vips = List.of(a("192.0.2.10"), a("192.0.2.11"), a("192.0.2.12"));
        AuthType auth = AuthType.NONE;
        byte[] key = new byte[0];
        int vrid = 10;
        long interval = 1_000_000;
        if (c.name().equals("wrong password")) {
            auth = AuthType.PASS;
            key = VrrpGoldenTest.PASS_KEY;
            vips = List.of(a("192.0.2.20"));
        } else if (c.name().startsWith("ah ")) {
            auth = AuthType.AH;
            key = VrrpGoldenTest.AH_KEY;
            vips = List.of(a("192.0.2.30"), a("192.0.2.31"));
            interval = 2_000_000;
        } else if (c.name().equals("v3 checksum")) {
            return new AdvertValidator(new AdvertExpectations("VI_1", 13, 3, IpFamily.IPV4, AuthType.NONE, key,
                    500_000, List.of(a("192.0.2.40"), a("192.0.2.41")), false, false));
        } else if (c.name().equals("pass instead of none")) {
            vips = List.of(a("192.0.2.20"));
        }
        return new AdvertValidator(new AdvertExpectations("VI_1", vrid, 2, IpFamily.IPV4, auth, key, interval, vips,
                false, false));
    }

    static byte[] first(int vrid) {
        return VrrpGoldenTest.CAPTURE.stream().filter(c -> c.vrid() == vrid && !c.ipv6()).findFirst().orElseThrow().bytes();
    }

    static byte[] set(byte[] b, int off, int... values) {
        for (int i = 0; i < values.length; i++) {
            b[off + i] = (byte) values[i];
        }
        return b;
    }

    static byte[] set16(byte[] b, int off, int v) {
        return set(b, off, v >>> 8, v & 0xff);
    }

    static byte[] ipLen(byte[] b) {
        return set16(b, 2, b.length);
    }

    /** Repairs the VRRPv2 checksum of a packet whose VRRP header is at 20. */
    static byte[] v2sum(byte[] b) {
        return v2sumAt(b, 20);
    }

    static byte[] v2sumAt(byte[] b, int off) {
        b[off + 6] = 0;
        b[off + 7] = 0;
        int sum = InetChecksum.finish(InetChecksum.add(0, b, off, b.length - off));
        return set16(b, off + 6, sum);
    }

    /** Repairs the IPv4 header checksum (receivers do not check it, but the case should be clean). */
    static byte[] ipsum(byte[] b) {
        b[10] = 0;
        b[11] = 0;
        return set16(b, 10, InetChecksum.finish(InetChecksum.add(0, b, 0, 20)));
    }

    static InetAddress a(String s) {
        return VrrpGoldenTest.addr(s);
    }
}
