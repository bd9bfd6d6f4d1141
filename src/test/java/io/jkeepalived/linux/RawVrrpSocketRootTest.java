package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our raw VRRP sockets against the real keepalived over a veth: ns "a" (us, va 192.0.2.1) and ns "b"
 * (keepalived, vb 192.0.2.2). We receive its adverts with the right source, TTL 255 and interface; it
 * receives ours (it logs them and yields MASTER to our higher priority).
 */
@Tag("root")
class RawVrrpSocketRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.dualStack("r");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @Test
    void ipv4ReceivesKeepalivedAndKeepalivedYieldsToOurHigherPriority(@TempDir Path dir) throws Exception {
        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "va").withSource(InetAddress.getByName("192.0.2.1"));
        int vaIndex = RootNs.ifindex(a, "va");
        try (var keepalived = RealKeepalived.start(b, dir, config("vb", 51, "192.0.2.100/24"));
                var socket = RootNs.in(a, () -> Linux.openVrrpSocket(spec));
                var poller = Linux.openEventPoller()) {
            poller.register(socket.fd());
            var rx = new ReceivedPacket(2048);
            assertTrue(awaitAdvert(poller, socket, rx, 51, Duration.ofSeconds(15)), () -> "no advert from keepalived\n" + keepalived.log());
            assertEquals("192.0.2.2", rx.sourceAddress().getHostAddress());
            assertEquals("224.0.0.18", rx.destinationAddress().getHostAddress());
            assertEquals(255, rx.ttl);
            assertEquals(vaIndex, rx.interfaceIndex);
            assertEquals(20, rx.payloadOffset);
            assertEquals(0x21, rx.data[rx.payloadOffset] & 0xff, "VRRP v2 advertisement");
            assertEquals(100, rx.data[rx.payloadOffset + 2] & 0xff, "keepalived's priority");

            var ours = TestAdverts.v2(51, 200, InetAddress.getByName("192.0.2.100"));
            assertTrue(sendUntilLogged(socket, ours, keepalived,
                    "(VI_1) Master received advert from 192.0.2.1 with higher priority 200, ours 100"), keepalived::log);
            assertTrue(keepalived.awaitLog("(VI_1) Entering BACKUP STATE", Duration.ofSeconds(5)), keepalived::log);
        }
    }

    @Test
    void ipv6ReceivesKeepalivedWithHopLimitAndKeepalivedYieldsToOurHigherPriority(@TempDir Path dir) throws Exception {
        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET6, "va");
        int vaIndex = RootNs.ifindex(a, "va");
        try (var keepalived = RealKeepalived.start(b, dir, config("vb", 52, "2001:db8::100/64"));
                var socket = RootNs.in(a, () -> Linux.openVrrpSocket(spec));
                var poller = Linux.openEventPoller()) {
            poller.register(socket.fd());
            var rx = new ReceivedPacket(2048);
            assertTrue(awaitAdvert(poller, socket, rx, 52, Duration.ofSeconds(15)), () -> "no advert from keepalived\n" + keepalived.log());
            var source = rx.sourceAddress();
            assertTrue(source.isLinkLocalAddress(), "VRRPv3 over IPv6 comes from a link-local address: " + source);
            assertEquals("ff02:0:0:0:0:0:0:12", rx.destinationAddress().getHostAddress());
            assertEquals(255, rx.ttl, "hop limit from IPV6_HOPLIMIT");
            assertEquals(vaIndex, rx.interfaceIndex);
            assertEquals(0, rx.payloadOffset);
            assertEquals(0x31, rx.data[0] & 0xff, "VRRP v3 advertisement");

            var ours = TestAdverts.v3(52, 200, InetAddress.getByName("2001:db8::100"));
            assertTrue(sendUntilLogged(socket, ours, keepalived, "(VI_1) Master received advert from fe80::"), keepalived::log);
            assertTrue(keepalived.log().contains("with higher priority 200, ours 100"), keepalived::log);
            assertTrue(keepalived.awaitLog("(VI_1) Entering BACKUP STATE", Duration.ofSeconds(5)), keepalived::log);
        }
    }

    /** Our adverts, once a second, hold a real keepalived in BACKUP; our priority 0 makes it take over at once. */
    @Test
    void ourAdvertStreamHoldsKeepalivedBackupAndPriorityZeroHandsOver(@TempDir Path dir) throws Exception {
        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "va").withSource(InetAddress.getByName("192.0.2.1"));
        var vip = InetAddress.getByName("192.0.2.100");
        try (var keepalived = RealKeepalived.start(b, dir, config("vb", 53, "192.0.2.100/24").replace("state MASTER", "state BACKUP"));
                var socket = RootNs.in(a, () -> Linux.openVrrpSocket(spec))) {
            var master = TestAdverts.v2(53, 200, vip);
            for (int i = 0; i < 6; i++) { // 6 s: well past keepalived's 3.6 s master-down interval
                socket.send(master, 0, master.length);
                assertTrue(!keepalived.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(1)),
                        () -> "keepalived ignored our adverts:\n" + keepalived.log());
            }
            assertTrue(keepalived.log().contains("(VI_1) Entering BACKUP STATE"), keepalived::log);
            var leaving = TestAdverts.v2(53, 0, vip);
            socket.send(leaving, 0, leaving.length);
            assertTrue(keepalived.awaitLog("(VI_1) Backup received priority 0 advertisement", Duration.ofSeconds(3)), keepalived::log);
            assertTrue(keepalived.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(3)), keepalived::log);
        }
    }

    @Test
    void unicastPeersEachGetACopyWithTheUnicastTtl() throws Exception {
        var peerAddr = InetAddress.getByName("192.0.2.2");
        var spec = new VrrpSocketSpec(StandardProtocolFamily.INET, "va", java.util.Optional.of(InetAddress.getByName("192.0.2.1")),
                List.of(peerAddr), 64);
        var receiverSpec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "vb").withUnicastPeers(List.of(InetAddress.getByName("192.0.2.1")), 255);
        try (var sender = RootNs.in(a, () -> Linux.openVrrpSocket(spec));
                var receiver = RootNs.in(b, () -> Linux.openVrrpSocket(receiverSpec));
                var poller = Linux.openEventPoller()) {
            poller.register(receiver.fd());
            var advert = TestAdverts.v2(7, 150, InetAddress.getByName("192.0.2.7"));
            sender.send(advert, 0, advert.length);
            var rx = new ReceivedPacket(2048);
            assertTrue(awaitAdvert(poller, receiver, rx, 7, Duration.ofSeconds(5)));
            assertEquals("192.0.2.2", rx.destinationAddress().getHostAddress());
            assertEquals(64, rx.ttl);
            assertEquals("192.0.2.1", rx.sourceAddress().getHostAddress());
        }
    }

    static boolean awaitAdvert(EventPoller poller, RawVrrpSocket socket, ReceivedPacket rx, int vrid, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            poller.await(200, fd -> { });
            while (socket.receive(rx)) {
                if (rx.payloadLength >= 8 && (rx.data[rx.payloadOffset + 1] & 0xff) == vrid) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sendUntilLogged(RawVrrpSocket socket, byte[] advert, RealKeepalived keepalived, String line)
            throws Exception {
        for (int i = 0; i < 10; i++) {
            socket.send(advert, 0, advert.length);
            if (keepalived.awaitLog(line, Duration.ofSeconds(1))) {
                return true;
            }
        }
        return false;
    }

    static String config(String ifname, int vrid, String vip) {
        return """
                global_defs {
                    router_id jkl_peer
                    vrrp_garp_master_delay 0
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface %s
                    virtual_router_id %d
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        %s
                    }
                }
                """.formatted(ifname, vrid, vip);
    }
}
