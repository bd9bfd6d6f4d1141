package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * vrrp_delay_after_boot (keepalived 2.4.0+, so jkeepalived alone). keepalived takes at most UINT_MAX us (71 min), so
 * the daemon runs in a time namespace (unshare --time --boottime) whose /proc/uptime says the system booted 10 s ago:
 * with vrrp_delay_after_boot 20, VRRP waits what is left ("Delaying startup for N seconds", under 10, no instance out
 * of INIT meanwhile). On this host itself, booted long before, the same line starts VRRP at once.
 */
@Tag("root")
@Timeout(120)
class VrrpDelayAfterBootRootTest {
    private static final Pattern DELAY = Pattern.compile("Delaying startup for ([0-9.]+) seconds");
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.alone("jkd-afterboot");
    private VrrpTestLan lan;
    private VrrpNode jk;

    private static BigDecimal uptime() throws Exception {
        return new BigDecimal(Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0]);
    }

    private static String conf(BigDecimal afterBoot) {
        return new TestConf("v2-pass", "jkda", 100, "").render()
                .replace("global_defs {\n", "global_defs {\n    vrrp_delay_after_boot " + afterBoot.toPlainString() + "\n");
    }

    @Test
    void waitsUntilTheDelayAfterBootHasPassed() throws Exception {
        assumeTrue(Sh.run("unshare", "--time", "--boottime", "0", "true").exit() == 0, "needs time namespaces");
        long offset = uptime().longValue() - 10;        // booted "10 s ago" inside
        lan = lab.lan("dab");
        jk = lab.jkeepalived("jk", lan.a, conf(BigDecimal.valueOf(20)))
                .under("unshare", "--time", "--boottime", Long.toString(-offset), "--kill-child=SIGTERM").start();
        await("the delay is announced", 30_000, () -> DELAY.matcher(jk.currentLog()).find(), jk);
        long t0 = System.nanoTime();
        var m = DELAY.matcher(jk.currentLog());
        assertTrue(m.find());
        double announced = Double.parseDouble(m.group(1));
        // the JVM's start (seconds under load) is part of the uptime too
        assertTrue(announced > 1 && announced <= 10.0, "what is left of 20 s after 10 s of uptime: " + announced);
        long waitMs = (long) (announced * 1000);
        Thread.sleep(Math.max(0, waitMs - 1_000));
        assertEquals("", jk.state("VI_1"), "still in INIT a second before the delay ends:\n" + jk.currentLog());
        await("BACKUP after the delay", 10_000, () -> jk.state("VI_1").equals("BACKUP"), jk);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= waitMs - 200, "Start came after the delay: " + ms + " ms of " + waitMs);
    }

    @Test
    void longAfterBootThereIsNoDelay() throws Exception {
        assumeTrue(uptime().compareTo(BigDecimal.valueOf(60)) > 0, "the host booted less than a minute ago");
        lan = lab.lan("dan");
        jk = lab.jkeepalived("jk", lan.a, conf(BigDecimal.valueOf(15))).start();
        await("BACKUP at once", 30_000, () -> jk.state("VI_1").equals("BACKUP"), jk);
        assertEquals(0, jk.countLines("Delaying startup"), jk.currentLog());
    }
}
