package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
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
 * Issue 9, PR_SET_PDEATHSIG's stand-in: a daemon killed with SIGKILL while a long notify script (and a child it
 * put in the background) runs cannot stop them - posix_spawn has no pdeathsig - but the next daemon kills them
 * as it starts, before it runs anything, recognising them by the dead daemon's mark in their environment.
 */
@Tag("root")
@Timeout(180)
class LeftoverScriptsRootTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        dir = Files.createTempDirectory("jkd-leftover");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String pid : read(dir.resolve("pids")).lines().toList()) {
            Sh.run("kill", "-9", pid.trim());          // only if the test failed: the processes this test made
        }
        Sh.run("rm", "-rf", dir.toString());
    }

    @Test
    void theNextDaemonKillsTheScriptsOfOneThatWasSigkilled() throws Exception {
        Path pids = dir.resolve("pids");
        Path master = dir.resolve("master.sh");
        Files.writeString(master, "#!/bin/sh\nsleep 301 &\necho $! >> " + pids + "\necho $$ >> " + pids + "\nsleep 302\n");
        Files.setPosixFilePermissions(master, PosixFilePermissions.fromString("rwx------"));
        String conf = "global_defs {\n    script_user root\n}\n"
                + new TestConf("v2", "jkda", 100, "    notify_master " + master + "\n").render()
                .replace("global_defs {\n    router_id jkd_jkda\n}\n", "");
        try (var lan = new VrrpTestLan("lo")) {
            var first = VrrpNode.jkeepalived("first", lan.a, dir, conf);
            try (first) {
                first.start();
                await("MASTER, its notify running", 30_000, () -> read(pids).lines().count() == 2, first);
                first.kill9();
            }
            List<String> scripts = read(pids).lines().map(String::trim).toList();
            Thread.sleep(1_000);
            assertTrue(scripts.stream().allMatch(StartStopScriptsRootTest::running),
                    "without pdeathsig the script and its child outlive the SIGKILLed daemon: " + scripts);
            try (var second = VrrpNode.jkeepalived("second", lan.a, dir, conf)) {
                long t0 = System.nanoTime();
                second.start();
                await("the leftovers are gone", 30_000, () -> scripts.stream().noneMatch(StartStopScriptsRootTest::running), second);
                System.out.printf("leftover script group gone %.1f s after the next daemon was launched%n",
                        (System.nanoTime() - t0) / 1e9);
                await("VRRP started", 30_000, () -> second.currentLog().contains("Starting VRRP subsystem"), second);
                String log = second.currentLog();
                for (String pid : scripts) {
                    assertTrue(log.contains("Killed process " + pid + " ("), log);
                }
                assertTrue(log.indexOf("Killed process") < log.indexOf("Starting VRRP subsystem"), log);
                await("MASTER again", 30_000, () -> second.state("VI_1").equals("MASTER"), second);
                await("the new daemon's own notify runs", 10_000, () -> read(pids).lines().count() == 4, second);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
