package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code v3_checksum_as_v2} in global_defs (keepalived 2.2.8+), VRRPv3 over IPv4 multicast on one LAN with Debian's
 * keepalived 2.2.7, which sums VRRPv3 with the pseudo-header as RFC 5798 says and has no such option. With the global
 * keyword our instances send the v2 checksum, so keepalived refuses our adverts ("Invalid VRRPv3 checksum") and
 * becomes MASTER beside us, while a second jkeepalived with the same keyword accepts them and stays BACKUP; with the
 * instance's own {@code v3_checksum_as_v2 false} the global default gives way and keepalived accepts us.
 */
@Tag("root")
@Timeout(180)
class GlobalV3ChecksumAsV2RootTest {
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-v3sum");
    private VrrpTestLan lan;
    private VrrpNode jk;
    private VrrpNode jk2;
    private VrrpNode ka;

    private static String withGlobal(String ifname, int priority, String instanceLines) {
        return new TestConf("v3", ifname, priority, instanceLines).render()
                .replace("global_defs {\n", "global_defs {\n    v3_checksum_as_v2\n");
    }

    @Test
    void theGlobalDefaultSendsTheV2ChecksumThatKeepalived227Refuses() throws Exception {
        lan = lab.lan("v2s");
        jk = lab.jkeepalived("jk", lan.a, withGlobal("jkda", 150, "")).start();
        jk2 = lab.jkeepalived("jk2", lan.c, withGlobal("jkdc", 100, "")).start();
        ka = lab.keepalived("ka", lan.b, new TestConf("v3", "jkdb", 50, "").render()).start();
        await("jk MASTER, jk2 BACKUP, keepalived MASTER refusing our checksum", 60_000,
                () -> jk.state("VI_1").equals("MASTER") && jk2.state("VI_1").equals("BACKUP")
                        && ka.state("VI_1").equals("MASTER") && ka.countLines("(VI_1) Invalid VRRPv3 checksum") > 0,
                jk, jk2, ka);
        Thread.sleep(3_000);        // three more adverts: jk2 keeps accepting them
        assertEquals("BACKUP", jk2.state("VI_1"), jk2.currentLog());
        assertEquals(0, jk2.countLines("Invalid VRRPv3 checksum"), jk2.currentLog());
        assertTrue(lan.hasAddress(lan.a, TestConf.VIP4) && lan.hasAddress(lan.b, TestConf.VIP4), "both masters hold the VIP");
        assertTrue(!lan.hasAddress(lan.c, TestConf.VIP4), "the backup does not");
    }

    @Test
    void theInstancesOwnWordOverridesTheGlobalDefault() throws Exception {
        lan = lab.lan("v2o");
        jk = lab.jkeepalived("jk", lan.a, withGlobal("jkda", 150, "    v3_checksum_as_v2 false\n")).start();
        ka = lab.keepalived("ka", lan.b, new TestConf("v3", "jkdb", 100, "").render()).start();
        await("jk MASTER, keepalived BACKUP", 60_000,
                () -> jk.state("VI_1").equals("MASTER") && ka.state("VI_1").equals("BACKUP"), jk, ka);
        Thread.sleep(3_000);
        assertEquals("BACKUP", ka.state("VI_1"), ka.currentLog());
        assertEquals(0, ka.countLines("Invalid VRRPv3 checksum"), ka.currentLog());
    }
}
