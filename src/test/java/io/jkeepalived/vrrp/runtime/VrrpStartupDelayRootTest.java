package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** vrrp_startup_delay: keepalived's "Delaying startup for N seconds", and no instance leaves INIT before then. */
@Tag("root")
@Timeout(120)
class VrrpStartupDelayRootTest {

    @Test
    void instancesStartAfterTheDelay() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        Path dir = Files.createTempDirectory("jkd-delay");
        String conf = "global_defs {\n    vrrp_startup_delay 4\n}\n"
                + new TestConf("v2-pass", "jkda", 100, "").render().replace("global_defs {\n    router_id jkd_jkda\n}\n", "");
        try (var lan = new VrrpTestLan("sd"); var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf)) {
            jk.start();
            await("the delay is announced", 20_000, () -> jk.currentLog().contains("Delaying startup for 4 seconds"), jk);
            long t0 = System.nanoTime();
            Thread.sleep(2_500);
            assertEquals("", jk.state("VI_1"), "still in INIT 2.5 s into the 4 s delay:\n" + jk.currentLog());
            await("BACKUP after the delay", 5_000, () -> jk.state("VI_1").equals("BACKUP"), jk);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 3_000, "Start came after the delay: " + ms + " ms");
            await("then MASTER", 10_000, () -> jk.state("VI_1").equals("MASTER"), jk);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }
}
