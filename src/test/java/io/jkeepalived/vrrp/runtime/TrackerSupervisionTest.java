package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 5 for the tracking thread: an Error in a scheduled tracker task used to cancel that task
 * silently (the executor swallows it and the thread lives on); now it is logged and reported as a death, which
 * makes the VRRP subsystem "not running" so the daemon restarts it.
 */
@Timeout(30)
class TrackerSupervisionTest {
    @TempDir
    Path dir;

    @Test
    void anErrorInATrackerTaskIsLoggedAndReported() throws Exception {
        Path tf = dir.resolve("tf");
        Files.writeString(tf, "0\n");
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "track_file tf {\n    file " + tf + "\n    weight 5\n}\n"
                + "vrrp_instance A {\n    interface lo\n    virtual_router_id 1\n    track_file {\n        tf\n    }\n"
                + "    virtual_ipaddress {\n        192.0.2.100\n    }\n}\n");
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var book = TrackerBook.of(config);
        var fail = new AtomicBoolean();
        Consumer<VrrpEvent> loop = e -> {
            if (fail.get()) {
                throw new StackOverflowError("injected in the tracker");
            }
        };
        var lines = new CopyOnWriteArrayList<String>();
        io.jkeepalived.common.Log sink = (level, message) -> lines.add(message);
        try (var runner = new io.jkeepalived.notify.ScriptRunner(sink, 8, "test-VRRP-scripts");
             var trackers = new TrackerRunner(book, TrackerBook.usedScripts(config, book), TrackerBook.usedFiles(config, book),
                loop, runner, new io.jkeepalived.notify.ScriptJobs(io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS, sink),
                0177, MonotonicClock.system(), sink)) {
            trackers.start();
            assertTrue(trackers.death().isEmpty());
            fail.set(true);
            Files.writeString(tf, "1\n");            // the next poll (every 500 ms) tells the loop
            Await.until(Duration.ofSeconds(10), "the tracker's death", () -> trackers.death().isPresent());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("VRRP thread VRRP-track died: ")
                    && l.contains("injected in the tracker")), lines.toString());
        }
    }
}
