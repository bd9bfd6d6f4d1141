package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RouteExtras;
import io.jkeepalived.linux.RouteAddMode;
import io.jkeepalived.linux.Rule;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** static_* and virtual_* lines become the routes, rules and addresses keepalived's netlink calls would send. */
class RoutingPlanTest {
    @TempDir
    Path dir;

    KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    @Test
    void routesWithKeepalivedsDefaults() throws Exception {
        var plan = RoutingPlan.of(load("""
                static_ipaddress {
                    198.51.100.1/24 dev lo
                }
                static_routes {
                    203.0.113.0/24 via 192.0.2.254 dev lo table 100 metric 7 src 192.0.2.1
                    blackhole 198.18.1.0/24
                    unreachable 198.18.2.0/24 table main add
                    prohibit 198.18.3.0/24 append scope link protocol static
                    default via inet6 fe80::1 dev lo
                    198.18.9.0/24 dev lo mtu 1400 onlink
                    198.18.10.0/24 dev nosuchif0
                }
                vrrp_instance VI_1 {
                    interface lo
                    virtual_router_id 1
                    virtual_ipaddress {
                        192.0.2.100
                    }
                    virtual_routes {
                        198.51.100.128/25 via 192.0.2.253
                    }
                    virtual_rules {
                        from 192.0.2.100 table 102 priority 2000
                        to 198.18.5.0/24 blackhole priority 2004
                        fwmark 0x10/0xff iif lo oif lo lookup 101 priority 2002
                        to 198.18.6.0/24 priority 2006 realms 3
                    }
                }
                """), VrrpPlanTest.host(), RoutingNames.builtIn());
        var a = InetAddress.getByName("198.51.100.1");
        assertEquals(java.util.List.of(new InterfaceAddress(1, a, 24, Optional.empty(), 0, 0, Optional.empty())),
                plan.staticAddresses());
        var r = plan.staticRoutes();
        assertEquals(new PlannedRoute(new Route(InetAddress.getByName("203.0.113.0"), 24, Optional.of(InetAddress.getByName("192.0.2.254")),
                1, 100, 7, 0, Route.RTPROT_KEEPALIVED, Route.RTN_UNICAST, Optional.of(InetAddress.getByName("192.0.2.1"))),
                RouteAddMode.PREPEND), r.get(0));
        assertEquals(new PlannedRoute(Route.blackhole(InetAddress.getByName("198.18.1.0"), 24), RouteAddMode.PREPEND), r.get(1));
        assertEquals(Route.RTN_UNREACHABLE, r.get(2).route().type());
        assertEquals(RouteAddMode.EXCLUSIVE, r.get(2).mode());
        assertEquals(Route.RTN_PROHIBIT, r.get(3).route().type());
        assertEquals(RouteAddMode.APPEND, r.get(3).mode());
        assertEquals(InterfaceAddress.RT_SCOPE_LINK, r.get(3).route().scope());
        assertEquals(4, r.get(3).route().protocol());
        assertEquals(InetAddress.getByName("::"), r.get(4).route().destination());
        assertEquals(Optional.of(InetAddress.getByName("fe80::1")), r.get(4).route().gateway());
        assertEquals(6, r.size(), "the route on a missing interface is dropped (keepalived's config check)");
        var mtu = r.get(5).route().extras();
        assertEquals(java.util.Map.of(RouteExtras.RTAX_MTU, 1400L), mtu.metrics());
        assertTrue(mtu.onlink());
        assertTrue(plan.warnings().stream().noneMatch(w -> w.contains("option mtu") || w.contains("option onlink")),
                plan.warnings().toString());

        assertEquals(Route.RT_TABLE_MAIN, plan.virtualRoutesOf().get("VI_1").get(0).route().table());
        var rules = plan.virtualRulesOf().get("VI_1");
        assertEquals(Rule.lookup(false, 2000, 102).from(InetAddress.getByName("192.0.2.100"), 32), rules.get(0));
        assertEquals(Rule.FR_ACT_BLACKHOLE, rules.get(1).action());
        assertEquals("from all fwmark 0x10/0xff lookup 101 priority 2002".replace("from all", "from all iif lo oif lo"),
                rules.get(2).describe());
        assertEquals(3, rules.size(), "a rule with neither table nor action is skipped");
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("rule has neither a table nor an action")), plan.warnings().toString());
    }

    @Test
    void multipathMetricLocksAndTtlPropagate() throws Exception {
        var plan = RoutingPlan.of(load("""
                static_routes {
                    198.18.2.0/24 nexthop via 192.0.2.1 dev lo weight 2 nexthop via 192.0.2.3 dev lo weight 3 onlink
                    198.18.0.0/24 via 192.0.2.1 dev lo ssthresh lock 10 mtu 1400 ttl-propagate disabled
                    198.18.4.0/24 via 192.0.2.1 or 192.0.2.2 dev lo
                    198.18.5.0/24 via 192.0.2.1 dev lo rtt 10
                }
                """), VrrpPlanTest.host(), RoutingNames.builtIn());
        var r = plan.staticRoutes();
        var multipath = r.get(0).route();
        assertEquals(java.util.List.of(new RouteExtras.Nexthop(Optional.of(InetAddress.getByName("192.0.2.1")), 1, 2, false),
                new RouteExtras.Nexthop(Optional.of(InetAddress.getByName("192.0.2.3")), 1, 3, true)),
                multipath.extras().nexthops());
        assertTrue(multipath.gateway().isEmpty());
        assertTrue(!multipath.extras().onlink(), "the onlink after a nexthop is that path's");
        var locked = r.get(1).route().extras();
        assertEquals(java.util.Map.of(RouteExtras.RTAX_SSTHRESH, 10L, RouteExtras.RTAX_MTU, 1400L), locked.metrics());
        assertEquals(1 << RouteExtras.RTAX_SSTHRESH, locked.locks());
        assertEquals(Optional.of(false), locked.ttlPropagate());
        assertEquals(2, r.get(2).route().extras().nexthops().size(), "\"via A or B\" is two paths");
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("option rtt is not supported")), plan.warnings().toString());
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
    }
}
