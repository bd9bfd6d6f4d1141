package io.jkeepalived.check.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 5: the health-checker subsystem says it is running only while its loop is (it used to say so
 * whenever it had been started); an Error on the loop is logged and the restart the daemon then does works.
 */
@Tag("root")
@Timeout(120)
class CheckerSupervisionTest {
    @TempDir
    Path dir;

    @Test
    void anErrorOnTheCheckerLoopIsLoggedSeenAndRestarted() throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "virtual_server 127.0.0.1 1 {\n    protocol TCP\n    real_server 127.0.0.1 1 {\n"
                + "        TCP_CHECK {\n            connect_timeout 1\n        }\n    }\n}\n");
        var lines = new CopyOnWriteArrayList<String>();
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var checker = new CheckerSubsystem(config, true, java.util.Optional.empty(), (level, message) -> lines.add(message));
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for a network namespace");
        // in a namespace of its own: the checker programs the LVS data plane, and a restart adopts what it finds
        try (var ns = NetNs.create("jkd", "sup")) {
            ns.exec("ip", "link", "set", "lo", "up");
            Path nsFile = NetworkNamespace.named(ns.name());
            superviseIn(nsFile, checker, lines);
        }
        assertFalse(checker.running());
    }

    /** Stuck but alive: a task that blocks the checker loop is found at the 30 s bound and restarted. */
    @Test
    void aCheckerLoopStuckOnATaskIsSeenWithItsStackAndRestarted() throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "virtual_server 127.0.0.1 1 {\n    protocol TCP\n    real_server 127.0.0.1 1 {\n"
                + "        TCP_CHECK {\n            connect_timeout 1\n        }\n    }\n}\n");
        var lines = new CopyOnWriteArrayList<String>();
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var checker = new CheckerSubsystem(config, true, java.util.Optional.empty(), (level, message) -> lines.add(message));
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for a network namespace");
        var release = new java.util.concurrent.CountDownLatch(1);
        try (var ns = NetNs.create("jkd", "stl")) {
            ns.exec("ip", "link", "set", "lo", "up");
            Path nsFile = NetworkNamespace.named(ns.name());
            startIn(nsFile, checker);
            try {
                assertTrue(checker.running());
                checker.current().execute(() -> {
                    try {
                        release.await();          // the injected blocking task
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                long t0 = System.nanoTime();
                Thread.sleep(CheckerDaemon.STALL_PERIOD.toMillis() * 2);
                assertTrue(checker.running(), "within the 30 s bound");
                Await.until(Duration.ofSeconds(30), "the checker reports itself stuck", () -> !checker.running());
                System.out.printf("stuck checker loop found after %.1f s%n", (System.nanoTime() - t0) / 1e9);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("Healthchecker thread checker is stuck: no progress for")
                        && l.contains("CountDownLatch.await")), lines.toString());
                release.countDown();              // lets the old loop finish its stop
                checker.stop();
                startIn(nsFile, checker);
                assertTrue(checker.running());
            } finally {
                release.countDown();
                checker.stop();
            }
        }
        assertFalse(checker.running());
    }

    /** Threads started from a thread in the namespace live there too (the loop, its data plane's sockets). */
    private static void startIn(Path nsFile, CheckerSubsystem checker) throws Exception {
        NetworkNamespace.call(nsFile, () -> {
            checker.start();
            return null;
        });
    }

    private static void superviseIn(Path nsFile, CheckerSubsystem checker, List<String> lines) throws Exception {
        startIn(nsFile, checker);
        try {
            assertTrue(checker.running());
            checker.current().execute(() -> {
                throw new StackOverflowError("injected in the checker loop");
            });
            Await.until(Duration.ofSeconds(10), "the checker reports itself dead", () -> !checker.running());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Healthchecker thread checker died: ")
                    && l.contains("injected in the checker loop")), lines.toString());
            checker.stop();                       // what the daemon's supervision does
            startIn(nsFile, checker);
            assertTrue(checker.running());
        } finally {
            checker.stop();
        }
    }
}
