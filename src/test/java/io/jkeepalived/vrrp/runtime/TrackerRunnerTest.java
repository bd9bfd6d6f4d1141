package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 9: a vrrp_script that hangs past its timeout loses its whole process tree, not just the direct child;
 * a track file cannot block or exhaust the tracker.
 */
class TrackerRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aTimedOutVrrpScriptLeavesNoProcessBehind() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = dir.resolve("hang.sh");
        Files.writeString(script, "#!/bin/sh\nfor i in 1 2 3; do sleep 300 & echo $! >> " + pids + "; done\n"
                + "sh -c 'sleep 300 & echo $! >> " + pids + "; sleep 300' &\necho $! >> " + pids + "\necho $$ >> " + pids
                + "\nsleep 300\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, """
                vrrp_script hang {
                    script "%s"
                    interval 30
                    timeout 1
                }
                vrrp_instance A {
                    interface lo
                    virtual_router_id 1
                    track_script {
                        hang
                    }
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                """.formatted(script));
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var book = TrackerBook.of(config);
        var log = new CopyOnWriteArrayList<String>();
        Log sink = (level, message) -> log.add(message);
        try (var runner = new ScriptRunner(sink, 8, "test-VRRP-scripts");
             var trackers = new TrackerRunner(book, TrackerBook.usedScripts(config, book), List.of(), e -> { }, runner,
                     new ScriptJobs(ScriptJobs.Settings.KEEPALIVED_DEFAULTS, sink), 0177, MonotonicClock.system(), sink)) {
            trackers.start();
            Await.until(Duration.ofSeconds(10), "the script's tree to start", () -> lines(pids).size() == 6);
            List<Long> tree = lines(pids).stream().map(Long::parseLong).toList();
            Await.until(Duration.ofSeconds(10), "the timeout", () -> log.contains("Script `hang` timed out"));
            Await.until(Duration.ofSeconds(10), "every process of the script to be gone " + tree,
                    () -> tree.stream().noneMatch(TrackerRunnerTest::alive));
        }
        assertTrue(log.contains("Script `hang` timed out"), log.toString());
    }

    @Test
    void aTrackFileThatIsAFifoOrADeviceReadsAsZeroAtOnce() throws Exception {
        Path fifo = dir.resolve("track.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Path zero = Files.createSymbolicLink(dir.resolve("track.zero"), Path.of("/dev/zero"));
        Path big = dir.resolve("track.big");
        Files.writeString(big, "42" + " ".repeat(10_000_000));
        long start = System.nanoTime();
        assertEquals(0, TrackerRunner.readValue(track(fifo)), "a FIFO with no writer is not opened");
        assertEquals(0, TrackerRunner.readValue(track(zero)), "/dev/zero is not read");
        assertEquals(42, TrackerRunner.readValue(track(big)), "only the start of a large file is read");
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    private static TrackFileSpec track(Path file) {
        return new TrackFileSpec("t", file.toString(), 1, false, false, OptionalLong.empty(), false, SourcePos.NONE);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
