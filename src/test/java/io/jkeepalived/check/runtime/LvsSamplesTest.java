package io.jkeepalived.check.runtime;

import io.jkeepalived.adapters.check.IcmpEchoProbe;
import io.jkeepalived.check.checkers.CheckerFactory;
import io.jkeepalived.check.checkers.ProtoCheckers;
import io.jkeepalived.check.plan.CheckPlanBuilder;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * keepalived's LVS samples (misc_check, misc_check_arg, quorum, inhibit, virtual_server_group) parsed by our
 * config reader with their addresses moved into a namespace this test creates (last octet kept, so ranges
 * stay ranges), scripts pointed at test scripts and delay_loop shortened; the whole checker daemon runs in
 * the namespace against real listeners and each sample's servers reach the states the sample means.
 * "Stopping" a server = nftables answering its SYNs with a reset, as a closed port does.
 */
@Tag("root")
class LvsSamplesTest {
    /** Sample networks → documentation networks, last octet kept. */
    static final Map<String, String> NETWORKS = Map.of(
            "192.168.200.", "192.0.2.",
            "10.10.10.", "198.51.100.",
            "10.0.1.", "198.51.100.",
            "10.0.0.", "203.0.113.");

    @TempDir
    Path tmp;
    NetNs ns;
    final List<Process> servers = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    CheckerDaemon daemon;
    LoggingDataPlane dataPlane;
    ProtoCheckers protocols;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        ns = NetNs.create("jkc", "smp");
        // every address the samples use, local to the namespace
        for (var net : List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")) {
            ns.exec("ip", "route", "add", "local", net, "dev", "lo");
        }
        ns.exec("nft", "add", "table", "inet", "jkc");
        ns.exec("nft", "add", "chain", "inet", "jkc", "in", "{ type filter hook input priority 0 ; }");
    }

    @AfterEach
    void cleanup() {
        if (daemon != null) {
            daemon.close();
        }
        if (protocols != null) {
            protocols.close();
        }
        servers.forEach(Process::destroyForcibly);
        if (ns != null) {
            ns.close();
        }
    }

    /** An HTTP server on every namespace address at {@code port}, serving {@code root}. */
    void httpServer(int port, Path root) throws IOException {
        servers.add(new ProcessBuilder(ns.inside("python3", "-m", "http.server", "--bind", "0.0.0.0", "--directory",
                root.toString(), Integer.toString(port)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        await(Duration.ofSeconds(10), () -> ns.run("sh", "-c", "ss -ltn | grep -q ':" + port + " '").exit() == 0, "listener on " + port);
    }

    /** Connections to ip:port are refused (reset) until {@link #unblock}. */
    void block(String ip, int port) {
        ns.exec("nft", "add", "rule", "inet", "jkc", "in", "ip", "daddr", ip, "tcp", "dport", Integer.toString(port),
                "reject", "with", "tcp", "reset", "comment", "\"" + ip + ":" + port + "\"");
    }

    void unblock(String ip, int port) {
        var listing = ns.exec("nft", "-a", "list", "chain", "inet", "jkc", "in");
        for (var line : listing.split("\n")) {
            if (line.contains("\"" + ip + ":" + port + "\"")) {
                var handle = line.substring(line.lastIndexOf("handle ") + 7).trim();
                ns.exec("nft", "delete", "rule", "inet", "jkc", "in", "handle", handle);
            }
        }
    }

    Path sample(String name, Map<String, String> words) throws IOException {
        var ref = Path.of(System.getProperty("jkeepalived.reference", ""));
        if (!Files.isDirectory(ref)) {
            ref = Path.of("/work/shared/keepalived-reference");
        }
        String text = Files.readString(ref.resolve("samples").resolve(name));
        for (var w : words.entrySet()) {
            text = text.replace(w.getKey(), w.getValue());
        }
        for (var n : NETWORKS.entrySet()) {
            text = text.replace(n.getKey(), n.getValue());
        }
        var file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    void run(Path config) {
        var sink = new DiagnosticSink();
        var parsed = ConfigTest.load(config, null, false, sink);
        assertFalse(sink.has(Severity.FATAL), sink.findings().toString());
        Log logSink = (level, message) -> log.add(message);
        dataPlane = new LoggingDataPlane(logSink::warning, "test: no kernel data plane");
        protocols = new ProtoCheckers(parsed.ssl(), logSink::warning, new SplittableRandom(3), IcmpEchoProbe::new);
        var factory = protocols.registerInto(new CheckerFactory(parsed.trackFiles(),
                new CheckScripts(new io.jkeepalived.notify.ScriptJobs(io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS,
                        logSink), logSink)));
        // alerts are recorded, never mailed (the samples name an smtp_server)
        var options = new CheckerDaemon.Options(logSink, dataPlane, factory, (s, b) -> log.add("ALERT " + s + " / " + b),
                List.of(), new Random(11));
        var setup = new CheckPlanBuilder(factory, logSink::warning).build(parsed.virtualServers(), parsed.virtualServerGroups(),
                new CheckPlanBuilder.Globals("LVS_DEVEL", false, false, false));
        daemon = new CheckerDaemon(setup, options);
        daemon.start(NsThreads.in(ns.name()));
    }

    Path script(String name, String body) throws IOException {
        var f = tmp.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    static void await(Duration limit, BooleanSupplier condition, String what) {
        Await.until(limit, what, condition);
    }

    void awaitLog(String line) {
        await(Duration.ofSeconds(20), () -> log.contains(line), "log line: " + line + "\nlog so far:\n" + String.join("\n", log));
    }

    void awaitCount(String line, long count) {
        await(Duration.ofSeconds(20), () -> log.stream().filter(line::equals).count() >= count,
                count + " times: " + line + "\nlog so far:\n" + String.join("\n", log));
    }

    List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void miscCheckFollowsTheScriptsExitCode() throws Exception {
        var state = tmp.resolve("state");
        Files.writeString(state, "0");
        var check = script("script.sh", "exit $(cat " + state + ")");
        run(sample("keepalived.conf.misc_check", Map.of("/usr/local/bin/script.sh", check.toString(), "delay_loop 6", "delay_loop 1")));
        String rs = "[192.0.2.6]:tcp:1358";
        String vs = "[198.51.100.2]:tcp:1358";
        awaitLog("Misc check for [" + rs + " VS " + vs + "] by [" + check + "] succeeded.");
        await(Duration.ofSeconds(5), () -> dataPlane.weightOf(new VirtualService.Address("198.51.100.2", 1358, "tcp"),
                new RealServer("192.0.2.6", 1358)) == 1, "in the pool with weight 1");
        Files.writeString(state, "1");
        awaitLog("Misc check for [" + rs + " VS " + vs + "] by [" + check + "] failed with retry disabled (exited with status 1).");
        awaitLog("Removing service " + rs + " from VS " + vs);
        Files.writeString(state, "0");
        awaitLog("Adding service " + rs + " to VS " + vs);
    }

    @Test
    void miscCheckArgumentsReachTheScript() throws Exception {
        var args = tmp.resolve("args");
        var check = script("script.sh", "echo \"$@\" >> " + args + "; exit 0");
        run(sample("keepalived.conf.misc_check_arg", Map.of("/usr/local/bin/script.sh", check.toString(), "delay_loop 6", "delay_loop 1")));
        await(Duration.ofSeconds(10), () -> lines(args).contains("arg1 arg2"), "script called with arg1 arg2, got " + lines(args));
    }

    @Test
    void quorumGainedAtNineLostBelowFiveWithOmegaAtShutdown() throws Exception {
        httpServer(80, tmp);
        var out = tmp.resolve("quorum.out");
        var up = script("quorum-up.sh", "echo UP >> " + out);
        var down = script("quorum-down.sh", "echo DOWN >> " + out);
        run(sample("keepalived.conf.quorum", Map.of("/usr/local/sbin/quorum-up.sh", up.toString(),
                "/usr/local/sbin/quorum-down.sh", down.toString(), "delay_loop 6", "delay_loop 1")));
        String vs = "[198.51.100.1]:tcp:80";
        // alpha: all down at start, the quorum comes when 7+2 are up
        awaitLog("Gained quorum 7+2=9 <= 9 for VS " + vs);
        await(Duration.ofSeconds(10), () -> lines(out).contains("UP"), "quorum_up ran");
        awaitLog("Adding service [203.0.113.10]:tcp:8080 to VS " + vs);
        for (int i = 1; i <= 5; i++) {
            block("203.0.113." + i, 80);   // connect_port 80
        }
        awaitLog("Removing service [203.0.113.5]:tcp:8080 from VS " + vs);
        assertFalse(log.stream().anyMatch(l -> l.startsWith("Lost quorum")), "5 of 10 alive >= 7-2: " + log);
        block("203.0.113.6", 80);
        awaitLog("Lost quorum 7-2=5 > 4 for VS " + vs);
        await(Duration.ofSeconds(10), () -> lines(out).contains("DOWN"), "quorum_down ran");
        for (int i = 1; i <= 4; i++) {
            unblock("203.0.113." + i, 80);
        }
        for (int i = 1; i <= 4; i++) {
            awaitCount("Adding service [203.0.113." + i + "]:tcp:8080 to VS " + vs, 2);
        }
        assertEquals(1, log.stream().filter(l -> l.startsWith("Gained quorum")).count(), "8 alive < 7+2: no flap");
        unblock("203.0.113.5", 80);
        await(Duration.ofSeconds(20), () -> log.stream().filter(l -> l.startsWith("Gained quorum 7+2=9 <= 9")).count() == 2, "quorum regained at 9");
        daemon.close();
        daemon = null;
        assertEquals(List.of("UP", "DOWN", "UP", "DOWN"), lines(out), "omega: quorum_down at shutdown too");
    }

    @Test
    void inhibitOnFailureKeepsTheServerWithWeightZero() throws Exception {
        var web = Files.createDirectories(tmp.resolve("web/testurl3"));
        Files.writeString(web.resolve("test.jsp"), "inhibit sample page\n");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(web.resolve("test.jsp"))));
        httpServer(1358, tmp.resolve("web"));
        var words = new LinkedHashMap<String, String>();
        words.put("640205b7b0fc66c1ea91c463fac6334d", md5);
        words.put("delay_loop 6", "delay_loop 1");
        words.put("delay_before_retry 3", "delay_before_retry 1");
        run(sample("keepalived.conf.inhibit", words));
        var service = new VirtualService.Address("198.51.100.2", 1358, "tcp");
        var server = new RealServer("192.0.2.2", 1358);
        String vs = "[198.51.100.2]:tcp:1358";
        await(Duration.ofSeconds(10), () -> dataPlane.weightOf(service, server) == 1, "server in the pool with weight 1");
        block("192.0.2.2", 1358);
        awaitLog("Disabling service [192.0.2.2]:tcp:1358 of VS " + vs);
        await(Duration.ofSeconds(5), () -> dataPlane.weightOf(service, server) == 0, "inhibit_on_failure: weight 0, still in the pool");
        unblock("192.0.2.2", 1358);
        awaitLog("Enabling service [192.0.2.2]:tcp:1358 of VS " + vs);
        await(Duration.ofSeconds(5), () -> dataPlane.weightOf(service, server) == 1, "weight 1 again");
    }

    @Test
    void virtualServerGroupSharesOneCheckerPerServerAcrossMembers() throws Exception {
        var web = Files.createDirectories(tmp.resolve("web/testurl3"));
        Files.writeString(web.resolve("test.jsp"), "group sample page\n");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(web.resolve("test.jsp"))));
        httpServer(1358, tmp.resolve("web"));
        var words = new LinkedHashMap<String, String>();
        words.put("640205b7b0fc66c1ea91c463fac6334d", md5);
        words.put("delay_loop 6", "delay_loop 1");
        words.put("delay_before_retry 3", "delay_before_retry 1");
        words.put("retry 3", "retry 0");
        run(sample("keepalived.conf.virtual_server_group", words));
        assertEquals(2, daemon.status().getFirst().realServers().size());
        assertEquals("[VSG_1]:0", daemon.status().getFirst().display(), "keepalived's name for a group's virtual server");
        var members = new ArrayList<VirtualService>(List.of(
                new VirtualService.Address("203.0.113.1", 8080, "tcp"),
                new VirtualService.Address("203.0.113.2", 80, "tcp"),
                new VirtualService.Address("192.0.2.1", 1358, "tcp")));
        for (int i = 3; i <= 10; i++) {
            members.add(new VirtualService.Address("192.0.2." + i, 80, "tcp"));
        }
        members.add(new VirtualService.Fwmark(1));
        members.add(new VirtualService.Fwmark(2));
        var rs1 = new RealServer("192.0.2.1", 1358);
        await(Duration.ofSeconds(10), () -> members.stream().allMatch(m -> dataPlane.weightOf(m, rs1) == 1),
                "real server in all 13 member services: " + dataPlane.desiredState());
        assertEquals(13, dataPlane.desiredState().size());
        block("192.0.2.1", 1358);
        awaitLog("Removing service [192.0.2.1]:tcp:1358 from VS [VSG_1]:0");
        await(Duration.ofSeconds(5), () -> members.stream().allMatch(m -> dataPlane.weightOf(m, rs1) == -1), "gone from every member");
        assertTrue(members.stream().allMatch(m -> dataPlane.weightOf(m, new RealServer("192.0.2.2", 1358)) == 1));
    }
}
