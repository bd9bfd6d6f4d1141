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
        // The kernel sets RUNNING/operstate UP asynchronously (linkwatch) after the veth pair came up: poll.
        var links = RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                var all = nl.links();
                while (System.nanoTime() < deadline && !all.stream().anyMatch(l -> l.name().equals("jv0") && l.isRunning())) {
                    Thread.sleep(50);
                    all = nl.links();
                }
                return all;
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

    @Test
    void addsListsAndDeletesRoutesAsKeepalivedsVirtualRoutes() throws Exception {
        ns.addr("jv0", "192.0.2.1/24");
        ns.addr("jv0", "2001:db8::1/64");
        int index = RootNs.ifindex(ns, "jv0");
        var via = Route.unicast(InetAddress.getByName("198.51.100.0"), 24, Optional.of(InetAddress.getByName("192.0.2.2")), index)
                .inTable(100).withMetric(5);
        var onLink = Route.unicast(InetAddress.getByName("203.0.113.0"), 25, Optional.empty(), index)
                .withPreferredSource(InetAddress.getByName("192.0.2.1"));
        var blackhole = Route.blackhole(InetAddress.getByName("203.0.113.128"), 25).inTable(1000);
        var v6 = Route.unicast(InetAddress.getByName("2001:db8:1::"), 48, Optional.of(InetAddress.getByName("2001:db8::2")), index);
        RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                for (var r : List.of(via, onLink, blackhole, v6)) {
                    nl.addRoute(r);
                }
                var listed = nl.routes();
                // IPv6 routes without a metric get the kernel's default 1024.
                for (var r : List.of(via, onLink, blackhole, v6.withMetric(1024))) {
                    assertTrue(listed.contains(r), r.describe() + " listed as added: " + listed);
                }
                return null;
            }
        });
        assertTrue(ns.exec("ip", "route", "show", "table", "100").contains("198.51.100.0/24 via 192.0.2.2 dev jv0 proto keepalived metric 5"));
        assertTrue(ns.exec("ip", "route", "show").contains("203.0.113.0/25 dev jv0 proto keepalived scope link src 192.0.2.1"));
        assertTrue(ns.exec("ip", "route", "show", "table", "1000").contains("blackhole 203.0.113.128/25 proto keepalived"));
        assertTrue(ns.exec("ip", "-6", "route", "show").contains("2001:db8:1::/48 via 2001:db8::2 dev jv0 proto keepalived"));

        RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                for (var r : List.of(via, onLink, blackhole, v6)) {
                    nl.deleteRoute(r);
                }
                var e = assertThrows(SyscallException.class, () -> nl.deleteRoute(via));
                assertTrue(e.getMessage().startsWith("RTM_DELROUTE(198.51.100.0/24 via 192.0.2.2 dev " + index
                        + " table 100 metric 5): No such process (ESRCH)"), e.getMessage());
                var gw = assertThrows(SyscallException.class, () -> nl.addRoute(
                        Route.unicast(InetAddress.getByName("198.51.100.0"), 24, Optional.of(InetAddress.getByName("198.18.0.1")), index)));
                assertEquals(Errno.ENETUNREACH, gw.errno(), gw.getMessage());
                assertTrue(gw.getMessage().contains("Network is unreachable (ENETUNREACH): Nexthop has invalid gateway"), gw.getMessage());
                return null;
            }
        });
        assertFalse(ns.exec("ip", "route", "show", "table", "all").contains("proto keepalived"));
    }

    /** Multipath, locked metrics, ttl-propagate and onlink reach the kernel as {@code ip route} would send them. */
    @Test
    void addsMultipathRoutesAndLockedMetrics() throws Exception {
        ns.addr("jv0", "192.0.2.1/24");
        int index = RootNs.ifindex(ns, "jv0");
        var hops = List.of(new RouteExtras.Nexthop(Optional.of(InetAddress.getByName("192.0.2.2")), index, 2, false),
                new RouteExtras.Nexthop(Optional.of(InetAddress.getByName("192.0.2.3")), index, 3, false));
        var multipath = new Route(InetAddress.getByName("198.18.2.0"), 24, Optional.empty(), 0, Route.RT_TABLE_MAIN, 0,
                InterfaceAddress.RT_SCOPE_UNIVERSE, Route.RTPROT_KEEPALIVED, Route.RTN_UNICAST, Optional.empty(),
                new RouteExtras(hops, java.util.Map.of(), 0, Optional.empty(), false));
        var metrics = new java.util.TreeMap<Integer, Long>(java.util.Map.of(RouteExtras.RTAX_SSTHRESH, 10L, RouteExtras.RTAX_MTU, 1400L));
        var locked = new Route(InetAddress.getByName("198.18.0.0"), 24, Optional.of(InetAddress.getByName("198.51.100.1")), index,
                Route.RT_TABLE_MAIN, 0, InterfaceAddress.RT_SCOPE_UNIVERSE, Route.RTPROT_KEEPALIVED, Route.RTN_UNICAST,
                Optional.empty(), new RouteExtras(List.of(), metrics, 1 << RouteExtras.RTAX_SSTHRESH, Optional.of(true), true));
        RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.addRoute(multipath);
                nl.addRoute(locked);
                return null;
            }
        });
        String shown = ns.exec("ip", "route", "show");
        assertTrue(shown.contains("198.18.2.0/24 proto keepalived"), shown);
        assertTrue(shown.contains("nexthop via 192.0.2.2 dev jv0 weight 2"), shown);
        assertTrue(shown.contains("nexthop via 192.0.2.3 dev jv0 weight 3"), shown);
        // 198.51.100.1 is not on jv0's subnet: only onlink lets the kernel take it
        assertTrue(shown.contains("198.18.0.0/24 via 198.51.100.1 dev jv0 proto keepalived onlink mtu 1400 ssthresh lock 10"), shown);
        RootNs.in(ns, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.deleteRoute(multipath);
                nl.deleteRoute(locked);
                return null;
            }
        });
        assertFalse(ns.exec("ip", "route", "show", "table", "all").contains("proto keepalived"));
    }

    /** Thousands of changes while nobody drains: the monitor says events were lost instead of hiding it. */
    /** The echo of our own removal names our socket's port; someone else's (`ip addr del`) another, never 0. */
    @Test
    void routingMonitorNamesTheSocketWhoseRequestRemovedAnAddress() throws Exception {
        int index = RootNs.ifindex(ns, "jv0");
        var address = InterfaceAddress.of(index, InetAddress.getByName("192.0.2.30"), 24);
        try (var nl = RootNs.in(ns, Linux::openRtnetlink); var monitor = RootNs.in(ns, Linux::openRoutingMonitor);
             var poller = Linux.openEventPoller()) {
            poller.register(monitor.fd());
            assertTrue(nl.portId() != 0, "the kernel bound the socket to a port");
            ns.exec("ip", "addr", "add", "192.0.2.30/24", "dev", "jv0");
            nl.deleteAddress(address);
            ns.exec("ip", "addr", "add", "192.0.2.30/24", "dev", "jv0");
            ns.exec("ip", "addr", "del", "192.0.2.30/24", "dev", "jv0");
            var events = new ArrayList<RoutingEvent>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && events.stream().filter(RtnetlinkRootTest::removed30).count() < 2) {
                poller.await(200, fd -> { });
                monitor.drain(events::add);
            }
            var removals = events.stream().filter(RtnetlinkRootTest::removed30).map(RoutingEvent::requester).toList();
            assertEquals(2, removals.size(), events.toString());
            assertEquals(nl.portId(), removals.get(0), "our own removal: " + events);
            assertTrue(removals.get(1) != nl.portId() && removals.get(1) != 0, "ip addr del's: " + events);
        }
    }

    private static boolean removed30(RoutingEvent e) {
        return e instanceof RoutingEvent.AddressRemoved a && a.address().address().getHostAddress().equals("192.0.2.30");
    }

    @Test
    void monitorReportsAnOverrunWhenTheQueueOverflows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var batch = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            batch.append("addr add 198.18.").append(i / 250).append('.').append(i % 250 + 1).append("/32 dev jv0\n");
        }
        var file = java.nio.file.Files.writeString(dir.resolve("batch"), batch);
        try (var monitor = RootNs.in(ns, Linux::openNetlinkMonitor)) {
            ns.exec("ip", "-batch", file.toString());
            var events = new ArrayList<NetlinkEvent>();
            monitor.drain(events::add);
            assertTrue(events.stream().anyMatch(e -> e instanceof NetlinkEvent.Overrun), "no overrun in " + events.size() + " events");
            assertTrue(events.size() < 4001, "some events were dropped by the kernel: " + events.size());
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
