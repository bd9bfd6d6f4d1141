package io.jkeepalived.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.adapters.lvs.NftablesDataPlane;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.Daemon;
import io.jkeepalived.testsupport.JkeepalivedJvm;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' deployment ("LVS + keepalived", ../shared/seeds/) end to end, as an operator runs it: two
 * jkeepalived daemons (real processes, VRRP MASTER/BACKUP, LVS-DR rr without persistence, TCP_CHECK) on the
 * nftables data plane, two real servers running Debian's nginx with the VIP on {@code lo} and
 * arp_ignore=1/arp_announce=2, and a client sending a request on a new connection every 10 ms, all on one
 * LAN (a bridge). The client reaches both real servers; then the MASTER is killed with SIGKILL.
 *
 * <p>What really happens then: the killed director's kernel keeps the VIP on eth0 and its nftables rules (a
 * crashed daemon cleans nothing up, and keepalived's would not either), so until the BACKUP's gratuitous ARPs
 * reach the client, the client's packets still go to the dead director's MAC and its kernel still forwards
 * them to the real servers. The BACKUP takes the VIP within master_down_interval (3 × advert_int + skew =
 * 3.61 s for priority 100), its GARPs move the client's ARP entry to its MAC, and from then on it carries the
 * traffic (its forwarding counters grow, the dead director's stop). No request may fail before the kill nor
 * after the client's ARP entry moved; the ones in between are counted and reported: a connection that
 * straddles the ARP switch has its later packets reach the new MASTER, which has no entry for it (no sync
 * daemon on nftables) and may send them to the other server.
 */
@Tag("root")
class SeedsEndToEndRootTest {
    static final String VIP = "192.0.2.10";
    static final double MASTER_DOWN_SECONDS = 3 * 1.0 + (256 - 100) / 256.0;
    /** a loaded 2-core machine: the BACKUP's timer fires late by up to this much */
    static final double MARGIN_SECONDS = 1.0;

    @TempDir
    Path dir;
    final List<NetNs> namespaces = new ArrayList<>();
    final List<Daemon> nginxes = new ArrayList<>();
    final List<Process> directors = new ArrayList<>();
    LabClient client;
    LabClient wrrClient;

    @AfterEach
    void cleanup() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (wrrClient != null) {
            wrrClient.close();
        }
        for (var p : directors) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        nginxes.forEach(Daemon::stop);
        namespaces.reversed().forEach(NetNs::close);
    }

    @Test
    @Timeout(300)
    void killingTheMasterDirectorMovesTheTrafficToTheBackupAndNoRequestFailsAfterwards() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(NftablesDataPlane.unavailable().isEmpty(), () -> "libnftables: " + NftablesDataPlane.unavailable().orElse(""));
        assumeTrue(Sh.run("sh", "-c", "command -v nginx").exit() == 0, "needs Debian's nginx");

        var lan = ns("lan").bridge("br0");
        var lb1 = host(lan, "lb1", "192.0.2.11");
        var lb2 = host(lan, "lb2", "192.0.2.12");
        var rs1 = host(lan, "rs1", "192.0.2.21");
        var rs2 = host(lan, "rs2", "192.0.2.22");
        var cli = host(lan, "cli", "192.0.2.100");
        for (var rs : List.of(rs1, rs2)) {
            realServer(rs, rs == rs1 ? "rs1" : "rs2");
        }
        Process master = director(lb1, "lb1", "MASTER", 150);
        director(lb2, "lb2", "BACKUP", 100);
        // two JVMs start, then the MASTER's first advert; the BACKUP never takes the VIP while it hears it
        await(Duration.ofSeconds(90), "lb1 holds the VIP", () -> holdsVip(lb1));

        client = new LabClient(cli.name(), VIP, 80, 10_000_000L);
        wrrClient = new LabClient(cli.name(), VIP, 8080, 20_000_000L);
        long warm = client.now();
        await(Duration.ofSeconds(30), "the client is answered by rs1 and rs2 through lb1",
                () -> client.firstAnsweredBy("rs1", warm) >= 0 && client.firstAnsweredBy("rs2", warm) >= 0
                        && wrrClient.firstAnsweredBy("rs1", warm) >= 0 && wrrClient.firstAnsweredBy("rs2", warm) >= 0);
        long before = client.now();
        Thread.sleep(3000);
        long killedAt = client.now();
        Map<String, Integer> throughMaster = client.served(before, killedAt);
        long lb1CountersAtKill = forwarded(lb1);

        master.destroyForcibly(); // SIGKILL: the daemon dies, its namespace's kernel state stays
        assertTrue(master.waitFor(10, TimeUnit.SECONDS), "lb1 did not die");
        await(Duration.ofSeconds(30), "lb2 takes the VIP", () -> holdsVip(lb2));
        long vipAt = client.now();
        String lb2Mac = mac(lb2);
        await(Duration.ofSeconds(10), "the client's ARP entry for the VIP moves to lb2 (" + lb2Mac + ")",
                () -> cli.exec("ip", "neigh", "show", VIP, "dev", "eth0").contains(lb2Mac));
        long arpAt = client.now();
        Thread.sleep(500); // requests already in flight through lb1 finish
        long lb1CountersAfter = forwarded(lb1);
        long lb2CountersFrom = forwarded(lb2);
        long settled = client.now();
        Thread.sleep(5000);
        long end = client.now();
        Map<String, Integer> between = client.served(killedAt, arpAt);
        Map<String, Integer> after = client.served(arpAt, end);
        Map<String, Integer> wrrBefore = wrrClient.served(before, killedAt);
        Map<String, Integer> wrrAfter = wrrClient.served(arpAt, end);
        long lb2Carried = forwarded(lb2) - lb2CountersFrom;
        long lb1Carried = forwarded(lb1) - lb1CountersAfter;
        double takeover = (vipAt - killedAt) / 1e9;
        System.out.printf("seeds e2e: before the kill (3 s through lb1): %s; lb2 holds the VIP %.2f s after kill -9 of lb1"
                + " (bound %.2f s); client's ARP entry on lb2 %.0f ms later; kill -> ARP moved: %s; after (5 s through lb2): %s;"
                + " packets forwarded in those 5 s: lb2 %d, dead lb1 %d (lb1 had forwarded %d before)%n", throughMaster, takeover,
                MASTER_DOWN_SECONDS, (arpAt - vipAt) / 1e6, between, after, lb2Carried, lb1Carried, lb1CountersAtKill);
        System.out.printf("seeds e2e: :8080 (wrr 2:1, HTTP_GET) before the kill %s, after the takeover %s%n", wrrBefore, wrrAfter);

        assertEquals(null, throughMaster.get("failed"), "requests failed before the kill: " + throughMaster);
        assertTrue(throughMaster.getOrDefault("rs1", 0) > 20 && throughMaster.getOrDefault("rs2", 0) > 20,
                "both real servers serve through lb1: " + throughMaster);
        assertTrue(takeover <= MASTER_DOWN_SECONDS + MARGIN_SECONDS, "takeover took " + takeover + " s\n" + logs());
        assertEquals(null, after.get("failed"), "requests failed after the takeover: " + after + "\n" + logs());
        assertTrue(after.getOrDefault("rs1", 0) > 20 && after.getOrDefault("rs2", 0) > 20, "both real servers serve through lb2: "
                + after);
        assertTrue(lb2Carried > 100, "lb2 forwarded " + lb2Carried + " packets after the takeover");
        assertTrue(lb1Carried < lb2Carried / 20, "the dead lb1 still forwarded " + lb1Carried + " packets (lb2 " + lb2Carried + ")");
        assertTrue(settled > arpAt);
        assertEquals(null, wrrBefore.get("failed"), ":8080 before the kill: " + wrrBefore);
        assertEquals(null, wrrAfter.get("failed"), ":8080 after the takeover: " + wrrAfter + "\n" + logs());
        assertTrue(wrrAfter.getOrDefault("rs1", 0) > 1.5 * wrrAfter.getOrDefault("rs2", 0) && wrrAfter.getOrDefault("rs2", 0) > 10,
                "wrr 2:1 through lb2: " + wrrAfter);

        // Another process deletes one of our services on the new MASTER (as `ipvsadm -D` would with IPVS): the
        // next drift check (every 5 s) puts it back with a log line naming it; the other service never notices.
        lb2.exec("nft", "delete", "element", "netdev", "jkeepalived_dr", "dr4", "{ " + VIP + " . tcp . 80 }");
        long deletedAt = client.now();
        await(Duration.ofSeconds(20), ":80 is repaired on lb2", () -> answeredSince(client, deletedAt + 100_000_000L));
        long repairedAt = client.now();
        Thread.sleep(2000);
        long quietAt = client.now();
        Map<String, Integer> wrrDuring = wrrClient.served(deletedAt, quietAt);
        Map<String, Integer> afterRepair = client.served(repairedAt, quietAt);
        String drift = lb2Log().lines().filter(l -> l.contains("differs from the desired pool")).findFirst().orElse("(none)");
        System.out.printf("seeds e2e: :80 deleted behind lb2's back, repaired %.1f s later (%s failed meanwhile); :8080 meanwhile %s;"
                + " log: %s%n", (repairedAt - deletedAt) / 1e9, client.served(deletedAt, repairedAt).get("failed"), wrrDuring, drift);
        assertTrue(drift.contains("[" + VIP + "]:tcp:80") && !drift.contains(":8080"), "the log names the service: " + drift);
        assertEquals(null, wrrDuring.get("failed"), "the other service kept working: " + wrrDuring);
        assertEquals(null, afterRepair.get("failed"), ":80 after its repair: " + afterRepair);

        // `nft flush ruleset` (what `systemctl reload nftables` does with Debian's default nftables.conf): both back.
        lb2.exec("nft", "flush", "ruleset");
        long flushedAt = client.now();
        await(Duration.ofSeconds(20), "both services repaired after nft flush ruleset",
                () -> answeredSince(client, flushedAt + 100_000_000L) && answeredSince(wrrClient, flushedAt + 100_000_000L));
        System.out.printf("seeds e2e: nft flush ruleset on lb2, both services answer again %.1f s later%n",
                (client.now() - flushedAt) / 1e9);
    }

    /** True once a request started after {@code from} was answered and the last one was answered too. */
    static boolean answeredSince(LabClient c, long from) {
        var served = c.served(from, c.now());
        return served.keySet().stream().anyMatch(k -> !k.equals("failed")) && c.served(c.now() - 60_000_000L, c.now())
                .getOrDefault("failed", 0) == 0;
    }

    String lb2Log() {
        try {
            return Files.readString(dir.resolve("lb2.log"));
        } catch (IOException e) {
            return "";
        }
    }

    NetNs ns(String tag) {
        var n = NetNs.create("jkseed", tag);
        namespaces.add(n);
        return n;
    }

    /** A host on the LAN: eth0 with {@code address}/24 on the bridge. */
    NetNs host(NetNs lan, String tag, String address) {
        var n = ns(tag);
        lan.exec("ip", "link", "add", "p-" + tag, "type", "veth", "peer", "name", "eth0", "netns", n.name());
        lan.enslave("p-" + tag, "br0");
        lan.exec("ip", "link", "set", "p-" + tag, "up");
        n.exec("ip", "link", "set", "eth0", "up");
        n.addr("eth0", address + "/24");
        return n;
    }

    /** LVS-DR real server: the VIP on lo, never answered for in ARP; Debian's nginx on port 80 of every address. */
    void realServer(NetNs rs, String name) throws IOException {
        rs.addr("lo", VIP + "/32");
        for (String conf : List.of("all", "eth0")) {
            rs.exec("sysctl", "-qw", "net.ipv4.conf." + conf + ".arp_ignore=1");
            rs.exec("sysctl", "-qw", "net.ipv4.conf." + conf + ".arp_announce=2");
        }
        Path d = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(d.resolve("www"));
        Files.writeString(d.resolve("www/index.html"), name + "\n");
        Files.writeString(d.resolve("nginx.conf"), """
                daemon off; master_process off; worker_processes 1;
                pid %1$s/nginx.pid; error_log %1$s/error.log;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/t; proxy_temp_path %1$s/t; fastcgi_temp_path %1$s/t;
                  uwsgi_temp_path %1$s/t; scgi_temp_path %1$s/t;
                  server { listen 80; listen 8080; root %1$s/www; }
                }
                """.formatted(d));
        nginxes.add(Daemon.start("nginx-" + name, rs.inside("nginx", "-e", d.resolve("error.log").toString(), "-c",
                d.resolve("nginx.conf").toString(), "-p", d.toString()), d.resolve("nginx.out")));
        Await.until(Duration.ofSeconds(10), "nginx in " + name,
                () -> rs.run("sh", "-c", "ss -ltn | grep -q ':80 '").exit() == 0);
    }

    /** A director: the seeds' keepalived.conf shape (VRRP + LVS-DR rr, TCP_CHECK), jkeepalived as a process. */
    Process director(NetNs lb, String name, String state, int priority) throws IOException {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, """
                global_defs {
                    router_id %1$s
                }
                vrrp_instance VI_1 {
                    state %2$s
                    interface eth0
                    virtual_router_id 51
                    priority %3$d
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass seeds
                    }
                    virtual_ipaddress {
                        %4$s/24
                    }
                }
                virtual_server %4$s 80 {
                    delay_loop 1
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 192.0.2.21 80 {
                        weight 1
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 192.0.2.22 80 {
                        weight 1
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                virtual_server %4$s 8080 {
                    delay_loop 1
                    lb_algo wrr
                    lb_kind DR
                    protocol TCP
                    real_server 192.0.2.21 8080 {
                        weight 2
                        HTTP_GET {
                            url {
                                path /
                                status_code 200
                            }
                            connect_timeout 1
                        }
                    }
                    real_server 192.0.2.22 8080 {
                        weight 1
                        HTTP_GET {
                            url {
                                path /
                                status_code 200
                            }
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(name, state, priority, VIP));
        var cmd = new ArrayList<>(JkeepalivedJvm.command());
        cmd.addAll(List.of("-n", "-l", "-G", "-D", "-f", conf.toString(), "-p", dir.resolve(name + ".pid").toString(),
                "-r", dir.resolve(name + "-vrrp.pid").toString(), "-c", dir.resolve(name + "-checkers.pid").toString()));
        var p = new ProcessBuilder(lb.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        directors.add(p);
        return p;
    }

    static boolean holdsVip(NetNs lb) {
        return lb.run("ip", "-o", "-4", "addr", "show", "dev", "eth0").out().contains(" " + VIP + "/");
    }

    static String mac(NetNs n) {
        var m = Pattern.compile("link/ether (\\S+)").matcher(n.exec("ip", "link", "show", "eth0"));
        assertTrue(m.find());
        return m.group(1);
    }

    private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");

    /** Packets counted by every counter of the director's nftables ruleset (DR: what its ingress forwarded). */
    static long forwarded(NetNs lb) {
        var m = PACKETS.matcher(lb.run("nft", "list", "ruleset").out());
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** Await.until, with the directors' logs as they are when it gives up. */
    void await(Duration limit, String what, java.util.function.BooleanSupplier condition) {
        try {
            Await.until(limit, what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    String logs() {
        var sb = new StringBuilder();
        for (String n : List.of("lb1", "lb2")) {
            try {
                Path f = dir.resolve(n + ".log");
                String text = Files.exists(f) ? Files.readString(f) : "";
                sb.append("---- ").append(n).append(" (last 40 lines)\n");
                var lines = text.lines().toList();
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append(e).append('\n');
            }
        }
        return sb.toString();
    }
}
