package io.jkeepalived.check.checkers;

import io.jkeepalived.testsupport.Daemon;
import io.jkeepalived.testsupport.JkeepalivedJvm;
import io.jkeepalived.testsupport.KeepalivedChecker;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * fast_recovery, the real daemon and keepalived 2.2.7 side by side on the same kind of servers: two real servers
 * with one url each, delay_loop 3, one with fast_recovery. Both servers stop (both checkers go down), then start
 * again; from the first request a server answers to the "succeed on service" line: without fast_recovery
 * keepalived checks the url once more a delay_loop later (about 3 s), with it at once (well under 1.5 s).
 */
@Tag("root")
class HttpFastRecoveryRootTest {
    private static final double DELAY_LOOP = 3;
    private ServerNet net;

    @BeforeEach
    void setUp() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkf", "fr");
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    private record Run(Supplier<String> log, AutoCloseable stop) {
    }

    private Path config(InetAddress slow, InetAddress fast) throws Exception {
        String conf = "global_defs {\n  router_id jkf\n}\n" + vs(1, slow, "") + vs(2, fast, "    fast_recovery\n");
        Path file = net.dir().resolve("keepalived.conf");
        Files.writeString(file, conf);
        return file;
    }

    private static String vs(int n, InetAddress rs, String extra) {
        return "virtual_server 203.0.113." + n + " 80 {\n  delay_loop 3\n  lb_kind NAT\n  protocol TCP\n"
                + "  real_server " + rs.getHostAddress() + " 80 {\n    HTTP_GET {\n" + extra
                + "      url {\n        path /\n      }\n      connect_timeout 2\n      retry 0\n      delay_before_retry 1\n    }\n  }\n}\n";
    }

    @Test
    void keepalived() throws Exception {
        assumeTrue(KeepalivedChecker.available(), "needs keepalived, gcc and /work/shared/tools/ipvsshim.c");
        recoverTimes("keepalived", (file) -> {
            var k = KeepalivedChecker.start(net, "keepalived", file);
            return new Run(k::log, k);
        });
    }

    @Test
    void jkeepalived() throws Exception {
        recoverTimes("jkeepalived", (file) -> {
            var cmd = new ArrayList<>(JkeepalivedJvm.command());
            cmd.addAll(List.of("-C", "-n", "-l", "-D", "-f", file.toString(), "-p", net.dir().resolve("jk.pid").toString(),
                    "-c", net.dir().resolve("jk-checkers.pid").toString()));
            Daemon d = net.spawn("jkeepalived", cmd);
            return new Run(d::log, d);
        });
    }

    private interface Starter {
        Run start(Path config) throws Exception;
    }

    private void recoverTimes(String name, Starter starter) throws Exception {
        var slow = net.newServerAddress();
        var fast = net.newServerAddress();
        var slowServer = TestServers.paced(net, slow, 80);
        var fastServer = TestServers.paced(net, fast, 80);
        var run = starter.start(config(slow, fast));
        try {
            String up = "Remote Web server [%s]:tcp:80 succeed on service.";
            String down = "HTTP_CHECK on service [%s]:tcp:80 failed.";
            awaitCount(run, up.formatted(slow.getHostAddress()), 1, 30);
            awaitCount(run, up.formatted(fast.getHostAddress()), 1, 30);
            slowServer.stop();
            fastServer.stop();
            awaitCount(run, down.formatted(slow.getHostAddress()), 1, 30);
            awaitCount(run, down.formatted(fast.getHostAddress()), 1, 30);
            int slowRequests = requests(slowServer).size();
            int fastRequests = requests(fastServer).size();
            slowServer.start();
            fastServer.start();
            var seen = awaitSecond(run, List.of(up.formatted(slow.getHostAddress()), up.formatted(fast.getHostAddress())), 30);
            double slowUp = seen.get(0);
            double fastUp = seen.get(1);
            double slowLatency = slowUp - requests(slowServer).get(slowRequests);
            double fastLatency = fastUp - requests(fastServer).get(fastRequests);
            System.out.printf("%s: from the first request after the restart to up: without fast_recovery %.2f s, with %.2f s%n",
                    name, slowLatency, fastLatency);
            assertTrue(slowLatency > DELAY_LOOP - 0.6, "without fast_recovery up a delay_loop after the first pass: "
                    + slowLatency + "\n" + run.log().get());
            assertTrue(fastLatency < 1.5, "with fast_recovery up at once: " + fastLatency + "\n" + run.log().get());
        } finally {
            run.stop().close();
        }
    }

    /** The epoch seconds of each request the server logged (its log keeps earlier runs). */
    private static List<Double> requests(Daemon server) {
        return server.log().lines().filter(l -> l.startsWith("request ")).map(l -> Double.parseDouble(l.substring(8))).toList();
    }

    /** Waits until each line appears a second time; returns when each was seen (epoch seconds), polled together. */
    private static List<Double> awaitSecond(Run run, List<String> lines, int seconds) throws InterruptedException {
        var seen = new ArrayList<Double>();
        lines.forEach(l -> seen.add(null));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (seen.contains(null)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(lines + " not all seen twice in " + seconds + " s:\n" + run.log().get());
            }
            String log = run.log().get();
            double now = System.currentTimeMillis() / 1000.0;
            for (int i = 0; i < lines.size(); i++) {
                int first = log.indexOf(lines.get(i));
                if (seen.get(i) == null && first >= 0 && log.indexOf(lines.get(i), first + 1) >= 0) {
                    seen.set(i, now);
                }
            }
            Thread.sleep(20);
        }
        return seen;
    }

    /** Waits until {@code line} appears {@code times} times; returns when it was seen (epoch seconds). */
    private static double awaitCount(Run run, String line, int times, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String log = run.log().get();
            int n = 0;
            for (int i = log.indexOf(line); i >= 0; i = log.indexOf(line, i + 1)) {
                n++;
            }
            if (n >= times) {
                return System.currentTimeMillis() / 1000.0;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + line + "' not seen " + times + " times in " + seconds + " s:\n" + run.log().get());
    }
}
