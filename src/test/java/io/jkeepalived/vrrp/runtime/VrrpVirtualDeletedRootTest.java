package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A MASTER whose VIP, virtual route or virtual rule someone else deletes goes BACKUP and, with no other master,
 * takes MASTER back after the skew time (keepalived's set_vrrp_backup); a no_track entry changes nothing; its sync
 * group follows; its priority 0 reaches a peer. The same steps run against keepalived 2.2.7 and jkeepalived, in
 * namespaces of their own, and their lines must agree.
 */
@Tag("root")
@Timeout(180)
class VrrpVirtualDeletedRootTest {
    private static String extra(String dev) {
        return """
                    virtual_routes {
                        198.18.2.0/24 dev DEV
                        198.18.3.0/24 dev DEV no_track
                    }
                    virtual_rules {
                        to 198.18.4.0/24 table 101 priority 2001
                    }
                """.replace("DEV", dev);
    }

    @Test
    void deletedVipRouteOrRuleMovesMasterToBackupThenBackLikeKeepalived() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-vdel");
        try (var lan = new VrrpTestLan("vd")) {
            List<String> ka;
            try (var node = VrrpNode.keepalived("ka", lan.b, dir, new TestConf("v3", "jkdb", 100, extra("jkdb")).render())) {
                ka = scenario(node, lan.b, "jkdb");
            }
            List<String> jk;
            try (var node = VrrpNode.jkeepalived("jk", lan.a, dir, new TestConf("v3", "jkda", 100, extra("jkda")).render())) {
                jk = scenario(node, lan.a, "jkda");
            }
            assertEquals(ka, jk.stream().map(l -> l.replace("jkda", "jkdb")).toList(), "same lines as keepalived 2.2.7");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * With a peer: the MASTER whose VIP is deleted sends priority 0, which the other implementation's BACKUP
     * reads ("Backup received priority 0 advertisement"); the MASTER's skew time (priority 150) is shorter than the
     * peer's (100), so it takes MASTER back before the peer would, and the peer stays BACKUP. Both ways round.
     */
    @Test
    void priorityZeroReachesTheOtherImplementationsBackup() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-vdelp");
        try (var lan = new VrrpTestLan("vp")) {
            for (boolean jkDeleted : List.of(true, false)) {
                var master = new TestConf("v3", "jkda", 150, "").render();
                var backup = new TestConf("v3", "jkdb", 100, "").render();
                try (var a = jkDeleted ? VrrpNode.jkeepalived("jk-a", lan.a, dir, master) : VrrpNode.keepalived("ka-a", lan.a, dir, master);
                     var b = jkDeleted ? VrrpNode.keepalived("ka-b", lan.b, dir, backup) : VrrpNode.jkeepalived("jk-b", lan.b, dir, backup)) {
                    a.start();
                    b.start();
                    await("a MASTER with the VIP, b BACKUP", 40_000, () -> a.state("VI_1").equals("MASTER")
                            && b.state("VI_1").equals("BACKUP") && lan.hasAddress(lan.a, TestConf.VIP4), a, b);
                    int markA = a.currentLog().length();
                    int markB = b.currentLog().length();
                    lan.a.exec("ip", "addr", "del", TestConf.VIP4 + "/24", "dev", "jkda");
                    await("b reads the priority 0; a goes BACKUP and takes MASTER back with the VIP", 10_000,
                            () -> b.currentLog().substring(markB).contains("(VI_1) Backup received priority 0 advertisement")
                                    && entered(a, markA).equals(List.of("BACKUP", "MASTER")) && lan.hasAddress(lan.a, TestConf.VIP4),
                            a, b);
                    Thread.sleep(2_000);
                    assertEquals(List.of(), entered(b, markB), "the peer stays BACKUP:\n" + b.currentLog());
                    assertEquals(List.of("BACKUP", "MASTER"), entered(a, markA), a.currentLog());
                    assertTrue(!lan.hasAddress(lan.b, TestConf.VIP4), "no VIP on the peer");
                    assertEquals(0, a.term());
                    assertEquals(0, b.term());
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** An IPv6 instance's VIP, then its IPv4 E-VIP (virtual_ipaddress_excluded): the same as keepalived. */
    @Test
    void deletedIpv6VipAndExcludedVipLikeKeepalived() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-vdel6");
        String excluded = "    virtual_ipaddress_excluded {\n        192.0.2.110/24\n    }\n";
        try (var lan = new VrrpTestLan("v6")) {
            List<String> ka;
            try (var node = VrrpNode.keepalived("ka6", lan.b, dir, new TestConf("v3-ipv6", "jkdb", 100, excluded).render())) {
                ka = ipv6Scenario(node, lan.b, "jkdb");
            }
            List<String> jk;
            try (var node = VrrpNode.jkeepalived("jk6", lan.a, dir, new TestConf("v3-ipv6", "jkda", 100, excluded).render())) {
                jk = ipv6Scenario(node, lan.a, "jkda");
            }
            assertEquals(ka, jk.stream().map(l -> l.replace("jkda", "jkdb")).toList(), "same lines as keepalived 2.2.7");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static List<String> ipv6Scenario(VrrpNode node, NetNs ns, String dev) throws Exception {
        node.start();
        await("MASTER with the VIP and the E-VIP", 30_000, () -> node.state("VI_1").equals("MASTER") && bothIpv6Vips(ns, dev), node);
        int mark = node.currentLog().length();
        ns.exec("ip", "-6", "addr", "del", TestConf.VIP6 + "/64", "dev", dev);
        await("the deleted IPv6 VIP: BACKUP, MASTER, VIP back", 10_000,
                () -> entered(node, mark).equals(List.of("BACKUP", "MASTER")) && bothIpv6Vips(ns, dev), node);
        ns.exec("ip", "addr", "del", "192.0.2.110/24", "dev", dev);
        await("the deleted E-VIP: BACKUP, MASTER, E-VIP back", 10_000,
                () -> entered(node, mark).size() == 4 && node.state("VI_1").equals("MASTER") && bothIpv6Vips(ns, dev), node);
        String log = node.currentLog().substring(mark);
        assertEquals(0, node.term());
        var lines = new ArrayList<String>();
        for (String line : log.split("\n")) {
            if (List.of("Entering", "Netlink reflector", "sent 0 priority").stream().anyMatch(line::contains)) {
                lines.add(line.substring(line.indexOf(": ") + 2));      // without the time stamp
            }
        }
        return lines;
    }

    private static boolean bothIpv6Vips(NetNs ns, String dev) {
        String r = ns.exec("ip", "addr", "show", "dev", dev);
        return r.contains(TestConf.VIP6 + "/64") && r.contains("192.0.2.110/24");
    }

    /** Two instances in a sync group, each with its VIP; VI_2's VIP is deleted. */
    private static String syncGroupConf(String dev) {
        var conf = new StringBuilder("global_defs {\n    router_id jkd_" + dev + "\n}\n"
                + "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n");
        for (int i = 1; i <= 2; i++) {
            conf.append("vrrp_instance VI_").append(i).append(" {\n    state BACKUP\n    interface ").append(dev)
                    .append("\n    virtual_router_id ").append(50 + i).append("\n    priority 100\n    advert_int 1\n")
                    .append("    version 3\n    virtual_ipaddress {\n        192.0.2.").append(99 + i).append("/24\n    }\n}\n");
        }
        return conf.toString();
    }

    /**
     * keepalived's set_vrrp_backup takes the whole sync group: both instances go BACKUP (each sending priority 0)
     * and come back MASTER; the group's lines and the instances' must be keepalived's.
     */
    @Test
    void aSyncGroupFollowsItsInstanceLikeKeepalived() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-vdelg");
        try (var lan = new VrrpTestLan("vg")) {
            List<String> ka;
            try (var node = VrrpNode.keepalived("kag", lan.b, dir, syncGroupConf("jkdb"))) {
                ka = syncGroupScenario(node, lan.b, "jkdb");
            }
            List<String> jk;
            try (var node = VrrpNode.jkeepalived("jkg", lan.a, dir, syncGroupConf("jkda"))) {
                jk = syncGroupScenario(node, lan.a, "jkda");
            }
            assertEquals(ka, jk.stream().map(l -> l.replace("jkda", "jkdb")).toList(), "same lines as keepalived 2.2.7");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static List<String> syncGroupScenario(VrrpNode node, NetNs ns, String dev) throws Exception {
        node.start();
        await("both MASTER with their VIPs", 30_000, () -> node.state("VI_1").equals("MASTER")
                && node.state("VI_2").equals("MASTER") && bothVips(ns, dev), node);
        Thread.sleep(1_500);            // the group's own MASTER lines are out
        int mark = node.currentLog().length();
        ns.exec("ip", "addr", "del", "192.0.2.101/24", "dev", dev);
        await("both BACKUP, then MASTER again with both VIPs", 10_000, () -> {
            String log = node.currentLog().substring(mark);
            return log.contains("(VI_1) Entering MASTER") && log.contains("(VI_2) Entering MASTER") && bothVips(ns, dev);
        }, node);
        Thread.sleep(1_500);            // nothing more follows
        String log = node.currentLog().substring(mark);
        assertEquals(0, node.term());
        var lines = new ArrayList<String>();
        for (String line : log.split("\n")) {
            if (List.of("Entering", "VRRP_Group", "Netlink reflector", "sent 0 priority").stream().anyMatch(line::contains)) {
                lines.add(line.substring(line.indexOf(": ") + 2));      // without the time stamp
            }
        }
        return lines;
    }

    private static boolean bothVips(NetNs ns, String dev) {
        String r = ns.exec("ip", "-4", "addr", "show", "dev", dev);
        return r.contains("192.0.2.100/24") && r.contains("192.0.2.101/24");
    }

    /** Runs the deletions on a lone node; returns the lines that matter, in order, from the first deletion on. */
    private static List<String> scenario(VrrpNode node, NetNs ns, String dev) throws Exception {
        node.start();
        await("MASTER with the VIP and the virtual route", 30_000,
                () -> node.state("VI_1").equals("MASTER") && present(ns, dev), node);
        int mark = node.currentLog().length();

        ns.exec("ip", "addr", "del", TestConf.VIP4 + "/24", "dev", dev);
        await("the deleted VIP puts it BACKUP, then MASTER again with the VIP back", 10_000,
                () -> entered(node, mark).equals(List.of("BACKUP", "MASTER")) && present(ns, dev), node);

        ns.exec("ip", "route", "del", "198.18.2.0/24", "dev", dev);
        await("the deleted virtual route: BACKUP, MASTER, route back", 10_000,
                () -> entered(node, mark).size() == 4 && node.state("VI_1").equals("MASTER") && present(ns, dev), node);

        ns.exec("ip", "rule", "del", "priority", "2001");
        await("the deleted virtual rule: BACKUP, MASTER, rule back", 10_000,
                () -> entered(node, mark).size() == 6 && node.state("VI_1").equals("MASTER") && present(ns, dev), node);

        ns.exec("ip", "route", "del", "198.18.3.0/24", "dev", dev);
        Thread.sleep(2_500);            // longer than the skew time plus an advert
        assertEquals(6, entered(node, mark).size(), "a no_track route's deletion changes nothing:\n" + node.currentLog());
        assertEquals(0, node.term());
        String log = node.currentLog().substring(mark);
        var lines = new ArrayList<String>();
        for (String line : log.split("\n")) {
            for (String key : List.of("Entering", "Netlink reflector reports IP " + TestConf.VIP4)) {
                int i = line.indexOf(key.startsWith("Entering") ? "(VI_1) Entering" : key);
                if (i >= 0) {
                    lines.add(line.substring(i));
                }
            }
        }
        return lines;
    }

    /** The states entered since {@code mark}. */
    private static List<String> entered(VrrpNode node, int mark) {
        var out = new ArrayList<String>();
        String log = node.currentLog();
        for (String line : log.substring(Math.min(mark, log.length())).split("\n")) {
            int i = line.indexOf("(VI_1) Entering ");
            if (i >= 0) {
                out.add(line.substring(i + 16).split(" ")[0]);
            }
        }
        return out;
    }

    private static boolean present(NetNs ns, String dev) {
        String r = ns.exec("ip", "-4", "addr", "show", "dev", dev) + ns.exec("ip", "route", "show") + ns.exec("ip", "rule", "show");
        return r.contains(TestConf.VIP4 + "/24") && r.contains("198.18.2.0/24") && r.contains("198.18.3.0/24")
                && r.contains("2001:\tfrom all to 198.18.4.0/24 lookup 101");
    }
}
