package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.lifecycle.Subsystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * child_wait_time: a stop waits that long for the subsystems' own stops, then gives up on one still stopping, as
 * keepalived's parent SIGKILLs a child that "failed to die"; a stop that finishes in time is waited for.
 */
class ChildWaitTimeTest {
    @TempDir
    Path dir;

    /** A VRRP subsystem whose stop takes {@code stopMillis}. */
    static final class SlowStop implements Subsystem {
        final long stopMillis;
        final CountDownLatch stopped = new CountDownLatch(1);

        SlowStop(long stopMillis) {
            this.stopMillis = stopMillis;
        }

        @Override
        public String name() {
            return "VRRP";
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
            try {
                Thread.sleep(stopMillis);
                stopped.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reload(KeepalivedConfig config) {
        }

        @Override
        public boolean running() {
            return true;
        }
    }

    private record Outcome(long millis, List<String> lines) {
    }

    private Outcome stop(String childWaitTime, SlowStop subsystem) throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var daemon = DaemonThread.withSubsystems(dir, childWaitTime, (level, message) -> lines.add(message), subsystem);
        var run = DaemonThread.start(daemon);
        while (!lines.contains("Startup complete")) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        run.post(SignalEvents.Request.STOP);
        assertEquals(0, run.exitWithin(Duration.ofSeconds(30)));
        return new Outcome((System.nanoTime() - start) / 1_000_000, lines);
    }

    @Test
    @Timeout(60)
    void aStopThatHangsIsGivenUpAfterChildWaitTime() throws Exception {
        var hung = new SlowStop(60_000);
        var out = stop("child_wait_time 1\n", hung);
        assertTrue(out.millis() >= 1_000 && out.millis() < 10_000, "gave up after about 1 s: " + out.millis() + " ms");
        assertTrue(out.lines().contains("vrrp process failed to die - forcing termination"), out.lines().toString());
        assertEquals(1, hung.stopped.getCount(), "the stop had not finished");
    }

    @Test
    @Timeout(60)
    void aStopWithinChildWaitTimeIsWaitedFor() throws Exception {
        var slow = new SlowStop(1_500);
        var out = stop("child_wait_time 10\n", slow);
        assertTrue(slow.stopped.await(0, TimeUnit.MILLISECONDS), "the stop finished before the daemon went on");
        assertFalse(out.lines().stream().anyMatch(l -> l.contains("failed to die")), out.lines().toString());
        var cut = new SlowStop(1_500);
        assertTrue(stop("child_wait_time 0\n", cut).lines().contains("vrrp process failed to die - forcing termination"),
                "0: not waited for at all");
    }
}
