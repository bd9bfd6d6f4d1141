package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Link polling next to Debian's keepalived 2.2.7 (built with linkbeat): jkeepalived (a, 150) and keepalived (b,
 * 100) in one group on veths whose peers sit on the LAN's bridge. Taking a peer down takes the carrier of the
 * router's end, which ETHTOOL_GLINK reports (veth has no MII). Both daemons find the same method, say "Linkbeat
 * reports X down/up" and never "Netlink reports X" for a polled interface (netlink is not listened to for it),
 * and their instances go FAULT and come back as they would on netlink.
 */
@Tag("root")
@Timeout(240)
class LinkbeatRootTest {
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-linkbeat");
    private VrrpTestLan lan;
    private VrrpNode jk;
    private VrrpNode ka;

    /** The bridge-side end of a router's veth: down, the router's end loses its carrier (and nothing else). */
    private void peer(String peer, String upOrDown) {
        lan.lan.exec("ip", "link", "set", peer, upOrDown);
    }

    private void startBoth(String jkConf, String kaConf) throws Exception {
        jk = lab.jkeepalived("jk", lan.a, jkConf).start();
        ka = lab.keepalived("ka", lan.b, kaConf).start();
        await("jkeepalived MASTER, keepalived BACKUP", 60_000, () -> jk.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.a, TestConf.VIP4) && ka.state("VI_1").equals("BACKUP"), jk, ka);
    }

    @Test
    void withPollingBothGoFaultWhenTheCarrierGoesAndBackWhenItReturns() throws Exception {
        lan = lab.lan("lb");
        startBoth("linkbeat_use_polling\n" + new TestConf("v2-pass", "jkda", 150, "").render(),
                "linkbeat_use_polling\n" + new TestConf("v2-pass", "jkdb", 100, "").render());
        for (var n : new VrrpNode[] {jk, ka}) {
            assertEquals(1, n.countLines("Using MII-BMSR/ETHTOOL NIC polling thread(s)..."), n.currentLog());
        }

        long t0 = System.nanoTime();
        peer("jkdp1", "down");
        peer("jkdp2", "down");
        await("both FAULT, told by linkbeat", 15_000, () -> jk.state("VI_1").equals("FAULT") && ka.state("VI_1").equals("FAULT")
                && jk.countLines("Linkbeat reports jkda down") == 1 && ka.countLines("Linkbeat reports jkdb down") == 1, jk, ka);
        System.out.println("[linkbeat] both FAULT " + (System.nanoTime() - t0) / 1_000_000 + " ms after the carriers went");
        assertEquals(false, lan.hasAddress(lan.a, TestConf.VIP4), jk.currentLog());

        peer("jkdp1", "up");
        peer("jkdp2", "up");
        await("jkeepalived MASTER again, keepalived BACKUP, told by linkbeat", 30_000, () -> jk.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.a, TestConf.VIP4) && ka.state("VI_1").equals("BACKUP")
                && jk.countLines("Linkbeat reports jkda up") == 1 && ka.countLines("Linkbeat reports jkdb up") == 1, jk, ka);
        // netlink saw both changes too, and neither daemon listened to it for its polled interface
        assertEquals(0, jk.countLines("Netlink reports jkda"), jk.currentLog());
        assertEquals(0, ka.countLines("Netlink reports jkdb"), ka.currentLog());
    }

    @Test
    void linkbeatInterfacesFallBackFromMiiToEthtoolAsKeepalivedDoes() throws Exception {
        lan = lab.lan("lm");
        startBoth("linkbeat_interfaces {\n    jkda MII\n}\n" + new TestConf("v2-pass", "jkda", 150, "").render(),
                "linkbeat_interfaces {\n    jkdb MII\n}\n" + new TestConf("v2-pass", "jkdb", 100, "").render());
        assertEquals(1, jk.countLines("(jkda): Configured linkbeat type MII not supported, using ETHTOOL"), jk.currentLog());
        assertEquals(1, ka.countLines("(jkdb): Configured linkbeat type MII not supported, using ETHTOOL"), ka.currentLog());

        peer("jkdp1", "down");
        await("jkeepalived FAULT by linkbeat, keepalived takes over", 15_000, () -> jk.state("VI_1").equals("FAULT")
                && jk.countLines("Linkbeat reports jkda down") == 1 && ka.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.b, TestConf.VIP4), jk, ka);
        peer("jkdp1", "up");
        await("jkeepalived MASTER again", 30_000, () -> jk.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4)
                && ka.state("VI_1").equals("BACKUP"), jk, ka);
        assertEquals(0, jk.countLines("Netlink reports jkda"), jk.currentLog());
    }
}
