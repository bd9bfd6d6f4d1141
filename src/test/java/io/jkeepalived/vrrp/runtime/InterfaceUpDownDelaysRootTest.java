package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * interface_up_down_delays next to Debian's keepalived 2.2.7: jkeepalived (a, 150) and keepalived (b, 100) in one
 * group, each with a 1.5 s down delay on its interface. A half-second flap of either link is forgotten by both
 * ("X: Adding flags change from 0x.. to 0x.. delay by 1500000", then nothing: no FAULT, nobody takes over); a link that stays down puts jkeepalived in FAULT only
 * after the delay, and keepalived takes over.
 */
@Tag("root")
@Timeout(180)
class InterfaceUpDownDelaysRootTest {
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-updown");
    private VrrpTestLan lan;
    private VrrpNode jk;
    private VrrpNode ka;

    private static String conf(String ifname, int priority) {
        return "interface_up_down_delays {\n    " + ifname + " 1.5 0\n}\n"
                + new TestConf("v2-pass", ifname, priority, "").render();
    }

    @Test
    void aShortFlapIsForgottenAndALongOneCountsAfterTheDelay() throws Exception {
        lan = lab.lan("ud");
        jk = lab.jkeepalived("jk", lan.a, conf("jkda", 150)).start();
        ka = lab.keepalived("ka", lan.b, conf("jkdb", 100)).start();
        await("jkeepalived MASTER, keepalived BACKUP", 60_000, () -> jk.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.a, TestConf.VIP4) && ka.state("VI_1").equals("BACKUP"), jk, ka);

        lan.linkDown(lan.a);
        Thread.sleep(500);
        lan.linkUp(lan.a);
        lan.linkDown(lan.b);
        Thread.sleep(500);
        lan.linkUp(lan.b);
        await("both delay the change", 10_000, () -> jk.countLines("jkda: Adding flags change from ") == 1
                && ka.countLines("jkdb: Adding flags change from ") == 1, jk, ka);
        Thread.sleep(3_000);
        assertEquals("MASTER", jk.state("VI_1"), jk.currentLog());
        assertEquals("BACKUP", ka.state("VI_1"), ka.currentLog());
        assertEquals(0, jk.countLines("Netlink reports jkda down"), jk.currentLog());
        assertEquals(0, ka.countLines("Netlink reports jkdb down"), ka.currentLog());

        long t0 = System.nanoTime();
        lan.linkDown(lan.a);
        long ms = await("jkeepalived FAULT after the down delay", 10_000, () -> jk.state("VI_1").equals("FAULT"), jk, ka);
        System.out.println("[updown] FAULT " + ms + " ms after the link went down (delay 1500 ms)");
        assertTrue(ms >= 1_300, "not before the delay: " + ms + " ms");
        assertTrue(jk.currentLog().contains("Netlink reports jkda down"), jk.currentLog());
        await("keepalived takes over", 10_000, () -> ka.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, TestConf.VIP4),
                jk, ka);
        assertTrue((System.nanoTime() - t0) / 1_000_000 > ms);
        lan.linkUp(lan.a);
        await("jkeepalived back as MASTER once its link is up (no up delay)", 20_000,
                () -> jk.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4), jk, ka);
    }
}
