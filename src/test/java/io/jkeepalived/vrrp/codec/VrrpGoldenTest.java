package io.jkeepalived.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decodes and re-encodes the adverts real keepalived 2.2.7 sent (see resources/vrrp/golden/README.md). */
class VrrpGoldenTest {
    static final List<GoldenCapture> CAPTURE = GoldenCapture.load();
    static final byte[] PASS_KEY = key("jkvpass");
    static final byte[] AH_KEY = key("jkvah");
    /** vrid -> (version, auth, interval field, VIP count) as configured in keepalived-capture.conf. */
    static final Map<Integer, int[]> CONFIG = Map.of(10, new int[] {2, 0, 1, 3}, 11, new int[] {2, 1, 1, 1},
            12, new int[] {2, 2, 2, 2}, 13, new int[] {3, 0, 50, 2}, 14, new int[] {3, 0, 100, 2});

    static byte[] key(String password) {
        return Arrays.copyOf(password.getBytes(), 8);
    }

    @Test
    void captureHoldsEveryFlavourIncludingPriorityZero() {
        assertEquals(40, CAPTURE.size());
        for (int vrid : CONFIG.keySet()) {
            assertTrue(CAPTURE.stream().anyMatch(c -> c.vrid() == vrid && c.priority() > 0), "vrid " + vrid);
            assertTrue(CAPTURE.stream().anyMatch(c -> c.vrid() == vrid && c.priority() == 0), "prio 0 vrid " + vrid);
        }
    }

    @Test
    void everyIpv4AdvertDecodesAndReencodesByteForByte() throws Exception {
        int seen = 0;
        for (GoldenCapture c : CAPTURE) {
            if (c.ipv6()) {
                continue;
            }
            var ok = assertInstanceOf(Decoded.Ok.class, VrrpCodec.decodeIpv4(c.bytes()), c.summary());
            VrrpPacket p = ok.packet();
            VrrpAdvert a = p.advert();
            int[] conf = CONFIG.get(c.vrid());
            assertEquals(c.vrid(), a.vrid());
            assertEquals(c.priority(), a.priority());
            assertEquals(conf[0], a.version());
            assertEquals(conf[1], a.authType());
            assertEquals(conf[2], a.intervalField());
            assertEquals(conf[3], a.addresses().size());
            assertEquals(255, p.ttl());
            assertEquals(VrrpAddresses.MCAST_V4, p.destination());
            assertEquals(InetAddress.getByName("192.0.2.1"), p.source());
            assertEquals(a.version() == 2 ? ChecksumStatus.V2_OK : ChecksumStatus.PSEUDO_HEADER_OK, p.checksum());
            if (a.authType() == 1) {
                assertArrayEquals(PASS_KEY, a.authData());
            }
            int id = VrrpCodec.u16(c.bytes(), 4);
            long seq = p.ah() == null ? 0 : p.ah().sequence();
            var env = new VrrpCodec.Ipv4Envelope((Inet4Address) p.source(), (Inet4Address) p.destination(), id, 255,
                    false, seq, AH_KEY, false);
            ByteBuffer out = ByteBuffer.allocate(100);
            int n = VrrpCodec.encodeIpv4(a, env, out);
            assertArrayEquals(c.bytes(), Arrays.copyOf(out.array(), n), c.summary());
            seen++;
        }
        assertEquals(33, seen);
    }

    @Test
    void ipv6AdvertsDecodeWithPseudoHeaderChecksumAndReencode() {
        int seen = 0;
        for (GoldenCapture c : CAPTURE) {
            if (!c.ipv6()) {
                continue;
            }
            byte[] b = c.bytes();
            var src = (Inet6Address) addr(Arrays.copyOfRange(b, 8, 24));
            var dst = (Inet6Address) addr(Arrays.copyOfRange(b, 24, 40));
            byte[] payload = Arrays.copyOfRange(b, 40, b.length);
            var ok = assertInstanceOf(Decoded.Ok.class, VrrpCodec.decodeIpv6(payload, src, dst, b[7] & 0xff));
            VrrpAdvert a = ok.packet().advert();
            assertEquals(3, a.version());
            assertEquals(14, a.vrid());
            assertEquals(1_000_000, a.intervalMicros());
            assertEquals(List.of(addr("2001:db8::14"), addr("2001:db8::15")), a.addresses());
            assertEquals(ChecksumStatus.PSEUDO_HEADER_OK, ok.packet().checksum());
            ByteBuffer out = ByteBuffer.allocate(100);
            int n = VrrpCodec.encodeIpv6(a, src, dst, out);
            assertArrayEquals(payload, Arrays.copyOf(out.array(), n));
            seen++;
        }
        assertEquals(7, seen);
    }

