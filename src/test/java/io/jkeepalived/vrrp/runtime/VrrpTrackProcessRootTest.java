package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * track_process with a real process: a copy of sleep under a name of its own (its comm). jkeepalived (in a test
 * namespace; the process events come from the first one) is MASTER while the process runs, FAULT once it is killed
 * (weight 0), MASTER again after it is started again; with a weight, the priority drops instead and a keepalived
 * peer takes over. No polling: the events arrive within a second.
 */
@Tag("root")
@Timeout(180)
class VrrpTrackProcessRootTest {

    @Test
    void killedAndRestartedProcess() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-trackproc");
        String name = "jkdtrk" + ProcessHandle.current().pid() % 100000;
        Path binary = dir.resolve(name);
        Files.copy(Path.of(Sh.ok("which", "sleep").trim()), binary, StandardCopyOption.REPLACE_EXISTING);
        binary.toFile().setExecutable(true);
        String track = "vrrp_track_process " + name + "_0 {\n    process " + name + "\n    weight 0\n}\n"
                + "vrrp_track_process " + name + "_w {\n    process " + name + "\n    weight -60\n    terminate_delay 0.5\n}\n";
        Process proc = null;
        try (var lan = new VrrpTestLan("tp");
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, track + new TestConf("v2-pass", "jkda", 150,
                     "    track_process {\n        " + name + "_w\n    }\n").render());
             var ka = VrrpNode.keepalived("ka", lan.b, dir, new TestConf("v2-pass", "jkdb", 100, "").render())) {
            proc = new ProcessBuilder(binary.toString(), "1000").start();
            ka.start();
            jk.start();
            await("jkeepalived (150, process running) MASTER", 40_000,
                    () -> jk.state("VI_1").equals("MASTER") && ka.state("VI_1").equals("BACKUP"), jk, ka);

            proc.destroy();
            proc.waitFor(5, TimeUnit.SECONDS);
            long ms = await("process gone: 150 - 60 = 90 < 100, keepalived takes over", 10_000,
                    () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP"), jk, ka);
            System.out.println("[trackproc] takeover " + ms + " ms after the kill (terminate_delay 0.5 s)");
            assertTrue(jk.currentLog().contains("Track process " + name + "_w lost quorum"), jk.currentLog());

            proc = new ProcessBuilder(binary.toString(), "1000").start();
            await("process back: jkeepalived preempts", 10_000,
                    () -> jk.state("VI_1").equals("MASTER") && ka.state("VI_1").equals("BACKUP"), jk, ka);
            assertTrue(jk.currentLog().contains("Track process " + name + "_w now has quorum"), jk.currentLog());

            // weight 0: FAULT while it is gone
            jk.term();
            jk.rewrite(track + new TestConf("v2-pass", "jkda", 150, "    track_process {\n        " + name + "_0\n    }\n").render());
            jk.start();
            await("jkeepalived MASTER again", 40_000, () -> jk.state("VI_1").equals("MASTER"), jk, ka);
            proc.destroy();
            proc.waitFor(5, TimeUnit.SECONDS);
            await("weight 0: FAULT when the process dies", 5_000, () -> jk.state("VI_1").equals("FAULT"), jk);
            proc = new ProcessBuilder(binary.toString(), "1000").start();
            await("back out of FAULT when it is started again", 15_000, () -> jk.state("VI_1").equals("MASTER"), jk, ka);
        } finally {
            if (proc != null) {
                proc.destroyForcibly();
            }
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }
}
