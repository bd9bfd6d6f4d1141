package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/**
 * static_ipaddress / static_routes / static_rules and virtual_routes / virtual_rules, with keepalived 2.2.7 as the
 * peer on the same lines: the statics are there from the start, come back after {@code ip route/rule/addr del} and
 * go at stop; the virtual routes and rules are there exactly while the instance is MASTER (keepalived's are on its
 * side while it is MASTER, so both read the lines alike).
 */
@Tag("root")
@Timeout(180)
class VrrpRoutingRootTest {
    private static final String STATICS = """
            static_ipaddress {
                198.51.100.1/24 dev jkda
            }
            static_routes {
                203.0.113.0/24 via 192.0.2.254 dev jkda table 100 metric 7
                blackhole 198.18.1.0/24
                198.18.9.0/24 dev jkda mtu lock 1400
            }
            static_rules {
                from 198.51.100.0/24 table 100 priority 1000
            }
            """;

    private static String virtuals(String dev) {
        return """
                    virtual_routes {
                        203.0.113.128/25 via 192.0.2.253 dev DEV metric 5
                        unreachable 198.18.2.0/24 table 101
                        prohibit 198.18.3.0/24
                        default via 192.0.2.254 dev DEV table 102 src 192.0.2.100
                        2001:db8:1::/64 via 2001:db8::254 dev DEV
                    }
                    virtual_rules {
                        from 192.0.2.100/32 table 102 priority 2000
                        to 198.18.4.0/24 iif DEV table 101 priority 2001
                        fwmark 0x10/0xff table 101 priority 2002
                        to 198.18.5.0/24 blackhole priority 2004
                        from 2001:db8::100/128 table 102 priority 2005
                    }
                """.replace("DEV", dev);
    }

    /** What the virtual lines install, as `ip route/rule show` prints it. */
    private static final List<String> VIRTUAL_ROUTES = List.of("203.0.113.128/25 via 192.0.2.253 dev D proto keepalived metric 5",
            "unreachable 198.18.2.0/24 table 101 proto keepalived", "prohibit 198.18.3.0/24 proto keepalived",
            "default via 192.0.2.254 dev D table 102 proto keepalived src 192.0.2.100",
            "2001:db8:1::/64 via 2001:db8::254 dev D proto keepalived");
    private static final List<String> VIRTUAL_RULES = List.of("2000:\tfrom 192.0.2.100 lookup 102 proto keepalived",
            "2001:\tfrom all to 198.18.4.0/24 iif D lookup 101 proto keepalived",
            "2002:\tfrom all fwmark 0x10/0xff lookup 101 proto keepalived",
            "2004:\tfrom all to 198.18.5.0/24 blackhole proto keepalived",
            "2005:\tfrom 2001:db8::100 lookup 102 proto keepalived");

    @Test
    void staticsFromStartToStopAndVirtualsWhileMaster() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-routing");
        try (var lan = new VrrpTestLan("rt");
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, STATICS + new TestConf("v3", "jkda", 100, virtuals("jkda")).render());
             var ka = VrrpNode.keepalived("ka", lan.b, dir, new TestConf("v3", "jkdb", 150, virtuals("jkdb")).render())) {
            ka.start();
            jk.start();
            await("keepalived (150) MASTER, jkeepalived (100) BACKUP", 40_000,
                    () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP"), jk, ka);
            await("jkeepalived's statics installed", 5_000, () -> staticsPresent(lan.a), jk);
            await("keepalived's virtual routes and rules, as MASTER", 5_000, () -> virtualsPresent(lan.b, "jkdb"), ka);
            assertTrue(virtualsAbsent(lan.a), "jkeepalived as BACKUP has none of the virtual routes/rules:\n" + routing(lan.a));
            assertTrue(routing(lan.a).contains("198.18.9.0/24 dev jkda proto keepalived mtu lock 1400"), routing(lan.a));
            assertFalse(jk.currentLog().contains("is not supported by jkeepalived"), jk.currentLog());

            lan.a.exec("ip", "route", "del", "203.0.113.0/24", "table", "100");
            lan.a.exec("ip", "route", "del", "blackhole", "198.18.1.0/24");
            lan.a.exec("ip", "rule", "del", "priority", "1000");
            lan.a.exec("ip", "addr", "del", "198.51.100.1/24", "dev", "jkda");
            await("the deleted statics restored", 5_000, () -> staticsPresent(lan.a), jk);
            assertTrue(jk.currentLog().contains("Restoring deleted static route"), jk.currentLog());
            assertTrue(jk.currentLog().contains("Restoring deleted static rule"), jk.currentLog());
            assertTrue(jk.currentLog().contains("Restoring deleted static address"), jk.currentLog());

            assertEquals(0, ka.term());
            await("jkeepalived MASTER with the virtual routes and rules", 10_000,
                    () -> jk.state("VI_1").equals("MASTER") && virtualsPresent(lan.a, "jkda"), jk);
            assertTrue(virtualsAbsent(lan.b), "keepalived stopped: its virtual routes/rules are gone:\n" + routing(lan.b));

            ka.start();
            await("keepalived preempts: jkeepalived BACKUP, its virtual routes and rules gone", 20_000,
                    () -> jk.state("VI_1").equals("BACKUP") && virtualsAbsent(lan.a) && virtualsPresent(lan.b, "jkdb"), jk, ka);
            assertTrue(staticsPresent(lan.a), "statics stay whatever the state:\n" + routing(lan.a));

            assertEquals(0, jk.term());
            assertTrue(staticsAbsent(lan.a), "statics removed at stop:\n" + routing(lan.a));
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String routing(NetNs ns) {
        return ns.exec("ip", "route", "show", "table", "all") + ns.exec("ip", "-6", "route", "show", "table", "all")
                + ns.exec("ip", "rule", "show") + ns.exec("ip", "-6", "rule", "show") + ns.exec("ip", "-4", "addr", "show");
    }

    private static boolean staticsPresent(NetNs ns) {
        String r = routing(ns);
        return r.contains("203.0.113.0/24 via 192.0.2.254 dev jkda table 100 proto keepalived metric 7")
                && r.contains("blackhole 198.18.1.0/24 proto keepalived") && r.contains("198.18.9.0/24 dev jkda proto keepalived")
                && r.contains("1000:\tfrom 198.51.100.0/24 lookup 100 proto keepalived") && r.contains("inet 198.51.100.1/24");
    }

    private static boolean staticsAbsent(NetNs ns) {
        String r = routing(ns);
        return !r.contains("203.0.113.0/24") && !r.contains("198.18.1.0/24") && !r.contains("198.18.9.0/24")
                && !r.contains("1000:\t") && !r.contains("198.51.100.1/24");
    }

    private static boolean virtualsPresent(NetNs ns, String dev) {
        String r = routing(ns);
        return VIRTUAL_ROUTES.stream().allMatch(l -> r.contains(l.replace(" D ", " " + dev + " ")))
                && VIRTUAL_RULES.stream().allMatch(l -> r.contains(l.replace(" D ", " " + dev + " ")));
    }

    private static boolean virtualsAbsent(NetNs ns) {
        String r = routing(ns);
        return !r.contains("203.0.113.128/25") && !r.contains("198.18.2.0/24") && !r.contains("198.18.3.0/24")
                && !r.contains("table 102") && !r.contains("2001:db8:1::/64")
                && List.of("2000:\t", "2001:\t", "2002:\t", "2004:\t", "2005:\t").stream().noneMatch(r::contains);
    }
}
