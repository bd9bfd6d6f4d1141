package io.jkeepalived.daemon;

import io.jkeepalived.lifecycle.Subsystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.time.Duration;
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
        var lines = new CopyOnWriteArrayList<String>();
        var dying = new Dying();
        var daemon = DaemonThread.withSubsystems(dir, "", (level, message) -> lines.add(message), dying)
                .superviseEvery(Duration.ofMillis(20));
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
