package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code vrrp_mcast_group4/6} (global) and {@code mcast_dst_ip} (per instance) with the real keepalived as the
 * peer: both on 224.0.0.19 (or ff02::13) elect one MASTER and every advert on the wire goes to that group;
 * jkeepalived on 224.0.0.19 next to keepalived on the default 224.0.0.18 hear nothing of each other, so both
 * become MASTER - the group really is where the adverts go.
 */
@Tag("root")
@Timeout(180)
class VrrpMulticastGroupRootTest {

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"v2-pass,global", "v2-pass,instance", "v3,instance", "v3-ipv6,global", "v3-ipv6,instance"})
    void keepalivedAndJkeepalivedOnAnotherGroupElectOneMaster(String flavour, String where) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        boolean v6 = flavour.equals("v3-ipv6");
        String group = v6 ? "ff02::13" : "224.0.0.19";
        Path dir = Files.createTempDirectory("jkd-mcast");
        try (var lan = new VrrpTestLan("g" + (v6 ? "6" : flavour.equals("v3") ? "3" : "2") + where.charAt(0));
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf(flavour, "jkda", 150, where, group));
             var ka = VrrpNode.keepalived("ka", lan.b, dir, conf(flavour, "jkdb", 100, where, group));
             var wire = WireCapture.start(lan.lan, "jkdbr", dir.resolve("wire.txt"), v6 ? "ip6 proto 112" : "ip proto 112")) {
            ka.start();
            jk.start();
            String vip = new TestConf(flavour, "jkda", 150, "").vip();
            await("jkeepalived (150) MASTER with the VIP, keepalived (100) BACKUP", 40_000,
                    () -> jk.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, vip)
                            && ka.state("VI_1").equals("BACKUP") && !lan.hasAddress(lan.b, vip), jk, ka);
            Thread.sleep(2_500);     // a few more adverts, and keepalived must stay BACKUP
            assertTrue(ka.state("VI_1").equals("BACKUP"), ka.currentLog());
            String text = wire.text();
            assertTrue(text.contains("> " + group + ": "), "adverts to " + group + ":\n" + text);
            assertFalse(text.contains(v6 ? "> ff02::12: " : "> 224.0.0.18: "), "no advert to the default group:\n" + text);
            assertTrue(jk.currentLog().contains("multicast, address(" + group + ")"), jk.currentLog());
        } finally {
            delete(dir);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v2-pass", "v3-ipv6"})
    void differentGroupsDoNotHearEachOther(String flavour) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        boolean v6 = flavour.equals("v3-ipv6");
        Path dir = Files.createTempDirectory("jkd-mcast");
        try (var lan = new VrrpTestLan("gx" + (v6 ? "6" : "2"));
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf(flavour, "jkda", 150, "instance", v6 ? "ff02::13" : "224.0.0.19"));
             var ka = VrrpNode.keepalived("ka", lan.b, dir, new TestConf(flavour, "jkdb", 100, "").render())) {
            ka.start();
            jk.start();
            await("both MASTER: neither hears the other's group", 40_000,
                    () -> jk.state("VI_1").equals("MASTER") && ka.state("VI_1").equals("MASTER"), jk, ka);
        } finally {
            delete(dir);
        }
    }

    /** TestConf with the group set globally (vrrp_mcast_group4/6) or on the instance (mcast_dst_ip). */
    private static String conf(String flavour, String ifname, int priority, String where, String group) {
        boolean v6 = group.contains(":");
        if (where.equals("instance")) {
            return new TestConf(flavour, ifname, priority, "    mcast_dst_ip " + group + "\n").render();
        }
        return new TestConf(flavour, ifname, priority, "").render().replace("    router_id jkd_" + ifname + "\n",
                "    router_id jkd_" + ifname + "\n    vrrp_mcast_group" + (v6 ? "6 " : "4 ") + group + "\n");
    }

    private static void delete(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }
}
