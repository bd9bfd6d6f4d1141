package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.GuestJvm;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * use_ipvlan against keepalived 2.2.7, in the guest (the host kernel has no ipvlan module): jkeepalived in one
 * namespace, keepalived in another, a veth between them, each end in a VRF (table 10), each instance on an ipvlan
 * {@code vrrp.51} (mode l2 private) with its own address. Checked: the link each makes ({@code ip -d link}: type, mode, flag, parent,
 * flags, VRF, its address, IPv6 off), where the MASTER puts the VIP and the VRF's table then (keepalived: on the base), the adverts on the
 * wire from the ipvlan's address, both directions (jkeepalived MASTER with keepalived BACKUP, then a keepalived of higher priority
 * taking over), and that each removes its ipvlan at stop.
 */
final class IpvlanGuestChecks {
    private static final String VIP = "192.0.2.100";
    private static final String JK_NS = "jkipv-jk";
    private static final String KA_NS = "jkipv-ka";

    private IpvlanGuestChecks() {
    }

    static void register(GuestChecks checks, Path out, GuestJvm jvm) {
        checks.add("ipvlan-vs-keepalived", () -> againstKeepalived(out, jvm));
    }

    static void againstKeepalived(Path out, GuestJvm jvm) throws Exception {
        Sh.ok("modprobe", "ipvlan");
        Sh.ok("modprobe", "vrf");
        Path dir = out.resolve("ipvlan");
        Files.createDirectories(dir);
        Path jkConf = Files.writeString(dir.resolve("jk.conf"), conf("jkipa0", 150, "192.0.2.11/24"));
        Path kaLow = Files.writeString(dir.resolve("ka-100.conf"), conf("jkipb0", 100, "192.0.2.12/24"));
        Path kaHigh = Files.writeString(dir.resolve("ka-200.conf"), conf("jkipb0", 200, "192.0.2.12/24"));
        try {
            Sh.ok("ip", "netns", "add", JK_NS);
            Sh.ok("ip", "netns", "add", KA_NS);
            Sh.ok("ip", "-n", JK_NS, "link", "add", "jkipa0", "type", "veth", "peer", "name", "jkipb0", "netns", KA_NS);
            for (String[] nsIf : List.of(new String[] {JK_NS, "jkipa0"}, new String[] {KA_NS, "jkipb0"})) {
                Sh.ok("ip", "-n", nsIf[0], "link", "set", "lo", "up");
                // the base in a VRF: keepalived puts the ipvlan into its base's VRF too
                Sh.ok("ip", "-n", nsIf[0], "link", "add", "jkipvrf", "type", "vrf", "table", "10");
                Sh.ok("ip", "-n", nsIf[0], "link", "set", "jkipvrf", "up");
                Sh.ok("ip", "-n", nsIf[0], "link", "set", nsIf[1], "master", "jkipvrf", "up");
            }
            try (var ka = GuestDaemon.start(GuestDaemon.Kind.KEEPALIVED, null, KA_NS, kaLow, dir.resolve("keepalived.log"));
                 var jk = GuestDaemon.start(GuestDaemon.Kind.JKEEPALIVED, jvm, JK_NS, jkConf, dir.resolve("jkeepalived.log"))) {
                await("jkeepalived MASTER with the VIP", () -> hasVip(JK_NS), jk, ka);
                await("keepalived's ipvlan", () -> Sh.run(ns(KA_NS, "ip", "link", "show", "vrrp.51"), 10).exit() == 0, jk, ka);
                // keepalived BACKUP stays so only if jkeepalived's adverts reach it through both ipvlans
                Thread.sleep(6_000);
                assertFalse(hasVip(KA_NS), "keepalived (priority 100) stays BACKUP\n" + logs(jk, ka));
                assertTrue(hasVip(JK_NS), "jkeepalived keeps the VIP\n" + logs(jk, ka));
                String jkPlacement = vipPlacement(JK_NS, "jkipa0");
                List<String> jkRoutes = vrfRoutes(JK_NS, "jkipa0", "192.0.2.11");
                assertTrue(jkRoutes.stream().anyMatch(r -> r.startsWith("local " + VIP + " dev BASE")), "the VIP in the VRF: " + jkRoutes);
                assertEquals(link(KA_NS, "jkipb0"), link(JK_NS, "jkipa0"), "the ipvlan as ip -d link shows it");
                assertTrue(link(JK_NS, "jkipa0").endsWith(" master jkipvrf"), "in the base's VRF: " + link(JK_NS, "jkipa0"));
                assertEquals(addresses(KA_NS, "192.0.2.12"), addresses(JK_NS, "192.0.2.11"), "the ipvlan's own address");
                assertEquals("1", disableIpv6(KA_NS));
                assertEquals("1", disableIpv6(JK_NS), "IPv6 off on the ipvlan of an IPv4 instance");
                String adverts = adverts(KA_NS, "jkipb0");
                assertTrue(adverts.contains("192.0.2.11 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 150"),
                        "jkeepalived's adverts from its ipvlan's address:\n" + adverts);

                // keepalived of higher priority takes over: jkeepalived hears it on its ipvlan and lets the VIP go
                ka.stop();
                assertFalse(Sh.run(ns(KA_NS, "ip", "link", "show", "vrrp.51"), 10).exit() == 0, "keepalived removes its ipvlan");
                try (var kaHighD = GuestDaemon.start(GuestDaemon.Kind.KEEPALIVED, null, KA_NS, kaHigh,
                        dir.resolve("keepalived-200.log"))) {
                    await("keepalived (priority 200) MASTER, jkeepalived BACKUP", () -> hasVip(KA_NS) && !hasVip(JK_NS),
                            jk, kaHighD);
                    // keepalived 2.2.7 leaves the VIPs of a use_ipvlan instance on the base interface
                    assertEquals(vipPlacement(KA_NS, "jkipb0"), jkPlacement, "where the MASTER's VIP is");
                    assertEquals(vrfRoutes(KA_NS, "jkipb0", "192.0.2.12"), jkRoutes, "the VRF's table with the MASTER's VIP");
                    String theirs = adverts(JK_NS, "jkipa0");
                    assertTrue(theirs.contains("192.0.2.12 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 200"),
                            "keepalived's adverts reach jkeepalived's side:\n" + theirs);
                    Thread.sleep(4_000);
                    assertFalse(hasVip(JK_NS), "jkeepalived stays BACKUP\n" + logs(jk, kaHighD));

                    jk.stop();
                    assertFalse(Sh.run(ns(JK_NS, "ip", "link", "show", "vrrp.51"), 10).exit() == 0,
                            "jkeepalived removes its ipvlan at stop\n" + logs(jk, kaHighD));
                    assertTrue(Sh.ok("ip", "-n", JK_NS, "link", "show", "jkipa0").contains("jkipa0"), "the base stays");
                }
            }
        } finally {
            Sh.run("ip", "netns", "del", JK_NS);
            Sh.run("ip", "netns", "del", KA_NS);
        }
    }

