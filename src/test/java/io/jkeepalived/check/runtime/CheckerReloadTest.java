package io.jkeepalived.check.runtime;

import io.jkeepalived.check.checkers.CheckerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.common.Log;
import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.LoggingDataPlane;
import io.jkeepalived.lvs.LvsOp;
import io.jkeepalived.lvs.Pool;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.ServiceStats;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload is diff + migrate: servers in both configurations keep their state and their kernel entries, a
 * changed weight is an edit in place, a removed server leaves, a new one comes in. MISC_CHECK with
 * /bin/true and /bin/false as the health, an in-memory data plane that records each op.
 */
class CheckerReloadTest {
    static final VirtualService VS = new VirtualService.Address("192.0.2.100", 80, "tcp");

    @TempDir
    Path tmp;
    final List<String> log = new CopyOnWriteArrayList<>();
    final Recording dataPlane = new Recording();

    /** The in-memory data plane, remembering the ops it was given. */
    static final class Recording implements DataPlane {
        final LoggingDataPlane kernel = new LoggingDataPlane(m -> { }, "test");
        final List<LvsOp> ops = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public Pool read() {
            return kernel.read();
        }

        @Override
        public List<Failure> apply(List<LvsOp> list) {
            ops.addAll(list);
            return kernel.apply(list);
        }

        @Override
        public void flush() {
            kernel.flush();
        }

        @Override
        public List<ServiceStats> stats() {
            return kernel.stats();
        }
    }

    static String server(int last, int weight, String health) {
        return " real_server 198.51.100." + last + " 80 {\n  weight " + weight + "\n  MISC_CHECK {\n   misc_path " + health
                + "\n  }\n }\n";
    }

    KeepalivedConfig config(String name, String servers) throws IOException {
        var file = tmp.resolve(name);
        Files.writeString(file, "virtual_server 192.0.2.100 80 {\n delay_loop 1\n lb_algo wrr\n lb_kind NAT\n protocol TCP\n"
                + servers + "}\n");
        var sink = new DiagnosticSink();
        var parsed = ConfigTest.load(file, null, false, sink);
        assertFalse(sink.has(Severity.FATAL), sink.findings().toString());
        return parsed;
    }

    CheckerDaemon daemon(KeepalivedConfig config, CheckerDaemon.Handover previous) {
        Log sink = (level, message) -> log.add(message);
        var factory = new CheckerFactory(config.trackFiles(), new CheckScripts(
                new io.jkeepalived.notify.ScriptJobs(io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS, sink), sink));
        var options = new CheckerDaemon.Options(sink, dataPlane, factory, (s, b) -> { }, List.of(), new Random(3))
                .withLvs(true, Duration.ZERO);
        var d = new CheckerDaemon(CheckerDaemon.setup(config, factory, sink), options, previous);
        d.start();
        return d;
    }

    int weight(int last) {
        return dataPlane.kernel.weightOf(VS, new RealServer("198.51.100." + last, 80));
    }

    @Test
    void unchangedServersKeepStateAndKernelEntries() throws Exception {
        var first = daemon(config("a.conf", server(11, 1, "/bin/true") + server(12, 1, "/bin/true") + server(13, 1, "/bin/false")), null);
        Await.until(Duration.ofSeconds(10), "13 out, 11 and 12 in\n" + log, () -> weight(13) == -1 && weight(11) == 1 && weight(12) == 1
                && log.stream().anyMatch(l -> l.contains("Removing service [198.51.100.13]:tcp:80")));
        var handover = first.handOver();
        dataPlane.ops.clear();
        int logged = log.size();

        var second = daemon(config("b.conf", server(11, 1, "/bin/true") + server(12, 5, "/bin/true") + server(14, 2, "/bin/true")), handover);
        try {
            Await.until(Duration.ofSeconds(10), "12 re-weighted, 14 in\n" + log, () -> weight(12) == 5 && weight(14) == 2);
            var server12 = new Destination(new RealServer("198.51.100.12", 80), Forwarding.NAT, 5, 0, 0);
            var server14 = new Destination(new RealServer("198.51.100.14", 80), Forwarding.NAT, 2, 0, 0);
            assertEquals(List.of(new LvsOp.AddDestination(VS, server14), new LvsOp.EditDestination(VS, server12)), dataPlane.ops,
                    "only the difference reaches the kernel");
            assertEquals(1, weight(11));
            assertEquals(-1, weight(13));
            var after = log.subList(logged, log.size());
            assertTrue(after.stream().noneMatch(l -> l.contains("198.51.100.11")), "nothing said about the unchanged server: " + after);
            assertTrue(after.contains("Changing weight from 1 to 5 for active service [198.51.100.12]:tcp:80 of VS [192.0.2.100]:tcp:80"),
                    after.toString());
            var status = second.status().getFirst().realServers();
            assertTrue(status.getFirst().alive(), status.toString());
        } finally {
            second.close();
        }
        assertEquals(Pool.EMPTY.services(), dataPlane.kernel.read().services(), "stop removes what we added");
    }

    @Test
    void dontReleaseLeavesThePoolInTheKernel() throws Exception {
        Log sink = (level, message) -> log.add(message);
        var config = config("a.conf", server(11, 1, "/bin/true"));
        var factory = new CheckerFactory(config.trackFiles(), new CheckScripts(
                new io.jkeepalived.notify.ScriptJobs(io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS, sink), sink));
        var options = new CheckerDaemon.Options(sink, dataPlane, factory, (s, b) -> { }, List.of(), new Random(3))
                .withLvs(false, Duration.ZERO);
        var d = new CheckerDaemon(CheckerDaemon.setup(config, factory, sink), options);
        d.start();
        Await.until(Duration.ofSeconds(10), "11 in", () -> weight(11) == 1);
        d.close();
        assertEquals(1, weight(11), "-I: the kernel keeps the pool");
        // a restart adopts it: nothing is added again
        dataPlane.ops.clear();
        var again = daemon(config, null);
        try {
            Await.until(Duration.ofSeconds(10), "adopted\n" + log, () -> log.stream().anyMatch(l -> l.contains("are kept with their connections")));
            Thread.sleep(300);
            assertEquals(List.of(), dataPlane.ops);
        } finally {
            again.close();
        }
    }
}