    @Test
    void capturedAdvertsPassTheirInstancesValidation() throws Exception {
        var guards = Map.of(10, new AhReplayGuard(), 11, new AhReplayGuard(), 12, new AhReplayGuard(),
                13, new AhReplayGuard());
        for (GoldenCapture c : CAPTURE) {
            if (c.ipv6()) {
                continue;
            }
            VrrpPacket p = ((Decoded.Ok) VrrpCodec.decodeIpv4(c.bytes())).packet();
            int[] conf = CONFIG.get(c.vrid());
            var auth = AuthType.fromWire(conf[1]);
            byte[] authKey = auth == AuthType.PASS ? PASS_KEY : auth == AuthType.AH ? AH_KEY : new byte[0];
            var expect = new AdvertExpectations("V", c.vrid(), conf[0], IpFamily.IPV4, auth, authKey,
                    p.advert().intervalMicros(), p.advert().addresses(), false, false);
            var result = new AdvertValidator(expect).validate(p, true, guards.get(c.vrid()));
            assertInstanceOf(Decoded.Ok.class, result, c.summary() + " -> " + result);
        }
        assertEquals(3, guards.get(12).sequence(), "AH sequence numbers 1, 2, 3 were accepted in turn");
    }

    @Test
    void replayedAhAdvertIsRefused() {
        GoldenCapture first = CAPTURE.stream().filter(c -> c.vrid() == 12).findFirst().orElseThrow();
        VrrpPacket p = ((Decoded.Ok) VrrpCodec.decodeIpv4(first.bytes())).packet();
        var v = new AdvertValidator(new AdvertExpectations("VI_AH", 12, 2, IpFamily.IPV4, AuthType.AH, AH_KEY,
                2_000_000, p.advert().addresses(), false, false));
        var guard = new AhReplayGuard();
        assertInstanceOf(Decoded.Ok.class, v.validate(p, true, guard));
        var again = assertInstanceOf(Decoded.Rejected.class, v.validate(p, true, guard));
        assertEquals(RejectReason.AUTH_FAILURE, again.reason());
        assertTrue(again.detail().contains("already processed"), again.detail());
    }

    @Test
    void advertWriterReproducesKeepalivedsSequenceOfPackets() throws Exception {
        for (int vrid : List.of(10, 11, 12, 13)) {
            List<GoldenCapture> sent = CAPTURE.stream().filter(c -> c.vrid() == vrid).toList();
            VrrpPacket first = ((Decoded.Ok) VrrpCodec.decodeIpv4(sent.getFirst().bytes())).packet();
            var writer = new AdvertWriter(first.advert(), first.source(), first.destination(), false,
                    vrid == 12 ? AH_KEY : null, new AhReplayGuard(), false);
            ByteBuffer out = ByteBuffer.allocate(writer.length());
            for (GoldenCapture c : sent) {
                out.clear();
                writer.write(c.priority(), out);
                assertArrayEquals(c.bytes(), out.array(), c.summary());
            }
        }
    }

    @Test
    void advertWriterReproducesIpv6Adverts() {
        List<GoldenCapture> sent = CAPTURE.stream().filter(GoldenCapture::ipv6).toList();
        byte[] b = sent.getFirst().bytes();
        var src = (Inet6Address) addr(Arrays.copyOfRange(b, 8, 24));
        var dst = (Inet6Address) addr(Arrays.copyOfRange(b, 24, 40));
        VrrpAdvert a = ((Decoded.Ok) VrrpCodec.decodeIpv6(Arrays.copyOfRange(b, 40, b.length), src, dst, 255))
                .packet().advert();
        var writer = new AdvertWriter(a, src, dst, false, null, new AhReplayGuard(), false);
        for (GoldenCapture c : sent) {
            ByteBuffer out = ByteBuffer.allocate(writer.length());
            writer.write(c.priority(), out);
            assertArrayEquals(Arrays.copyOfRange(c.bytes(), 40, c.bytes().length), out.array(), c.summary());
        }
    }

    @Test
    void v3ChecksumCanBeReAimedAtAUnicastPeer() throws Exception {
        GoldenCapture c = CAPTURE.stream().filter(g -> g.vrid() == 13).findFirst().orElseThrow();
        VrrpPacket p = ((Decoded.Ok) VrrpCodec.decodeIpv4(c.bytes())).packet();
        var peer = (Inet4Address) addr("192.0.2.9");
        ByteBuffer direct = ByteBuffer.allocate(100);
        int n = VrrpCodec.encodeIpv4(p.advert(), new VrrpCodec.Ipv4Envelope((Inet4Address) p.source(), peer, 1, 255,
                false, 0, null, true), direct);
        byte[] retargeted = c.bytes().clone();
        VrrpCodec.retargetChecksum(retargeted, 20, VrrpAddresses.MCAST_V4.getAddress(), peer.getAddress());
        assertEquals(VrrpCodec.u16(direct.array(), 26), VrrpCodec.u16(retargeted, 26));
        for (int prio = 0; prio < 256; prio += 17) {          // and for any checksum value
            byte[] b = c.bytes().clone();
            b[22] = (byte) prio;
            b[26] = 0;
            b[27] = 0;
            long sum = VrrpCodec.pseudoHeaderSum(IpFamily.IPV4, p.source().getAddress(), VrrpAddresses.MCAST_V4.getAddress(), 16);
            VrrpCodec.put16(b, 26, InetChecksum.finish(InetChecksum.add(sum, b, 20, 16)));
            VrrpCodec.retargetChecksum(b, 20, VrrpAddresses.MCAST_V4.getAddress(), peer.getAddress());
            long check = VrrpCodec.pseudoHeaderSum(IpFamily.IPV4, p.source().getAddress(), peer.getAddress(), 16);
            assertEquals(0, InetChecksum.finish(InetChecksum.add(check, b, 20, 16)), "prio " + prio);
        }
    }

    static InetAddress addr(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
