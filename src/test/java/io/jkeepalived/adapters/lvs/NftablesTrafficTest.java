package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.check.runtime.CheckerDaemon;
import io.jkeepalived.check.checkers.CheckerFactory;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.common.Log;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.NsThreads;
import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nftables data plane with real traffic: a director namespace running the checker with
 * {@link NftablesDataPlane}, three real servers (python's http.server answering their own name), a client
 * on the servers' LAN (DR) and one behind the director (NAT).
 *
 * <pre>
 *   ext 203.0.113.2 ── 203.0.113.1 lb 198.51.100.1 ── bridge (ns lan) ── rs1 .11, rs2 .12, rs3 .13, cli .2
 *   NAT VIP 203.0.113.100:80 on lb                    DR VIP 198.51.100.100:80 on lb, and on each rs's lo
 * </pre>
 */
@Tag("root")
class NftablesTrafficTest {
    static final String NAT_VIP = "203.0.113.100";
    static final String DR_VIP = "198.51.100.100";

    @TempDir
    Path tmp;
    final List<NetNs> namespaces = new ArrayList<>();
    final List<Process> servers = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    NetNs lan;
    NetNs lb;
    NetNs ext;
    NetNs cli;
    final List<NetNs> rs = new ArrayList<>();
    CheckerDaemon daemon;

    @BeforeEach
    void network() throws IOException {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(NftablesDataPlane.unavailable().isEmpty(), () -> "libnftables: " + NftablesDataPlane.unavailable().orElse(""));
        lan = ns("lan");
        lb = ns("lb");
        ext = ns("ext");
        cli = ns("cli");
        lan.bridge("br0");
        lb.veth("lb0", lan, "lanlb");
        lan.enslave("lanlb", "br0");
        lb.addr("lb0", "198.51.100.1/24").addr("lb0", DR_VIP + "/32");
        lb.veth("lbx", ext, "ext0");
        lb.addr("lbx", "203.0.113.1/24").addr("lbx", NAT_VIP + "/32");
        lb.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
        ext.addr("ext0", "203.0.113.2/24");
        ext.exec("ip", "route", "add", "default", "via", "203.0.113.1");
        cli.veth("cli0", lan, "lancli");
        lan.enslave("lancli", "br0");
        cli.addr("cli0", "198.51.100.2/24");
        for (int i = 1; i <= 3; i++) {
            var r = ns("rs" + i);
            rs.add(r);
            r.veth("eth0", lan, "lanrs" + i);
            lan.enslave("lanrs" + i, "br0");
            r.addr("eth0", "198.51.100.1" + i + "/24");
            r.exec("ip", "route", "add", "default", "via", "198.51.100.1");
            // DR: the VIP on lo, never answered for on the LAN
            r.exec("sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1");
            r.exec("sysctl", "-qw", "net.ipv4.conf.all.arp_announce=2");
            r.addr("lo", DR_VIP + "/32");
            var dir = Files.createDirectories(tmp.resolve("rs" + i));
            Files.writeString(dir.resolve("id"), "rs" + i);
            startServer(i);
        }
        for (int i = 1; i <= 3; i++) {
            int n = i;
            Await.until(Duration.ofSeconds(10), "http server rs" + n,
                    () -> rs.get(n - 1).run("sh", "-c", "ss -ltn | grep -q ':80 '").exit() == 0);
        }
    }

    NetNs ns(String tag) {
        var n = NetNs.create("jkn", tag);
        namespaces.add(n);
        return n;
    }

    void startServer(int i) throws IOException {
        // HTTP/1.1 so a client can keep its connection open (the flap test)
        var p = new ProcessBuilder(rs.get(i - 1).inside("python3", "-c", "import functools, http.server as h\n"
                + "h.SimpleHTTPRequestHandler.protocol_version = 'HTTP/1.1'\n"
                + "handler = functools.partial(h.SimpleHTTPRequestHandler, directory='" + tmp.resolve("rs" + i) + "')\n"
                + "h.ThreadingHTTPServer(('', 80), handler).serve_forever()\n"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        servers.add(p);
    }

    void stopServer(int i) throws InterruptedException {
        // the server of rs i is the i-th we started (restarts are not used here)
        var p = servers.get(i - 1);
        p.destroy();
        p.waitFor();
    }

    @AfterEach
    void cleanup() {
        if (daemon != null) {
            daemon.close();
        }
        for (var p : servers) {
            p.destroyForcibly();
        }
        for (var n : namespaces) {
            n.close();
        }
    }

    void start(String config) throws IOException {
        var file = tmp.resolve("keepalived.conf");
        Files.writeString(file, config);
        var sink = new DiagnosticSink();
        var parsed = ConfigTest.load(file, null, false, sink);
        assertFalse(sink.has(Severity.FATAL), sink.findings().toString());
        Log logSink = (level, message) -> log.add(message);
        var factory = new CheckerFactory(parsed.trackFiles(), new io.jkeepalived.check.runtime.CheckScripts(
                new io.jkeepalived.notify.ScriptJobs(io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS, logSink), logSink));
        var options = new CheckerDaemon.Options(logSink, new NftablesDataPlane(), factory, (s, b) -> { }, List.of(), new Random(5))
                .withLvs(true, Duration.ofSeconds(1));
        daemon = new CheckerDaemon(CheckerDaemon.setup(parsed, factory, logSink), options);
        daemon.start(NsThreads.in(lb.name()));
    }

    static String service(String vip, String sched, String kind, String extra, int... weights) {
        var sb = new StringBuilder("virtual_server " + vip + " 80 {\n delay_loop 1\n lb_algo " + sched + "\n lb_kind " + kind
                + "\n protocol TCP\n" + extra + "\n");
        for (int i = 0; i < weights.length; i++) {
            sb.append(" real_server 198.51.100.1").append(i + 1).append(" 80 {\n  weight ").append(weights[i])
                    .append("\n  TCP_CHECK {\n   connect_timeout 1\n   retry 0\n  }\n }\n");
        }
        return sb.append("}\n").toString();
    }

    /** {@code n} requests from a client namespace, each on a new connection; server name → count. */
    static Map<String, Integer> requests(NetNs client, String vip, int n) {
        var out = client.run("sh", "-c", "for i in $(seq " + n + "); do curl -s -m 2 http://" + vip + "/id; echo; done");
        var counts = new TreeMap<String, Integer>();
        var lines = out.out().split("\n", -1);
        for (int i = 0; i < n; i++) {
            var line = i < lines.length ? lines[i].trim() : "";
            counts.merge(line.isEmpty() ? "(none)" : line, 1, Integer::sum);
        }
        return counts;
    }

    void awaitPool(String what, int servers) {
        Await.until(Duration.ofSeconds(15), what + "\nlog:\n" + String.join("\n", log), () -> daemon.lvs().observed().services()
                .values().stream().anyMatch(s -> s.destinations().size() == servers));
    }

    @Test
    void natWrrSplitsThreeToOne() throws Exception {
        start(service(NAT_VIP, "wrr", "NAT", "", 3, 1));
        awaitPool("both NAT servers up", 2);
        var counts = requests(ext, NAT_VIP, 40);
        assertEquals(Map.of("rs1", 30, "rs2", 10), counts, counts + "\n" + lb.exec("nft", "list", "ruleset"));
    }

    @Test
    void drRoundRobinReachesEveryServerWithTheIpHeaderUntouched() throws Exception {
        start(service(DR_VIP, "rr", "DR", "", 1, 1, 1));
        awaitPool("three DR servers up", 3);
        var counts = requests(cli, DR_VIP, 30);
        assertEquals(Map.of("rs1", 10, "rs2", 10, "rs3", 10), counts, counts + "\n" + lb.exec("nft", "list", "ruleset"));
    }

    @Test
    void persistentClientStaysOnOneServer() throws Exception {
        start(service(NAT_VIP, "rr", "NAT", " persistence_timeout 60", 1, 1, 1));
        awaitPool("three servers up", 3);
        var counts = requests(ext, NAT_VIP, 12);
        assertEquals(1, counts.size(), counts.toString());
        assertEquals(12, counts.values().iterator().next());
    }

    @Test
    void deadServerGetsNoRequestOnceItsCheckFailed() throws Exception {
        start(service(DR_VIP, "rr", "DR", "", 1, 1, 1));
        awaitPool("three DR servers up", 3);
        stopServer(2);
        Await.until(Duration.ofSeconds(10), "rs2 removed\n" + String.join("\n", log),
                () -> log.stream().anyMatch(l -> l.contains("Removing service [198.51.100.12]:tcp:80")));
        awaitPool("two servers left", 2);
        var counts = requests(cli, DR_VIP, 20);
        assertEquals(Map.of("rs1", 10, "rs3", 10), counts, counts.toString());
    }

    /**
     * DR: a client keeps four connections open and asks on each, again and again, while rs1 leaves and comes
     * back 200 times. No connection is reset or moves to another server (the connection map keeps it where it
     * started), and new connections made while rs1 is out never reach it.
     */
    @Test
    void flappingServerNeverResetsOpenConnections() throws Exception {
        var thread = java.util.concurrent.Executors.newSingleThreadExecutor(NsThreads.in(lb.name()));
        var dp = thread.submit(NftablesDataPlane::new).get();
        var lvs = new io.jkeepalived.lvs.LvsController(dp, log::add, log::add);
        var key = new io.jkeepalived.lvs.VirtualService.Address(DR_VIP, 80, "tcp");
        var servers = new java.util.LinkedHashMap<io.jkeepalived.lvs.RealServer, io.jkeepalived.lvs.Destination>();
        for (int i = 1; i <= 3; i++) {
            var server = new io.jkeepalived.lvs.RealServer("198.51.100.1" + i, 80);
            servers.put(server, io.jkeepalived.lvs.Destination.of(server, io.jkeepalived.lvs.Forwarding.DR, 1));
        }
        var plan = new io.jkeepalived.lvs.PoolPlan(java.util.Map.of(key, new io.jkeepalived.lvs.PoolPlan.ServicePlan(key, key.display(),
                io.jkeepalived.lvs.ServiceSettings.of("rr"), servers)), java.util.Optional.empty(), false,
                io.jkeepalived.lvs.PoolPlan.FlushOnStop.NONE);
        // rs1: the first slot, where the first kept connection lands
        var rs2 = new io.jkeepalived.lvs.RealServer("198.51.100.11", 80);
        try {
            thread.submit(() -> {
                lvs.start(plan);
                lvs.editor().addVirtualService(key);
                servers.keySet().forEach(s -> lvs.editor().addRealServer(key, s, 1));
                lvs.reconcileAll();
                return null;
            }).get();
            var client = tmp.resolve("client.py");
            Files.writeString(client, """
                    import http.client, sys, time
                    conns = [http.client.HTTPConnection(sys.argv[1], 80, timeout=5) for _ in range(4)]
                    first = [None] * 4
                    moved = errors = requests = 0
                    for i, c in enumerate(conns):
                        c.request("GET", "/id")
                        first[i] = c.getresponse().read().decode()
                    print("ready", flush=True)
                    end = time.time() + float(sys.argv[2])
                    while time.time() < end:
                        for i, c in enumerate(conns):
                            try:
                                c.request("GET", "/id")
                                body = c.getresponse().read().decode()
                                requests += 1
                                if first[i] is None:
                                    first[i] = body
                                elif body != first[i]:
                                    moved += 1
                            except Exception as e:
                                errors += 1
                                print("error", type(e).__name__, e, file=sys.stderr)
                        time.sleep(0.01)
                    print(f"requests={requests} errors={errors} moved={moved} servers={','.join(first)}")
                    """);
            var run = new ProcessBuilder(cli.inside("python3", client.toString(), DR_VIP, "40")).redirectErrorStream(true).start();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()));
            assertEquals("ready", reader.readLine(), "the client's connections are open and placed");
            int flaps = 0;
            var leaked = new ArrayList<String>();
            for (; flaps < 200; flaps++) {
                thread.submit(() -> {
                    lvs.editor().removeRealServer(key, rs2);
                    lvs.reconcile();
                    return null;
                }).get();
                if (flaps % 50 == 0) {
                    // new connections while rs2 is out never reach it
                    var counts = requests(cli, DR_VIP, 4);
                    if (counts.containsKey("rs1")) {
                        leaked.add(counts.toString());
                    }
                }
                thread.submit(() -> {
                    lvs.editor().addRealServer(key, rs2, 1);
                    lvs.reconcile();
                    return null;
                }).get();
            }
            var out = reader.lines().collect(java.util.stream.Collectors.joining("\n"));
            run.waitFor();
            assertTrue(out.contains("errors=0 moved=0"), out);
            assertTrue(out.contains("servers=rs1"), "the first kept connection is on the flapping server: " + out);
            var m = java.util.regex.Pattern.compile("requests=(\\d+)").matcher(out);
            assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 100, "the client kept asking: " + out);
            System.out.println("flap test: " + out.strip());
            assertTrue(leaked.isEmpty(), "new connections reached rs1 while it was out: " + leaked);
            assertEquals(200, flaps);
        } finally {
            thread.submit(() -> {
                lvs.stop(true);
                dp.close();
                return null;
            }).get();
            thread.shutdownNow();
        }
    }

    @Test
    void nftFlushRulesetIsRepairedOnTheNextReconcile() throws Exception {
        start(service(NAT_VIP, "rr", "NAT", "", 1, 1));
        awaitPool("both servers up", 2);
        lb.exec("nft", "flush", "ruleset");
        Await.until(Duration.ofSeconds(10), "drift repaired\n" + String.join("\n", log),
                () -> log.stream().anyMatch(l -> l.contains("differs from the desired pool")));
        var counts = requests(ext, NAT_VIP, 10);
        assertEquals(Map.of("rs1", 5, "rs2", 5), counts, counts + "\n" + String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("[203.0.113.100]:tcp:80")), String.join("\n", log));
    }
}
