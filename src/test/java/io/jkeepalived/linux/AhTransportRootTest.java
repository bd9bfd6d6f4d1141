package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.vrrp.codec.AdvertExpectations;
import io.jkeepalived.vrrp.codec.AdvertValidator;
import io.jkeepalived.vrrp.codec.AdvertWriter;
import io.jkeepalived.vrrp.codec.AhReplayGuard;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.adapters.vrrp.LinuxVrrpTransport;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LinuxVrrpTransport's AH path on a real IP_HDRINCL protocol-51 socket through a veth: every advert AdvertWriter
 * builds arrives whole, is addressed to the group (multicast) or to the peer (unicast: destination, header
 * checksum and ICV rewritten per peer), passes the receiving side's AH checks (ICV, SPI, growing sequence), and
 * once warm writing + sending allocates nothing.
 */
@Tag("root")
class AhTransportRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.ipv4("q");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ahAdvertsGoOutWholeCheckedAndWithoutAllocation(boolean unicast) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var source = InetAddress.getByName("192.0.2.1");
        var peer = InetAddress.getByName("192.0.2.2");
        var group = InetAddress.getByName(VrrpSocketSpec.VRRP_GROUP_V4);
        var vips = List.of(InetAddress.getByName("192.0.2.60"));
        byte[] key = Arrays.copyOf("jkaKey".getBytes(StandardCharsets.US_ASCII), 8);
        var params = InstanceParams.builder("VI_AH", 60, source).interfaceName("va").priority(100).vips(vips)
                .auth(AuthType.AH, key).unicast(unicast).build();
        var sequence = new AhReplayGuard();
        var writer = new AdvertWriter(VrrpAdvert.of(2, 60, 100, AuthType.AH, 1, vips, key), source, group, false, key,
                sequence, unicast);
        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "va").withSource(source)
                .withUnicastPeers(unicast ? List.of(peer) : List.of(), 255).withIpHeaderIncluded().withAuthenticationHeader();
        // a multicast socket is bound to its group: unicast adverts need a unicast socket, as the daemon opens
        var recvSpec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "vb")
                .withUnicastPeers(unicast ? List.of(source) : List.of(), 255).withAuthenticationHeader();
        var validator = new AdvertValidator(new AdvertExpectations("VI_AH", 60, 2, IpFamily.IPV4, AuthType.AH, key,
                1_000_000, vips, unicast, false));
        var seen = new AhReplayGuard();
        try (var transport = new LinuxVrrpTransport(Linux.openEventPoller(),
                        Map.of("VI_AH", RootNs.in(a, () -> Linux.openVrrpSocket(spec))));
                var receiver = RootNs.in(b, () -> Linux.openVrrpSocket(recvSpec));
                var poller = Linux.openEventPoller()) {
            poller.register(receiver.fd());
            var out = ByteBuffer.allocateDirect(2048);
            var rx = new ReceivedPacket(2048);
            int warm = 100_000;
            int measured = 5_000;
            long allocated = 0;
            int accepted = 0;
            for (int i = 0; i < warm + measured; i++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                out.clear();
                writer.write(100, out);
                out.flip();
                transport.send(params, out, writer.vrrpOffset());
                if (i >= warm) {
                    allocated += threads.getCurrentThreadAllocatedBytes() - before;
                }
                boolean got = false;
                for (int tries = 0; !got && tries < 50; tries++) {
                    poller.await(100, fd -> { });
                    while (receiver.receive(rx)) {
                        got = true;
                        if (i % 1000 == 0 || i == warm + measured - 1) {
                            Decoded d = VrrpCodec.decodeIpv4(Arrays.copyOf(rx.data, rx.length));
                            var ok = assertInstanceOf(Decoded.Ok.class, d, () -> "decoded: " + d);
                            assertEquals(unicast ? peer : group, ok.packet().destination());
                            assertEquals(source, ok.packet().source());
                            assertEquals(null, validator.check(ok.packet(), true, seen), "the receiver's AH checks");
                            seen.sequence(ok.packet().ah().sequence());
                        }
                        accepted++;
                    }
                }
            }
            System.out.printf("AH send path (%s): %d adverts received, %d bytes allocated over %d warm write+send%n",
                    unicast ? "unicast" : "multicast", accepted, allocated, measured);
            assertEquals(warm + measured, accepted, "every AH advert arrived");
            assertTrue(allocated < 256, "allocated " + allocated + " bytes over " + measured + " AH write+send");
        }
    }
}
