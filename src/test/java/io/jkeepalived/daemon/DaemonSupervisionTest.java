package io.jkeepalived.daemon;

import io.jkeepalived.lifecycle.Subsystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon restarts a subsystem whose loop died, as keepalived's parent respawns a dead child. */
class DaemonSupervisionTest {
    @TempDir
    Path dir;

    /** A subsystem whose loop "dies" right after each start. */
    static final class Dying implements Subsystem {
        final AtomicInteger starts = new AtomicInteger();

        @Override
        public String name() {
            return "VRRP";
        }

        @Override
        public void start() {
            starts.incrementAndGet();
        }

        @Override
        public void stop() {
        }

        @Override
        public void reload(KeepalivedConfig config) {
        }

        @Override
        public boolean running() {
            return false;
        }
    }

    @Test
    @Timeout(30)
    void aDeadSubsystemIsRestarted() throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "global_defs {\n    router_id test\n}\n");
        var options = new RunOptions(conf, true, false, false, false, true, false, "LOG_DAEMON", Optional.empty(), true,
                OptionalInt.empty(), false, false, false, true, false, dir.resolve("k.pid"), dir.resolve("v.pid"),
                dir.resolve("c.pid"), dir.resolve("b.pid"), false, false, "");
        var lines = new CopyOnWriteArrayList<String>();
        var dying = new Dying();
        var daemon = new Daemon(options, (level, message) -> lines.add(message),
                (file, id, strict, sink) -> Optional.of(ConfigTest.load(file, id, strict, new DiagnosticSink())),
                List.of((config, o, log) -> Optional.of(dying)), c -> List.of()).superviseEvery(Duration.ofMillis(20));
        var run = DaemonThread.start(daemon);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (dying.starts.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        run.post(SignalEvents.Request.STOP);
        assertEquals(0, run.exitWithin(Duration.ofSeconds(10)));
        assertTrue(dying.starts.get() >= 3, "restarted: " + dying.starts.get());
        assertTrue(lines.contains("VRRP subsystem is no longer running - restarting it"), lines.toString());
    }
}
