package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.Sh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * timer_expired_backup (keepalived 2.2.8+, so keepalived 2.2.7 is only the peer here): our MASTER (priority 150,
 * nopreempt) is stopped with SIGSTOP for 4.5 s, longer than keepalived's master down time (3.6 s), so keepalived (100)
 * takes over. Continued, with the option ours sees its loop ran too late, logs "VRRP thread timer expired" and goes
 * BACKUP without advertising: keepalived stays MASTER. Without it, ours advertises 150 again and keepalived goes back
 * to BACKUP.
 */
@Tag("root")
@Timeout(180)
class TimerExpiredBackupRootTest {
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-expired");
    private VrrpTestLan lan;
    private VrrpNode jk;
    private VrrpNode ka;

    /** The SIGSTOPped daemon is continued first, so that it stops as it would. */
    @AfterEach
    void continueStopped() {
        if (jk != null) {
            Sh.run("kill", "-CONT", Long.toString(jk.pid()));
        }
    }

    @ParameterizedTest(name = "timer_expired_backup {0}")
    @ValueSource(booleans = {true, false})
    void aStoppedMasterComesBackAsBackupOnlyWithTheOption(boolean option) throws Exception {
        lan = lab.lan(option ? "teo" : "ten");
        jk = lab.jkeepalived("jk", lan.a, new TestConf("v2-pass", "jkda", 150,
                "    nopreempt\n" + (option ? "    timer_expired_backup\n" : "")).render()).start();
        await("jk MASTER", 60_000, () -> jk.state("VI_1").equals("MASTER"), jk);
        ka = lab.keepalived("ka", lan.b, new TestConf("v2-pass", "jkdb", 100, "").render()).start();
        await("keepalived BACKUP", 60_000, () -> ka.state("VI_1").equals("BACKUP"), jk, ka);

        Sh.ok("kill", "-STOP", Long.toString(jk.pid()));
        try {
            await("keepalived takes over while we are stopped", 20_000, () -> ka.state("VI_1").equals("MASTER"), jk, ka);
            Thread.sleep(800);
        } finally {
            Sh.ok("kill", "-CONT", Long.toString(jk.pid()));
        }
        if (option) {
            await("ours BACKUP", 30_000, () -> jk.state("VI_1").equals("BACKUP"), jk, ka);
            assertEquals(1, jk.countLines("VRRP thread timer expired"), jk.currentLog());
            Thread.sleep(3_000);        // three adverts of keepalived's, followed: nopreempt
            assertEquals("MASTER", ka.state("VI_1"), ka.currentLog());
            assertEquals("BACKUP", jk.state("VI_1"), jk.currentLog());
            assertFalse(lan.hasAddress(lan.a, TestConf.VIP4), "ours dropped the VIP");
            assertTrue(lan.hasAddress(lan.b, TestConf.VIP4), "keepalived holds it");
        } else {
            await("keepalived back to BACKUP", 30_000, () -> ka.state("VI_1").equals("BACKUP"), jk, ka);
            assertEquals("MASTER", jk.state("VI_1"), jk.currentLog());
            assertEquals(0, jk.countLines("VRRP thread timer expired"), jk.currentLog());
        }
    }
}
