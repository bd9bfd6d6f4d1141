package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rtnetlink and the change monitor in a namespace, checked against what iproute2 shows. */
@Tag("root")
class RtnetlinkRootTest {
    private NetNs ns;
    private NetNs peer;

    @BeforeEach
    void namespace() {
        RootNs.assumeRoot();
        ns = RootNs.create("nl");
        peer = RootNs.create("nlp");
        ns.bridge("jb0");
        ns.veth("jv0", peer, "jv1");
    }

    @AfterEach
    void remove() {
        if (ns != null) {
            ns.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void listsLinksAsIpLinkShowsThem() throws Exception {
        var links = RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                return nl.links();
            }
        });
        var bridge = find(links, l -> l.name().equals("jb0"));
        var veth = find(links, l -> l.name().equals("jv0"));
        var lo = find(links, l -> l.name().equals("lo"));
        String ipOut = ns.exec("ip", "-o", "link", "show", "jv0");
        assertTrue(ipOut.startsWith(veth.index() + ": jv0@"), ipOut);
        assertTrue(ipOut.contains("link/ether " + veth.mac()), ipOut + " vs " + veth);
        assertEquals(Optional.of("bridge"), bridge.kind());
        assertTrue(bridge.isUp(), bridge.toString());
        assertEquals(1500, veth.mtu());
        assertEquals(Optional.of("veth"), veth.kind());
        assertTrue(veth.isRunning(), "peer end is up, so carrier: " + veth);
        assertEquals(Link.OperState.UP, veth.operState());
        assertEquals("00:00:00:00:00:00", lo.mac());
        assertEquals(65536, lo.mtu());
    }

    @Test
    void addsListsAndDeletesIpv4AndIpv6AddressesWithKeepalivedsOptions() throws Exception {
        int index = RootNs.ifindex(ns, "jv0");
        var v4 = InterfaceAddress.of(index, InetAddress.getByName("192.0.2.10"), 24)
                .withBroadcast(InetAddress.getByName("192.0.2.255")).withLabel("jv0:vip");
        var v6 = InterfaceAddress.of(index, InetAddress.getByName("2001:db8::10"), 64).withFlags(InterfaceAddress.IFA_F_NODAD);
        var host = InterfaceAddress.of(index, InetAddress.getByName("192.0.2.11"), 32).withScope(InterfaceAddress.RT_SCOPE_HOST);
        RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.addAddress(v4);
                nl.addAddress(v6);
                nl.addAddress(host);
                var listed = nl.addresses();
                var got4 = find(listed, a -> a.address().equals(v4.address()));
                assertEquals(24, got4.prefixLength());
                assertEquals(Optional.of("jv0:vip"), got4.label());
                assertEquals(v4.broadcast(), got4.broadcast());
                var got6 = find(listed, a -> a.address().equals(v6.address()));
                assertTrue((got6.flags() & InterfaceAddress.IFA_F_NODAD) != 0, "nodad kept: " + got6);
                assertEquals(254, find(listed, a -> a.address().equals(host.address())).scope());
                return null;
            }
        });
        String ip4 = ns.exec("ip", "-4", "addr", "show", "dev", "jv0");
        assertTrue(ip4.contains("inet 192.0.2.10/24 brd 192.0.2.255 scope global jv0:vip"), ip4);
        assertTrue(ip4.contains("inet 192.0.2.11/32 scope host"), ip4);
        String ip6 = ns.exec("ip", "-6", "addr", "show", "dev", "jv0");
        assertTrue(ip6.contains("inet6 2001:db8::10/64 scope global nodad"), ip6);

        var twice = assertThrows(SyscallException.class, () -> RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.addAddress(v4);
                return null;
            }
        }));
        assertEquals(Errno.EEXIST, twice.errno());
        // The kernel's extended ack follows strerror and the errno name.
        assertEquals("RTM_NEWADDR(192.0.2.10/24 dev " + index + " brd 192.0.2.255 label jv0:vip): File exists (EEXIST)"
                + ": ipv4: Address already assigned", twice.getMessage());

        RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.deleteAddress(v4);
                nl.deleteAddress(v6);
                assertFalse(nl.addresses().stream().anyMatch(a -> a.address().equals(v4.address()) || a.address().equals(v6.address())));
                var gone = assertThrows(SyscallException.class, () -> nl.deleteAddress(v6));
                assertEquals(Errno.EADDRNOTAVAIL, gone.errno(), gone.getMessage());
                return null;
            }
        });
        assertFalse(ns.exec("ip", "addr", "show", "dev", "jv0").contains("192.0.2.10"));
    }

    @Test
    void kernelExtendedAckTextIsInTheMessage() throws Exception {
        var bad = InterfaceAddress.of(99999, InetAddress.getByName("192.0.2.12"), 24);
        var e = assertThrows(SyscallException.class, () -> RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.addAddress(bad);
                return null;
            }
        }));
        assertEquals(Errno.ENODEV, e.errno(), e.getMessage());
        // NETLINK_EXT_ACK: 6.x kernels explain the errno; the text follows the errno name.
        assertEquals("RTM_NEWADDR(192.0.2.12/24 dev 99999): No such device (ENODEV): ipv4: Device not found", e.getMessage());
    }

    @Test
    void monitorReportsLinkDownAndAddressChangesThroughThePoller() throws Exception {
        int index = RootNs.ifindex(ns, "jv0");
        try (var monitor = RootNs.in(ns, Linux::openNetlinkMonitor); var poller = Linux.openEventPoller()) {
            poller.register(monitor.fd());
            var events = new ArrayList<NetlinkEvent>();
            peer.exec("ip", "link", "set", "jv1", "down"); // our end loses carrier
            ns.exec("ip", "addr", "add", "192.0.2.20/24", "dev", "jv0");
            ns.exec("ip", "addr", "del", "192.0.2.20/24", "dev", "jv0");
            ns.exec("ip", "link", "set", "jv0", "down");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && !(hasAdminDown(events, index) && hasRemoved(events))) {
                poller.await(200, fd -> { });
                monitor.drain(events::add);
            }
            assertTrue(events.stream().anyMatch(e -> e instanceof NetlinkEvent.LinkChanged(var l)
                    && l.index() == index && l.isUp() && !l.isRunning()), "carrier loss seen: " + events);
            assertTrue(events.stream().anyMatch(e -> e instanceof NetlinkEvent.AddressAdded(var a)
                    && a.cidr().equals("192.0.2.20/24") && a.interfaceIndex() == index), events.toString());
            assertTrue(hasRemoved(events), events.toString());
            assertTrue(hasAdminDown(events, index), events.toString());
        }
    }

    private static boolean hasAdminDown(List<NetlinkEvent> events, int index) {
        return events.stream().anyMatch(e -> e instanceof NetlinkEvent.LinkChanged(var l) && l.index() == index && !l.isUp());
    }

    private static boolean hasRemoved(List<NetlinkEvent> events) {
        return events.stream().anyMatch(e -> e instanceof NetlinkEvent.AddressRemoved(var a) && a.cidr().equals("192.0.2.20/24"));
    }

    private static <T> T find(List<T> items, Predicate<T> match) {
        return items.stream().filter(match).findFirst().orElseThrow(() -> new AssertionError("not found in " + items));
    }
}
