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
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GARP rate limits on the wire, jkeepalived next to keepalived 2.2.7 with the same configuration: a MASTER with
 * 5 VIPs on one interface announces them (garp_master_repeat 5) while the client's tcpdump on the LAN records
 * every gratuitous ARP. With {@code vrrp_garp_interval 0.2} (then a {@code garp_group} giving the interface 0.3 s
 * over a global 0.05 s) consecutive GARPs are at least the interval apart, every VIP is announced, and the
 * repeats of a queued VIP fold into one as keepalived's do: both daemons send the same number of GARPs.
 */
@Tag("root")
@Timeout(300)
class GarpIntervalRootTest {
    private static final List<String> VIPS = List.of("203.0.113.11", "203.0.113.12", "203.0.113.13", "203.0.113.14",
            "203.0.113.15");
    private static final Pattern GARP = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{6}) .*Request who-has (\\S+) (?:\\([^)]*\\) )?tell (\\S+),");

    record Garp(long micros, String vip) {
    }

    @Test
    void globalIntervalSpacesTheGarpsOfBothDaemons() throws Exception {
        compare("    vrrp_garp_interval 0.2\n", "", 200);
    }

    @Test
    void garpGroupIntervalOverridesTheGlobalOneOnItsInterfaces() throws Exception {
        compare("    vrrp_garp_interval 0.05\n", "garp_group {\n    garp_interval 0.3\n    interface %s\n}\n", 300);
    }

    private void compare(String globals, String garpGroup, long intervalMillis) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        assumeTrue(Sh.run("which", "tcpdump").exit() == 0, "needs tcpdump");
        Path dir = Files.createTempDirectory("jkd-garpint");
        try (var lan = new VrrpTestLan("gi")) {
            List<Garp> jk = capture(lan, lan.a, true, dir, globals, garpGroup);
            List<Garp> ka = capture(lan, lan.b, false, dir, globals, garpGroup);
            for (var e : List.of(java.util.Map.entry("jkeepalived", jk), java.util.Map.entry("keepalived", ka))) {
                String who = e.getKey();
                List<Garp> garps = e.getValue();
                assertTrue(garps.stream().map(Garp::vip).distinct().count() == VIPS.size(),
                        who + " announced every VIP: " + garps);
                for (int i = 1; i < garps.size(); i++) {
                    long gap = garps.get(i).micros() - garps.get(i - 1).micros();
                    // tcpdump stamps on arrival: allow a few ms of jitter below the interval
                    assertTrue(gap >= (intervalMillis - 15) * 1000,
                            who + ": GARP " + i + " only " + gap + " us after the previous one: " + garps);
                }
            }
            System.out.println("GARPs at ms after the first (interval " + intervalMillis + " ms): jkeepalived "
                    + offsets(jk) + ", keepalived " + offsets(ka));
            assertEquals(ka.size(), jk.size(), "as many GARPs as keepalived:\njkeepalived " + jk + "\nkeepalived " + ka);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Runs one daemon as MASTER in {@code router}, returns the GARPs the client saw, in order. */
    private static List<Garp> capture(VrrpTestLan lan, NetNs router, boolean jkeepalived, Path dir, String globals,
                                      String garpGroup) throws Exception {
        String ifname = lan.ifname(router);
        String name = jkeepalived ? "jk" : "ka";
        String conf = "global_defs {\n    router_id jkd_" + name + "\n" + globals + "}\n"
                + garpGroup.formatted(ifname)
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface " + ifname + "\n    virtual_router_id 61\n"
                + "    priority 150\n    advert_int 1\n    garp_master_delay 0\n    garp_master_repeat 5\n"
                + "    virtual_ipaddress {\n"
                + String.join("", VIPS.stream().map(v -> "        " + v + "/24\n").toList()) + "    }\n}\n";
        Path file = dir.resolve(name + "-tcpdump.txt");
        try (var wire = WireCapture.start(lan.c, "jkdc", file, "arp");
             var node = jkeepalived ? VrrpNode.jkeepalived(name, router, dir, conf) : VrrpNode.keepalived(name, router, dir, conf)) {
            node.start();
            await(name + " MASTER", 40_000, () -> node.state("VI_1").equals("MASTER"), node);
            long last = VIPS.size() * 2L;   // at most one GARP per VIP, twice for the first
            await(name + "'s GARPs", 20_000, () -> garps(wire.text()).size() >= VIPS.size(), node);
            Thread.sleep(last * 300 + 1_000);      // room for every queued one, and any that should not come
            assertFalse(node.currentLog().contains("is not supported by jkeepalived"), node.currentLog());
            assertEquals(0, node.term());
            return garps(wire.text());
        }
    }

    private static List<Long> offsets(List<Garp> garps) {
        return garps.stream().map(g -> (g.micros() - garps.get(0).micros()) / 1000).toList();
    }

    private static List<Garp> garps(String tcpdump) {
        var out = new ArrayList<Garp>();
        for (String line : tcpdump.split("\n")) {
            var m = GARP.matcher(line);
            if (m.find() && m.group(2).equals(m.group(3)) && VIPS.contains(m.group(2))) {
                out.add(new Garp(LocalTime.parse(m.group(1)).toNanoOfDay() / 1000, m.group(2)));
            }
        }
        return out;
    }
}
