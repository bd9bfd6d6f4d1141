package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.vrrp.codec.AdvertWriter;
import io.jkeepalived.vrrp.codec.AhReplayGuard;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's IPv4 path end to end with the project's own codec: an IP_HDRINCL socket on protocol 51 (AH)
 * receives keepalived's AH-authenticated adverts, VrrpCodec decodes them, and keepalived accepts the whole IPv4
 * packets AdvertWriter builds (IP header, AH with HMAC-MD5-96 ICV, VRRP) as sent by our socket.
 */
@Tag("root")
class AhVrrpRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.ipv4("h");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @Test
    void ahAdvertsBothWaysWithKeepalived(@TempDir Path dir) throws Exception {
        var source = InetAddress.getByName("192.0.2.1");
        var group = InetAddress.getByName(VrrpSocketSpec.VRRP_GROUP_V4);
        var vip = InetAddress.getByName("192.0.2.100");
        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "va").withSource(source).withIpHeaderIncluded()
                .withAuthenticationHeader();
        String config = RawVrrpSocketRootTest.config("vb", 54, "192.0.2.100/24").replace("advert_int 1", """
                advert_int 1
                    authentication {
                        auth_type AH
                        auth_pass secret1
                    }""");
        try (var keepalived = RealKeepalived.start(b, dir, config);
                var socket = RootNs.in(a, () -> Linux.openVrrpSocket(spec));
                var poller = Linux.openEventPoller()) {
            assertEquals(51, spec.protocol());
            poller.register(socket.fd());
            var rx = new ReceivedPacket(2048);
            Decoded.Ok ok = null;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (ok == null && System.nanoTime() < deadline) {
                poller.await(200, fd -> { });
                while (socket.receive(rx)) {
                    if (VrrpCodec.decodeIpv4(Arrays.copyOf(rx.data, rx.length)) instanceof Decoded.Ok d && d.packet().advert().vrid() == 54) {
                        ok = d;
                    }
                }
            }
            assertNotNull(ok, () -> "no AH advert from keepalived\n" + keepalived.log());
            assertNotNull(ok.packet().ah(), "decoded with its AH header");
            assertEquals(InetAddress.getByName("192.0.2.2"), ok.packet().source());
            assertEquals(255, ok.packet().ttl());

            var key = Arrays.copyOf("secret1".getBytes(StandardCharsets.US_ASCII), 8);
            var counter = new AhReplayGuard();
            counter.sequence(1_000_000); // keepalived drops AH sequence numbers below the one it has reached
            var writer = new AdvertWriter(VrrpAdvert.of(2, 54, 200, AuthType.AH, 1, List.of(vip), new byte[8]), source, group,
                    false, key, counter, false);
            var out = ByteBuffer.allocate(writer.length());
            boolean logged = false;
            for (int i = 0; i < 10 && !logged; i++) {
                out.clear();
                int n = writer.write(200, out);
                socket.send(out.array(), 0, n);
                logged = keepalived.awaitLog("(VI_1) Master received advert from 192.0.2.1 with higher priority 200, ours 100",
                        Duration.ofSeconds(1));
            }
            assertTrue(logged, keepalived::log);
            assertTrue(keepalived.awaitLog("(VI_1) Entering BACKUP STATE", Duration.ofSeconds(5)), keepalived::log);
            assertInstanceOf(Decoded.Ok.class, ok);
        }
    }
}
