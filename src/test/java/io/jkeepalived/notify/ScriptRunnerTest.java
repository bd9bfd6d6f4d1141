package io.jkeepalived.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.linux.Credentials;
import io.jkeepalived.linux.UserAccounts;
import io.jkeepalived.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
    @TempDir
    Path dir;

    private final ScriptRunner runner = new ScriptRunner(Log.NONE, 16, "test-scripts");
    private final List<ScriptHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ScriptHandle::kill);
        runner.close();
    }

    private ScriptHandle start(ScriptJob job) {
        var h = runner.start(job);
        started.add(h);
        return h;
    }

    private static ScriptOutcome outcome(ScriptHandle h) {
        return h.outcome().orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static ScriptJob sh(String script, Optional<Duration> timeout) {
        return new ScriptJob(List.of("/bin/sh", "-c", script), Optional.empty(), timeout, Duration.ZERO);
    }

    @Test
    void exitCodesAndSignalsAreReaped() {
        assertEquals(new ScriptOutcome.Exited(3), outcome(start(sh("exit 3", Optional.empty()))));
        assertEquals(new ScriptOutcome.Signalled(15), outcome(start(sh("kill -TERM $$", Optional.empty()))));
        assertInstanceOf(ScriptOutcome.NotRun.class, outcome(start(ScriptJob.notify(List.of("/nonexistent/x"), Optional.empty()))));
        assertEquals(new ScriptOutcome.Exited(0), outcome(start(ScriptJob.notify(List.of("true"), Optional.empty()))),
                "a bare name is found on the scripts' PATH");
    }

    @Test
    void aScriptLeadsItsOwnSessionWithACleanEnvironmentAndNothingOpen() throws Exception {
        var h = start(ScriptJob.notify(List.of("/bin/sleep", "30"), Optional.empty()));
        Await.until(Duration.ofSeconds(10), "the script to start", () -> h.pid() != 0);
        int pid = h.pid();
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        assertEquals(Integer.toString(pid), stat[2], "its own process group");
        assertEquals(Integer.toString(pid), stat[3], "its own session");
        assertEquals("PATH=/usr/bin:/bin:/usr/sbin:/sbin\0JKEEPALIVED_DAEMON=" + LeftoverScripts.pidNamespace() + ":"
                + ProcessHandle.current().pid() + ":"
                + LeftoverScripts.startTime(Path.of("/proc"), ProcessHandle.current().pid()).orElseThrow() + "\0",
                Files.readString(Path.of("/proc/" + pid + "/environ")));
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            assertEquals(List.of("0", "1", "2"), fds.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("/dev/null", Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/0")).toString());
        h.kill();
        assertEquals(new ScriptOutcome.Signalled(9), outcome(h));
    }

    @Test
    void aTimedOutScriptLosesItsWholeProcessTree() throws Exception {
        Path pids = dir.resolve("pids");
        String script = "for i in 1 2 3; do sleep 300 & echo $! >> " + pids + "; done;"
                + " sh -c 'sleep 300 & echo $! >> " + pids + "; wait' & echo $! >> " + pids + "; echo $$ >> " + pids + "; wait";
        var h = start(sh(script, Optional.of(Duration.ofMillis(700))));
        Await.until(Duration.ofSeconds(10), "the script tree to start", () -> lines(pids).size() == 6);
        List<Long> tree = lines(pids).stream().map(Long::parseLong).toList();
        tree.forEach(p -> assertTrue(alive(p), "started: " + p));
        assertEquals(new ScriptOutcome.TimedOut(), outcome(h));
        Await.until(Duration.ofSeconds(10), "every process of the tree to be gone", () -> tree.stream().noneMatch(ScriptRunnerTest::alive));
        Await.until(Duration.ofSeconds(10), "the leader to be reaped", () -> !h.running());
    }

    @Test
    @Tag("root")
    void aScriptRunsAsItsUserWithNoCapabilitiesAndOnlyItsGroup() throws Exception {
        assumeTrue(UserAccounts.effectiveUid() == 0, "needs root to switch users");
        var nobody = UserAccounts.user("nobody").orElseThrow();
        var h = start(ScriptJob.notify(List.of("/bin/sleep", "30"), Optional.of(new Credentials(nobody.uid(), nobody.gid()))));
        Await.until(Duration.ofSeconds(10), "the script to start", () -> h.pid() != 0);
        String status = Files.readString(Path.of("/proc/" + h.pid() + "/status"));
        String u = Integer.toString(nobody.uid());
        String g = Integer.toString(nobody.gid());
        assertEquals(List.of(u, u, u, u), field(status, "Uid"));
        assertEquals(List.of(g, g, g, g), field(status, "Gid"));
        assertEquals(List.of(g), field(status, "Groups"));
        for (String cap : List.of("CapInh", "CapPrm", "CapEff", "CapAmb")) {
            assertEquals(List.of("0000000000000000"), field(status, cap), cap);
        }
        h.kill();
        outcome(h);

        // the launcher thread is root again: the next script without a user runs as the daemon
        var root = start(ScriptJob.notify(List.of("/bin/sleep", "30"), Optional.empty()));
        Await.until(Duration.ofSeconds(10), "the script to start", () -> root.pid() != 0);
        assertEquals(List.of("0", "0", "0", "0"), field(Files.readString(Path.of("/proc/" + root.pid() + "/status")), "Uid"));
        assertFalse(Files.readString(Path.of("/proc/self/status")).contains("Uid:\t" + u));
    }

    private static List<String> field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String rest = line.substring(name.length() + 1).trim();
                return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            }
        }
        throw new AssertionError("no " + name + " in status");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Alive and not a zombie (a zombie waits for init, but runs nothing). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
