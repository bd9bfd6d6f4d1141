package io.jkeepalived.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the decoder and validator with untrusted bytes. Without JAZZER_FUZZ the @FuzzTest runs
 * only its seed inputs (resources .../VrrpDecoderFuzzTestInputs); with JAZZER_FUZZ=1 it fuzzes for
 * maxDuration. A plain seeded random test covers the same property on every build.
 */
class VrrpDecoderFuzzTest {
    static final AdvertValidator V2 = new AdvertValidator(new AdvertExpectations("VI_1", 10, 2, IpFamily.IPV4,
            AuthType.AH, VrrpGoldenTest.AH_KEY, 1_000_000, List.of(VrrpGoldenTest.addr("192.0.2.10")), false, false));
    static final AdvertValidator V3 = new AdvertValidator(new AdvertExpectations("VI_6", 14, 3, IpFamily.IPV6,
            AuthType.NONE, new byte[0], 1_000_000, List.of(VrrpGoldenTest.addr("2001:db8::14")), false, false));
    static final Inet6Address SRC = (Inet6Address) VrrpGoldenTest.addr("fe80::1");

    @FuzzTest(maxDuration = "120s")
    void decodeNeverFails(byte[] input) {
        check(input);
    }

    @Test
    void randomAndMutatedPacketsNeverThrow() {
        var rnd = new SplittableRandom(20261122);
        List<byte[]> seeds = VrrpGoldenTest.CAPTURE.stream().map(GoldenCapture::bytes).toList();
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[rnd.nextInt(0, 120)];
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) rnd.nextInt(256);
                }
            } else {
                b = seeds.get(rnd.nextInt(seeds.size())).clone();
                int flips = rnd.nextInt(1, 4);
                for (int f = 0; f < flips && b.length > 0; f++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(8) == 0) {
                    b = java.util.Arrays.copyOf(b, rnd.nextInt(0, b.length + 8));
                }
            }
            check(b);
        }
    }

    /** Decoding and validating never throw; whatever decodes re-encodes to an advert that decodes the same. */
    static void check(byte[] input) {
        for (Decoded d : List.of(VrrpCodec.decodeIpv4(input),
                VrrpCodec.decodeIpv6(input, SRC, VrrpAddresses.MCAST_V6, 255))) {
            switch (d) {
                case Decoded.Rejected r -> assertNotNull(r.detail());
                case Decoded.Ok ok -> {
                    VrrpPacket p = ok.packet();
                    var validated = (p.family() == IpFamily.IPV4 ? V2 : V3).validate(p, true, new AhReplayGuard());
                    assertNotNull(validated);
                    if (p.family() == IpFamily.IPV6) {
                        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.vrrpLength(p.advert(), IpFamily.IPV6));
                        VrrpCodec.encodeIpv6(p.advert(), SRC, VrrpAddresses.MCAST_V6, out);
                        var again = (Decoded.Ok) VrrpCodec.decodeIpv6(out.array(), SRC, VrrpAddresses.MCAST_V6, 255);
                        assertEquals(p.advert().addresses(), again.packet().advert().addresses());
                        assertEquals(ChecksumStatus.PSEUDO_HEADER_OK, again.packet().checksum());
                    }
                }
            }
        }
    }
}
