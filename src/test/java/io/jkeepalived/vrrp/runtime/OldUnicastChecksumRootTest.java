package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * old_unicast_checksum next to Debian's keepalived 2.2.7 (built with OLD_CHKSUM_COMPAT), VRRPv3 over IPv4 unicast
 * between 192.0.2.1 (jkeepalived) and 192.0.2.2 (keepalived): with the option on both sides each accepts the other's
 * adverts (the higher one is MASTER, the other BACKUP, whichever is higher); with {@code never} on keepalived's side
 * neither accepts the other (both MASTER, each logging the bad checksum); and without the option on our side we
 * switch to the old checksum on keepalived's old advert, as keepalived does, after which it accepts ours.
 */
@Tag("root")
@Timeout(180)
class OldUnicastChecksumRootTest {
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-oldck");
    private VrrpTestLan lan;
    private VrrpNode jk;
    private VrrpNode ka;

    private static String conf(String ifname, String self, String peer, int priority, String option) {
        return new TestConf("v3", ifname, priority, "    unicast_src_ip " + self + "\n    unicast_peer {\n        " + peer
                + "\n    }\n" + option).render();
    }

    private void start(String tag, int jkPriority, String jkOption, int kaPriority, String kaOption) throws Exception {
        lan = lab.lan(tag);
        jk = lab.jkeepalived("jk", lan.a, conf("jkda", "192.0.2.1", "192.0.2.2", jkPriority, jkOption)).start();
        ka = lab.keepalived("ka", lan.b, conf("jkdb", "192.0.2.2", "192.0.2.1", kaPriority, kaOption)).start();
    }

    private void awaitMasterAndBackup(VrrpNode master, NetNs masterNs, VrrpNode backup, NetNs backupNs) throws Exception {
        await(master + " MASTER with the VIP, " + backup + " BACKUP without", 60_000,
                () -> master.state("VI_1").equals("MASTER") && lan.hasAddress(masterNs, TestConf.VIP4)
                        && backup.state("VI_1").equals("BACKUP") && !lan.hasAddress(backupNs, TestConf.VIP4), jk, ka);
        Thread.sleep(3_000);         // and it stays so: three more adverts accepted
        assertEquals("BACKUP", backup.state("VI_1"), backup.currentLog());
    }

    @ParameterizedTest(name = "old checksum on both sides, {0} higher")
    @ValueSource(strings = {"jkeepalived", "keepalived"})
    void bothOldAcceptEachOther(String higher) throws Exception {
        boolean jkHigh = higher.equals("jkeepalived");
        start(jkHigh ? "oj" : "ok", jkHigh ? 150 : 100, "    old_unicast_checksum\n", jkHigh ? 100 : 150,
                "    old_unicast_checksum\n");
        if (jkHigh) {
            awaitMasterAndBackup(jk, lan.a, ka, lan.b);
        } else {
            awaitMasterAndBackup(ka, lan.b, jk, lan.a);
        }
        assertEquals(0, jk.countLines("Invalid VRRPv3 checksum"), jk.currentLog());
        assertEquals(0, ka.countLines("Invalid VRRPv3 checksum"), ka.currentLog());
    }

    @Test
    void oldAgainstNeverAcceptNeither() throws Exception {
        start("on", 150, "    old_unicast_checksum\n", 100, "    old_unicast_checksum never\n");
        await("both MASTER, each refusing the other's checksum", 60_000,
                () -> jk.state("VI_1").equals("MASTER") && ka.state("VI_1").equals("MASTER")
                        && jk.countLines("(VI_1) Invalid VRRPv3 checksum") > 0
                        && ka.countLines("(VI_1) Invalid VRRPv3 checksum") > 0, jk, ka);
        assertTrue(lan.hasAddress(lan.a, TestConf.VIP4) && lan.hasAddress(lan.b, TestConf.VIP4), "both hold the VIP");
    }

    @Test
    void withoutTheOptionWeSwitchToTheOldChecksumAsKeepalivedDoes() throws Exception {
        // ours (150, RFC checksum) is refused by keepalived's old mode, so it becomes MASTER too and sends its old
        // advert; we accept it by switching, and from then on keepalived accepts ours and goes back to BACKUP
        start("os", 150, "", 100, "    old_unicast_checksum\n");
        await("the switch to the old checksum", 60_000,
                () -> jk.countLines("(VI_1) Setting unicast VRRPv3 checksum to old version") == 1, jk, ka);
        awaitMasterAndBackup(jk, lan.a, ka, lan.b);
        assertEquals(1, jk.countLines("(VI_1) Setting unicast VRRPv3 checksum to old version"), jk.currentLog());
    }
}
