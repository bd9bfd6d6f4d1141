package io.jkeepalived.check.runtime;

import io.jkeepalived.check.checkers.CheckerFactory;
import io.jkeepalived.check.plan.CheckPlanBuilder;
import io.jkeepalived.check.plan.Specs;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.common.Log;
import io.jkeepalived.lvs.LoggingDataPlane;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.NsThreads;
import io.jkeepalived.testsupport.Sh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static io.jkeepalived.check.plan.Specs.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checker against real TCP listeners in a network namespace the test creates: up, down when the server
 * is killed, up again on restart, refused, timeout (SYNs dropped by nftables), weights, inhibit, quorum,
 * sorry server, notify scripts, and MISC_CHECK scripts that hang or flood while TCP checks stay on time.
 */
@Tag("root")
class CheckerDaemonNamespaceTest {
    static final String VS1 = "[192.0.2.100]:tcp:80";
    static final VirtualService SERVICE1 = new VirtualService.Address("192.0.2.100", 80, "tcp");

    @TempDir
    Path tmp;
    NetNs ns;
    final Map<String, Process> listeners = new HashMap<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    CheckerDaemon daemon;
    LoggingDataPlane dataPlane;

    @BeforeEach
    void namespace() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        ns = NetNs.create("jkc", "chk");
        for (var last : List.of(11, 12, 13, 14, 99, 100, 101)) {
            ns.addr("lo", "192.0.2." + last + "/32"); // this kernel has no dummy links
        }
        // 192.0.2.14 swallows SYNs: connects time out
        ns.exec("nft", "add", "table", "ip", "jkc");
        ns.exec("nft", "add", "chain", "ip", "jkc", "in", "{ type filter hook input priority 0 ; }");
        ns.exec("nft", "add", "rule", "ip", "jkc", "in", "ip", "daddr", "192.0.2.14", "tcp", "dport", "80", "drop");
    }

    @AfterEach
    void cleanup() {
        if (daemon != null) {
            daemon.close();
        }
        listeners.values().forEach(p -> p.destroyForcibly());
        if (ns != null) {
            ns.close();
        }
    }

    void listen(String ip) throws IOException {
        var p = new ProcessBuilder(ns.inside("python3", "-m", "http.server", "--bind", ip, "80"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        listeners.put(ip, p);
        await(Duration.ofSeconds(10), () -> ns.run("sh", "-c", "ss -ltn | grep -q '" + ip + ":80 '").exit() == 0, "listener on " + ip);
    }

    void stopListener(String ip) throws InterruptedException {
        var p = listeners.remove(ip);
        p.destroy(); // SIGTERM to the pid we started
        p.waitFor();
    }

    void startDaemon(List<io.jkeepalived.config.model.VirtualServerSpec> servers) {
        Log sink = (level, message) -> log.add(message);
        dataPlane = new LoggingDataPlane(sink::warning, "test: no kernel data plane");
        var factory = new CheckerFactory(List.of(), new CheckScripts(new io.jkeepalived.notify.ScriptJobs(io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS, sink), sink));
        var options = new CheckerDaemon.Options(sink, dataPlane, factory, (s, b) -> log.add("ALERT " + s), List.of(), new Random(7));
        var setup = new CheckPlanBuilder(factory, sink::warning)
                .build(servers, List.of(), new CheckPlanBuilder.Globals("lb1", false, false, false));
        daemon = new CheckerDaemon(setup, options);
        daemon.start(NsThreads.in(ns.name()));
    }

    /** The pool is reconciled on the loop right after the engine's batch: a moment after its log line. */
    void awaitWeight(String ip, int weight) {
        await(Duration.ofSeconds(5), () -> dataPlane.weightOf(SERVICE1, new RealServer(ip, 80)) == weight,
                ip + " at weight " + weight + " (now " + dataPlane.weightOf(SERVICE1, new RealServer(ip, 80)) + ")");
    }

    static void await(Duration limit, BooleanSupplier condition, String what) {
        Await.until(limit, what, condition);
    }

    void awaitLog(String line) {
        await(Duration.ofSeconds(10), () -> log.contains(line), "log line: " + line + "\nlog so far:\n" + String.join("\n", log));
    }

    Path notifyScript() throws IOException {
        var script = tmp.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$0 $*\" >> " + tmp.resolve("notify.out") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    List<String> notifications() {
        var out = tmp.resolve("notify.out");
        try {
            return Files.exists(out) ? Files.readAllLines(out) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void tcpCheckAppliesFwmarkAndBindIf() throws Exception {
        listen("192.0.2.11");
        listen("192.0.2.12");
        // only SYNs carrying mark 0x2a reach 192.0.2.11; the counter proves the checker's were marked
        ns.exec("nft", "add", "chain", "ip", "jkc", "out", "{ type filter hook output priority 0 ; }");
        ns.exec("nft", "add", "rule", "ip", "jkc", "out", "ip", "daddr", "192.0.2.11", "tcp", "dport", "80", "meta", "mark", "0x2a",
                "counter", "accept");
        ns.exec("nft", "add", "rule", "ip", "jkc", "out", "ip", "daddr", "192.0.2.11", "tcp", "dport", "80", "drop");
        var t = Duration.ofSeconds(1);
        var marked = new CheckerSpec.TcpCheckSpec(new CheckerCommonSpec(Specs.ip("192.0.2.11"), 80, Optional.empty(),
                OptionalInt.empty(), Optional.of("lo"), t, OptionalInt.of(0x2a), 0, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(1), false, true), SourcePos.NONE);
        var noSuchDevice = new CheckerSpec.TcpCheckSpec(new CheckerCommonSpec(Specs.ip("192.0.2.12"), 80, Optional.empty(),
                OptionalInt.empty(), Optional.of("nosuch0"), t, OptionalInt.empty(), 0, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(1), false, true), SourcePos.NONE);
        var vs = vs("192.0.2.100", 80, 1, Optional.empty(), false, Optional.empty(), Optional.empty(),
                rs("192.0.2.11", 80, 1, false, Optional.empty(), Optional.empty(), marked),
                rs("192.0.2.12", 80, 1, false, Optional.empty(), Optional.empty(), noSuchDevice));
        startDaemon(List.of(vs));

        awaitLog("TCP connection to [192.0.2.11]:tcp:80 success.");
        awaitLog("TCP_CHECK on service [192.0.2.12]:tcp:80 failed."); // SO_BINDTODEVICE nosuch0: ENODEV
        String rules = ns.exec("nft", "list", "chain", "ip", "jkc", "out");
        var packets = java.util.regex.Pattern.compile("counter packets (\\d+)").matcher(rules);
        assertTrue(packets.find() && Integer.parseInt(packets.group(1)) > 0, "marked SYNs counted: " + rules);
    }

    @Test
    void tcpCheckFollowsRealListeners() throws Exception {
        listen("192.0.2.11");
        listen("192.0.2.12");
        listen("192.0.2.99");
        var n = notifyScript().toString();
        var t = Duration.ofSeconds(1);
        var vs = vs("192.0.2.100", 80, 2, Optional.of("192.0.2.99"), false,
                Optional.of(script(n, "QUORUM_UP")), Optional.of(script(n, "QUORUM_DOWN")),
                rs("192.0.2.11", 80, 2, false, Optional.of(script(n, "UP", "192.0.2.11")), Optional.of(script(n, "DOWN", "192.0.2.11")),
                        tcp("192.0.2.11", 80, t, 0, false)),
                rs("192.0.2.12", 80, 3, true, Optional.empty(), Optional.empty(), tcp("192.0.2.12", 80, t, 0, false)),
                rs("192.0.2.13", 80, 1, false, Optional.empty(), Optional.empty(), tcp("192.0.2.13", 80, t, 0, false)),
                rs("192.0.2.14", 80, 1, false, Optional.empty(), Optional.empty(), tcp("192.0.2.14", 80, t, 0, true)));
        startDaemon(List.of(vs));

        awaitLog("Activating healthchecker for service [192.0.2.11]:tcp:80 for VS " + VS1);
        awaitLog("TCP connection to [192.0.2.11]:tcp:80 success.");
        awaitLog("TCP_CHECK on service [192.0.2.13]:tcp:80 failed.");       // refused
        awaitLog("Removing service [192.0.2.13]:tcp:80 from VS " + VS1);
        awaitLog("TCP connection to [192.0.2.14]:tcp:80 timeout.");         // log_all_failures
        awaitLog("TCP_CHECK on service [192.0.2.14]:tcp:80 failed.");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("No load-balancer data plane is programmed")));
        assertEquals(1, log.stream().filter(l -> l.startsWith("No load-balancer data plane")).count(), "said once");
        awaitWeight("192.0.2.11", 2);
        awaitWeight("192.0.2.12", 3);
        awaitWeight("192.0.2.13", -1);
        awaitWeight("192.0.2.14", -1);

        stopListener("192.0.2.11");
        awaitLog("TCP_CHECK on service [192.0.2.11]:tcp:80 failed.");
        awaitLog("Removing service [192.0.2.11]:tcp:80 from VS " + VS1);
        await(Duration.ofSeconds(5), () -> notifications().contains(n + " DOWN 192.0.2.11"), "notify_down with its arguments");
        assertFalse(log.stream().anyMatch(l -> l.startsWith("Lost quorum")), "weight 3 left >= quorum 2");

        stopListener("192.0.2.12");
        awaitLog("Disabling service [192.0.2.12]:tcp:80 of VS " + VS1);
        awaitLog("Lost quorum 2-0=2 > 0 for VS " + VS1);
        awaitLog("Adding sorry server [192.0.2.99]:tcp:80 to VS " + VS1);
        awaitWeight("192.0.2.12", 0);
        awaitWeight("192.0.2.99", 1);
        await(Duration.ofSeconds(5), () -> notifications().contains(n + " QUORUM_DOWN"), "quorum_down");

        listen("192.0.2.11");
        awaitLog("Adding service [192.0.2.11]:tcp:80 to VS " + VS1);
        awaitLog("Gained quorum 2+0=2 <= 2 for VS " + VS1);
        awaitLog("Removing sorry server [192.0.2.99]:tcp:80 from VS " + VS1);
        awaitWeight("192.0.2.11", 2);
        awaitWeight("192.0.2.99", -1);
        await(Duration.ofSeconds(5), () -> notifications().contains(n + " UP 192.0.2.11"), "notify_up");
        await(Duration.ofSeconds(5), () -> notifications().contains(n + " QUORUM_UP"), "quorum_up");

        daemon.close();
        daemon = null;
        assertTrue(log.contains("Shutting down service [192.0.2.11]:tcp:80 from VS " + VS1));
        assertTrue(dataPlane.desiredState().isEmpty(), "pool cleared at shutdown: " + dataPlane.desiredState());
    }

    @Test
    void hangingAndFloodingScriptsFailInTimeWhileTcpChecksStayOnTime() throws Exception {
        listen("192.0.2.11");
        var t = Duration.ofSeconds(1);
        var tcpVs = vs("192.0.2.100", 80, 1, Optional.empty(), false, Optional.empty(), Optional.empty(),
                rs("192.0.2.11", 80, 1, false, Optional.empty(), Optional.empty(), tcp("192.0.2.11", 80, t, 0, false)));
        var pidFile = tmp.resolve("hang.pid");
        var miscVs = vs("192.0.2.101", 80, 1, Optional.empty(), false, Optional.empty(), Optional.empty(),
                rs("192.0.2.11", 80, 1, false, Optional.empty(), Optional.empty(),
                        misc("192.0.2.11", t, false, "/bin/sh", "-c", "echo $$ > " + pidFile + "; sleep 1000 & sleep 1000")),
                rs("192.0.2.12", 80, 1, false, Optional.empty(), Optional.empty(),
                        misc("192.0.2.12", t, false, "/bin/sh", "-c", "yes flood")),
                rs("192.0.2.13", 80, 5, false, Optional.empty(), Optional.empty(),
                        misc("192.0.2.13", t, true, "/bin/sh", "-c", "exit 9")),
                rs("192.0.2.14", 80, 1, false, Optional.empty(), Optional.empty(),
                        misc("192.0.2.14", t, false, "/bin/sh", "-c", "exit 1")));
        long heapBefore = usedHeap();
        startDaemon(List.of(tcpVs, miscVs));

        String vs2 = "[192.0.2.101]:tcp:80";
        awaitLog("Misc check for [[192.0.2.11]:tcp:80 VS " + vs2 + "] by [/bin/sh] timed out with retry disabled.");
        awaitLog("Misc check for [[192.0.2.12]:tcp:80 VS " + vs2 + "] by [/bin/sh] timed out with retry disabled.");
        awaitLog("Misc check for [[192.0.2.14]:tcp:80 VS " + vs2 + "] by [/bin/sh] failed with retry disabled (exited with status 1).");
        awaitLog("Changing weight from 5 to 7 for active service [192.0.2.13]:tcp:80 of VS " + vs2);
        await(Duration.ofSeconds(5), () -> dataPlane.weightOf(new VirtualService.Address("192.0.2.101", 80, "tcp"),
                new RealServer("192.0.2.13", 80)) == 7, "weight 7 in the pool");

        // the hung script's whole process group is gone (its background child too)
        long pgid = Long.parseLong(Files.readString(pidFile).trim());
        await(Duration.ofSeconds(6), () -> Sh.run("pgrep", "-g", Long.toString(pgid)).exit() != 0, "process group " + pgid + " killed");

        // while scripts hang and flood, the TCP server is checked every second
        long[] before = daemon.counters();
        Thread.sleep(4000);
        long[] after = daemon.counters();
        long done = after[1] - before[1];
        assertTrue(done >= 4 + 4 * 4 / 2, "checks completed in 4 s: " + done); // tcp 4, misc checkers at least every 2 s
        assertFalse(log.stream().anyMatch(l -> l.contains("[192.0.2.11]:tcp:80") && l.contains("VS " + VS1) && l.startsWith("Removing")));
        assertTrue(usedHeap() - heapBefore < 64L << 20, "flooding output is not buffered");
    }

    static long usedHeap() {
        System.gc();
        var rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
