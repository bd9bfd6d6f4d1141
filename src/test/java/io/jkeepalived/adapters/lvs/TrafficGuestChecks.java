package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.GuestJvm;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real traffic through the IPVS that jkeepalived programs, in guest namespaces:
 * <pre>
 *  client 203.0.113.2 --- 203.0.113.1 [director: VIPs 192.0.2.10 (NAT), 192.0.2.11 (DR) on lo] 198.51.100.1/30 --- rs1 .2
 *                                                                                         198.51.100.5/30 --- rs2 .6
 * </pre>
 * Each real server is busybox httpd answering its own name (the client is curl), and holds 192.0.2.11 on lo (arp_ignore) for DR.
 * Round robin must reach both servers; a server whose httpd is stopped must get no request once its check
 * failed.
 */
final class TrafficGuestChecks {
    private static final String LB = "jkt-lb";
    private static final String CLIENT = "jkt-client";
    private static final List<String> SERVERS = List.of("jkt-rs1", "jkt-rs2");

    private TrafficGuestChecks() {
    }

    static void register(GuestChecks checks, Path out, GuestJvm jvm) {
        checks.add("traffic-nat-and-dr", () -> natAndDr(out, jvm));
    }

    static void natAndDr(Path out, GuestJvm jvm) throws Exception {
        var pids = new ArrayList<Process>();
        try {
            topology(out, pids);
            Path config = out.resolve("configs").resolve("traffic.conf");
            Files.createDirectories(config.getParent());
            Files.writeString(config, DifferentialGuestChecks.resource("traffic.conf.in"));
            try (var jk = GuestDaemon.start(GuestDaemon.Kind.JKEEPALIVED, jvm, LB, config, out.resolve("traffic.jkeepalived.log"), "-C")) {
                awaitServers(4, jk);
                var nat = requests("192.0.2.10", 20);
                assertEquals(Map.of("rs1", 10, "rs2", 10), nat, "NAT rr over two servers");
                var dr = requests("192.0.2.11", 20);
                assertEquals(Map.of("rs1", 10, "rs2", 10), dr, "DR rr over two servers");
                // rs1's web server stops: once its TCP_CHECK fails, no request may reach it
                pids.getFirst().destroy();
                pids.getFirst().waitFor();
                awaitServers(2, jk);
                assertEquals(Map.of("rs2", 10), requests("192.0.2.10", 10), "NAT after rs1 failed its check");
                assertEquals(Map.of("rs2", 10), requests("192.0.2.11", 10), "DR after rs1 failed its check");
            }
        } finally {
            for (var p : pids) {
                p.destroyForcibly();
            }
            for (String ns : List.of(LB, CLIENT, SERVERS.get(0), SERVERS.get(1))) {
                Sh.run("ip", "netns", "del", ns);
            }
        }
    }

    private static void topology(Path out, List<Process> servers) throws Exception {
        for (String ns : List.of(LB, CLIENT, SERVERS.get(0), SERVERS.get(1))) {
            Sh.ok("ip", "netns", "add", ns);
            Sh.ok("ip", "-n", ns, "link", "set", "lo", "up");
        }
        link(CLIENT, "c0", "203.0.113.2/24", LB, "lbc", "203.0.113.1/24");
        link(SERVERS.get(0), "r0", "198.51.100.2/30", LB, "lb1", "198.51.100.1/30");
        link(SERVERS.get(1), "r0", "198.51.100.6/30", LB, "lb2", "198.51.100.5/30");
        Sh.ok("ip", "-n", CLIENT, "route", "add", "default", "via", "203.0.113.1");
        // DR replies pass the director on their way to the client with the VIP (local here) as source
        Sh.ok("ip", "netns", "exec", LB, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.accept_local=1",
                "net.ipv4.conf.all.rp_filter=0");
        Sh.ok("ip", "-n", LB, "addr", "add", "192.0.2.10/32", "dev", "lo");
        Sh.ok("ip", "-n", LB, "addr", "add", "192.0.2.11/32", "dev", "lo");
        String[] gateways = {"198.51.100.1", "198.51.100.5"};
        for (int i = 0; i < 2; i++) {
            String ns = SERVERS.get(i);
            Sh.ok("ip", "-n", ns, "route", "add", "default", "via", gateways[i]);
            // DR: the real server accepts the VIP but never answers ARP for it
            Sh.ok("ip", "-n", ns, "addr", "add", "192.0.2.11/32", "dev", "lo");
            Sh.ok("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2");
            Path root = out.resolve("www-" + (i + 1));
            Files.createDirectories(root);
            Files.writeString(root.resolve("index.html"), "rs" + (i + 1) + "\n");
            servers.add(new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", "80", "-h", root.toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve("httpd-" + (i + 1) + ".log").toFile()).start());
        }
    }

    private static void link(String ns1, String if1, String addr1, String ns2, String if2, String addr2) {
        Sh.ok("ip", "-n", ns1, "link", "add", if1, "type", "veth", "peer", "name", if2, "netns", ns2);
        Sh.ok("ip", "-n", ns1, "addr", "add", addr1, "dev", if1);
        Sh.ok("ip", "-n", ns2, "addr", "add", addr2, "dev", if2);
        Sh.ok("ip", "-n", ns1, "link", "set", if1, "up");
        Sh.ok("ip", "-n", ns2, "link", "set", if2, "up");
    }

    /** Which server answered each of {@code n} fresh connections. */
    private static Map<String, Integer> requests(String vip, int n) {
        var seen = new TreeMap<String, Integer>();
        for (int i = 0; i < n; i++) {
            // curl, a fresh connection each time (busybox 1.35's static wget crashes with -T)
            var r = Sh.run(List.of("ip", "netns", "exec", CLIENT, "curl", "-sS", "-m", "10", "http://" + vip + "/"), 30);
            seen.merge(r.exit() == 0 ? r.out().strip() : "error: " + r.out().strip(), 1, Integer::sum);
        }
        return seen;
    }

    private static void awaitServers(int count, GuestDaemon jk) throws InterruptedException {
        long end = System.nanoTime() + 240_000_000_000L;
        String table = "";
        while (System.nanoTime() < end) {
            table = IpvsTable.save(LB);
            if (table.lines().filter(l -> l.startsWith("-a ")).count() == count) {
                return;
            }
            Thread.sleep(500);
        }
        assertTrue(false, "expected " + count + " real servers, have:\n" + table + DifferentialGuestChecks.tail(jk.log));
    }
}