    private static String conf(String ifname, int priority, String ipvlanAddress) {
        return """
                vrrp_instance VI_1 {
                    state BACKUP
                    interface %s
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    use_ipvlan %s private
                    virtual_ipaddress {
                        %s/32
                    }
                }
                """.formatted(ifname, priority, ipvlanAddress, VIP);
    }

    private static List<String> ns(String netns, String... cmd) {
        var all = new java.util.ArrayList<>(List.of("ip", "netns", "exec", netns));
        all.addAll(List.of(cmd));
        return all;
    }

    private static boolean hasVip(String netns) {
        return Sh.run(ns(netns, "ip", "-4", "addr", "show"), 10).out().contains(VIP + "/32");
    }

    /** Which of the base ("base") and the ipvlan ("ipvlan") carry the VIP. */
    private static String vipPlacement(String netns, String base) {
        String where = "";
        for (String dev : List.of(base, "vrrp.51")) {
            if (Sh.run(ns(netns, "ip", "-4", "addr", "show", "dev", dev), 10).out().contains(VIP + "/32")) {
                where += dev.equals(base) ? "base " : "ipvlan ";
            }
        }
        return where.strip();
    }

    /** {@code ip -d link show vrrp.51} without what differs by namespace (index, parent's name, MAC). */
    static String link(String netns, String base) {
        String line = Sh.run(ns(netns, "ip", "-d", "-o", "link", "show", "vrrp.51"), 10).out().strip();
        assertTrue(line.contains("vrrp.51@" + base + ":"), netns + ": the ipvlan's parent is " + base + ": " + line);
        var m = Pattern.compile("ipvlan\\s+mode (\\S+) (\\S+)").matcher(line);
        assertTrue(m.find(), netns + ": an ipvlan: " + line);
        var flags = Pattern.compile("<[^>]*>").matcher(line);
        assertTrue(flags.find(), line);
        var mtu = Pattern.compile("mtu \\d+").matcher(line);
        assertTrue(mtu.find(), line);
        var master = Pattern.compile(" master (\\S+)").matcher(line);
        return "ipvlan mode " + m.group(1) + " " + m.group(2) + " " + flags.group() + " " + mtu.group()
                + (master.find() ? " master " + master.group(1) : " no master");
    }

    /** The VRF's table (10) as {@code ip route show table 10} lists it, with the names and addresses that differ written alike. */
    private static List<String> vrfRoutes(String netns, String base, String own) {
        return Sh.run(ns(netns, "ip", "-4", "route", "show", "table", "10"), 10).out().lines()
                .map(l -> l.replace(base, "BASE").replace(own, "ADDR").strip()).sorted().toList();
    }

    /** The ipvlan's addresses except the VIP, with its own address written as ADDR. */
    private static List<String> addresses(String netns, String own) {
        return Sh.run(ns(netns, "ip", "-o", "addr", "show", "dev", "vrrp.51"), 10).out().lines()
                .filter(l -> !l.contains(VIP + "/"))
                .map(l -> l.replaceAll("^\\d+: ", "").replace(own, "ADDR").replaceAll("valid_lft.*", "").strip()).toList();
    }

    private static String disableIpv6(String netns) {
        return Sh.run(ns(netns, "cat", "/proc/sys/net/ipv6/conf/vrrp.51/disable_ipv6"), 10).out().strip();
    }

    /** Three VRRP packets as tcpdump prints them, captured on {@code ifname}. */
    private static String adverts(String netns, String ifname) {
        return Sh.run(ns(netns, "timeout", "25", "tcpdump", "-Z", "root", "-n", "-l", "-i", ifname, "-c", "3", "ip proto 112"),
                40).out();
    }

    private static void await(String what, BooleanSupplier ok, GuestDaemon... daemons) throws InterruptedException {
        long end = System.nanoTime() + 180_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached in 180 s: " + what + "\n" + logs(daemons));
            }
            Thread.sleep(300);
        }
    }

    private static String logs(GuestDaemon... daemons) {
        var sb = new StringBuilder();
        for (var d : daemons) {
            sb.append("--- ").append(d.log.getFileName()).append('\n').append(DifferentialGuestChecks.tail(d.log));
        }
        return sb.toString();
    }
}
