package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The shape of the daemon's VRRP loop: one thread, one epoll set holding IPv4 and IPv6 VRRP sockets and the
 * netlink monitor, waiting until the next deadline and dispatching by fd.
 */
@Tag("root")
class EventLoopRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.ipv4("l");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @Test
    void oneThreadServesVrrpV4V6AndNetlink() throws Exception {
        var v4Spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "vb");
        var v6Spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET6, "vb");
        try (var v4 = RootNs.in(b, () -> Linux.openVrrpSocket(v4Spec));
                var v6 = RootNs.in(b, () -> Linux.openVrrpSocket(v6Spec));
                var monitor = RootNs.in(b, Linux::openNetlinkMonitor);
                var poller = Linux.openEventPoller();
                var tx4 = RootNs.in(a, () -> Linux.openVrrpSocket(VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "va")));
                var tx6 = RootNs.in(a, () -> Linux.openVrrpSocket(VrrpSocketSpec.multicast(StandardProtocolFamily.INET6, "va")))) {
            poller.register(v4.fd());
            poller.register(v6.fd());
            poller.register(monitor.fd());
            var adv4 = TestAdverts.v2(1, 100, InetAddress.getByName("192.0.2.50"));
            var adv6 = TestAdverts.v3(2, 100, InetAddress.getByName("2001:db8::50"));
            tx4.send(adv4, 0, adv4.length);
            tx6.send(adv6, 0, adv6.length);
            b.exec("ip", "addr", "add", "192.0.2.77/32", "dev", "vb");

            var seen = new ArrayList<String>();
            var rx = new ReceivedPacket(2048);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                int timeout = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                List<Integer> ready = new ArrayList<>();
                poller.await(timeout, ready::add);
                for (int fd : ready) {
                    if (fd == v4.fd()) {
                        while (v4.receive(rx)) {
                            seen.add("v4 vrid " + rx.data[rx.payloadOffset + 1] + " from " + rx.sourceAddress().getHostAddress());
                        }
                    } else if (fd == v6.fd()) {
                        while (v6.receive(rx)) {
                            seen.add("v6 vrid " + rx.data[1] + " ttl " + rx.ttl);
                        }
                    } else if (fd == monitor.fd()) {
                        monitor.drain(e -> {
                            if (e instanceof NetlinkEvent.AddressAdded(var addr) && addr.cidr().equals("192.0.2.77/32")) {
                                seen.add("address " + addr.cidr());
                            }
                        });
                    }
                }
            }
            assertTrue(seen.contains("v4 vrid 1 from 192.0.2.1"), seen.toString());
            assertTrue(seen.contains("v6 vrid 2 ttl 255"), seen.toString());
            assertTrue(seen.contains("address 192.0.2.77/32"), seen.toString());
            assertEquals(3, seen.size(), seen.toString());
        }
    }

    @Test
    void ipv6UnicastFromALinkLocalSourceToALinkLocalPeer() throws Exception {
        int vaIndex = RootNs.ifindex(a, "va");
        int vbIndex = RootNs.ifindex(b, "vb");
        var ourLinkLocal = linkLocal(a, vaIndex);
        var peerLinkLocal = linkLocal(b, vbIndex);
        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET6, "va").withSource(ourLinkLocal)
                .withUnicastPeers(List.of(peerLinkLocal), 255);
        var peerSpec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET6, "vb").withUnicastPeers(List.of(ourLinkLocal), 255);
        try (var tx = RootNs.in(a, () -> Linux.openVrrpSocket(spec));
                var rxSock = RootNs.in(b, () -> Linux.openVrrpSocket(peerSpec));
                var poller = Linux.openEventPoller()) {
            poller.register(rxSock.fd());
            var adv = TestAdverts.v3(3, 120, InetAddress.getByName("2001:db8::3"));
            tx.send(adv, 0, adv.length);
            var rx = new ReceivedPacket(2048);
            assertTrue(RawVrrpSocketRootTest.awaitAdvert(poller, rxSock, rx, 3, java.time.Duration.ofSeconds(5)));
            assertEquals(ourLinkLocal, InetAddress.getByAddress(rx.sourceAddress().getAddress()));
            assertEquals(InetAddress.getByAddress(peerLinkLocal.getAddress()), rx.destinationAddress());
            assertEquals(vbIndex, rx.interfaceIndex);
            assertEquals(vbIndex, rx.sourceScopeId);
            assertTrue(checksumValid(rx, ourLinkLocal.getAddress(), peerLinkLocal.getAddress()), "kernel filled the VRRP checksum");
        }
    }

    private static InetAddress linkLocal(NetNs ns, int index) throws Exception {
        return RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                return nl.addresses().stream().filter(x -> x.interfaceIndex() == index && x.address().isLinkLocalAddress())
                        .findFirst().orElseThrow().address();
            }
        });
    }

    /** RFC 5798 5.2.8: the checksum covers the IPv6 pseudo-header and the VRRP message. */
    private static boolean checksumValid(ReceivedPacket rx, byte[] src, byte[] dst) {
        var pseudo = new byte[40 + rx.payloadLength];
        System.arraycopy(src, 0, pseudo, 0, 16);
        System.arraycopy(dst, 0, pseudo, 16, 16);
        pseudo[34] = (byte) (rx.payloadLength >> 8);
        pseudo[35] = (byte) rx.payloadLength;
        pseudo[39] = 112;
        System.arraycopy(rx.data, rx.payloadOffset, pseudo, 40, rx.payloadLength);
        return TestAdverts.checksum(pseudo, 0, pseudo.length, 0) == 0;
    }
}
