package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10: keepalived 2.2.7's startup_script / shutdown_script. The start-up script runs (as script_user) and is
 * waited for before VRRP starts - its line comes before the first state notify; the shut-down script runs once
 * VRRP has stopped - after the STOP notify; a start-up script that outlives startup_script_timeout is logged,
 * its whole group killed, and the daemon starts anyway.
 */
@Tag("root")
@Timeout(180)
class StartStopScriptsRootTest {
    private Path dir;
    private Path out;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces and script_user");
        dir = Files.createTempDirectory("jkd-startstop");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        out = dir.resolve("out");
        Files.createDirectory(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));     // nobody writes here
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir != null) {
            Sh.run("rm", "-rf", dir.toString());
        }
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void theStartupScriptRunsFirstAndTheShutdownScriptLastAsScriptUser() throws Exception {
        Path events = out.resolve("events");
        Path start = script("start.sh", "sleep 2\necho \"startup uid=$(id -u) args=$*\" >> " + events);
        Path stop = script("stop.sh", "echo \"shutdown uid=$(id -u)\" >> " + events);
        Path notify = script("notify.sh", "echo \"notify $*\" >> " + events);
        Path notifyStop = script("notify-stop.sh", "echo \"notify_stop\" >> " + events);
        String conf = "global_defs {\n    script_user nobody\n    startup_script \"" + start + " one two\"\n"
                + "    startup_script_timeout 20\n    shutdown_script " + stop + "\n}\n"
                + new TestConf("v2", "jkda", 100, "    notify " + notify + "\n    notify_stop " + notifyStop + "\n").render()
                .replace("global_defs {\n    router_id jkd_jkda\n}\n", "");
        try (var lan = new VrrpTestLan("ss"); var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf)) {
            jk.start();
            await("MASTER", 30_000, () -> jk.state("VI_1").equals("MASTER"), jk);
            await("notify MASTER", 10_000, () -> read(events).contains("notify INSTANCE VI_1 MASTER"), jk);
            assertEquals(0, jk.term());
            List<String> lines = read(events).lines().toList();
            assertEquals("startup uid=65534 args=one two", lines.getFirst(), "first, as script_user nobody: " + lines);
            assertEquals("notify INSTANCE VI_1 BACKUP 100", lines.get(1), lines.toString());
            assertEquals("shutdown uid=65534", lines.getLast(), "last: " + lines);
            assertTrue(lines.indexOf("notify_stop") > 0 && lines.indexOf("notify_stop") < lines.size() - 1, lines.toString());
            String log = jk.currentLog();
            assertTrue(log.indexOf("Running startup script") < log.indexOf("Starting VRRP subsystem"), log);
            assertTrue(log.contains("startup script script succeeded"), log);
            assertTrue(log.contains("shutdown script script succeeded"), log);
        }
    }

    @Test
    void aStartupScriptThatTimesOutLosesItsGroupAndTheDaemonStartsAnyway() throws Exception {
        Path childPid = out.resolve("child.pid");
        Path start = script("hang.sh", "sleep 300 &\necho $! > " + childPid + "\nsleep 300");
        String conf = "global_defs {\n    script_user nobody\n    startup_script " + start + "\n    startup_script_timeout 1\n}\n"
                + new TestConf("v2", "jkda", 100, "").render().replace("global_defs {\n    router_id jkd_jkda\n}\n", "");
        try (var lan = new VrrpTestLan("st"); var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf)) {
            long t0 = System.nanoTime();
            jk.start();
            await("VRRP starts after the timeout", 30_000, () -> jk.currentLog().contains("Starting VRRP subsystem"), jk);
            double took = (System.nanoTime() - t0) / 1e9;
            String log = jk.currentLog();
            assertTrue(log.contains("startup script timed out"), log);
            assertTrue(log.indexOf("startup script timed out") < log.indexOf("Starting VRRP subsystem"), log);
            String pid = read(childPid).trim();
            assertTrue(!pid.isEmpty() && !running(pid), "the script's child " + pid + " was killed with its group");
            System.out.printf("start-up script timed out (1 s): VRRP started %.1f s after launch%n", took);
            await("MASTER", 30_000, () -> jk.state("VI_1").equals("MASTER"), jk);
        }
    }

    /** Alive and not a zombie waiting for init to reap it. */
    static boolean running(String pid) {
        String stat = read(Path.of("/proc", pid, "stat"));
        return !stat.isEmpty() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
