package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * use_vmac with keepalived 2.2.7 as the peer, also on a VMAC: the master's adverts leave from 00:00:5e:00:01:33,
 * its VIP sits on the private-mode macvlan vrrp.51 and a client's ARP for the VIP is answered with the virtual MAC;
 * keepalived's sysctls are on the VMAC and the base; in both directions (jkeepalived or keepalived MASTER), and the
 * VMAC is gone and the base's arp settings are back after jkeepalived stops.
 */
@Tag("root")
@Timeout(180)
class VrrpVmacRootTest {
    private static final String VMAC = "00:00:5e:00:01:33";

    @ParameterizedTest(name = "{0} is MASTER")
    @ValueSource(strings = {"jkeepalived", "keepalived"})
    void vipAndAdvertsOnTheVmacWithTheVirtualMac(String master) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        boolean jkMaster = master.equals("jkeepalived");
        Path dir = Files.createTempDirectory("jkd-vmac");
        try (var lan = new VrrpTestLan(jkMaster ? "vmj" : "vmk");
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf("jkda", jkMaster ? 150 : 100));
             var ka = VrrpNode.keepalived("ka", lan.b, dir, conf("jkdb", jkMaster ? 100 : 150));
             var wire = WireCapture.start(lan.lan, "jkdbr", dir.resolve("wire.txt"), "ip proto 112")) {
            var masterNs = jkMaster ? lan.a : lan.b;
            var backupNs = jkMaster ? lan.b : lan.a;
            var mNode = jkMaster ? jk : ka;
            var bNode = jkMaster ? ka : jk;
            ka.start();
            jk.start();
            await(master + " MASTER with the VIP on vrrp.51", 40_000, () -> mNode.state("VI_1").equals("MASTER")
                    && bNode.state("VI_1").equals("BACKUP") && vipOnVmac(masterNs) && !vipOnVmac(backupNs), jk, ka);
            String link = lan.a.exec("ip", "-d", "link", "show", "vrrp.51");
            assertTrue(link.contains("vrrp.51@jkda") && link.contains("link/ether " + VMAC) && link.contains("macvlan mode private"),
                    link);
            assertEquals("1", sysctl(lan.a, "ipv4", "vrrp.51", "arp_ignore"));
            assertEquals("1", sysctl(lan.a, "ipv4", "vrrp.51", "accept_local"));
            assertEquals("0", sysctl(lan.a, "ipv4", "vrrp.51", "rp_filter"));
            assertEquals("1", sysctl(lan.a, "ipv4", "jkda", "arp_ignore"));
            assertEquals("1", sysctl(lan.a, "ipv4", "jkda", "arp_filter"));
            assertEquals("1", sysctl(lan.a, "ipv6", "vrrp.51", "disable_ipv6"));

            Thread.sleep(1_500);
            String adverts = wire.text();
            assertTrue(adverts.lines().anyMatch(l -> l.contains(VMAC + " > 01:00:5e:00:00:12") && l.contains("vrid 51, prio 150")),
                    "adverts from the virtual MAC:\n" + adverts);
            // one UDP datagram makes the client ARP for the VIP (no ping on this machine)
            lan.c.exec("bash", "-c", "echo x > /dev/udp/" + TestConf.VIP4 + "/9");
            await("the client's ARP answer came from the VMAC", 3_000,
                    () -> lan.c.exec("ip", "neigh", "show", TestConf.VIP4).contains("lladdr " + VMAC), jk, ka);

            assertEquals(0, jk.term());
            assertFalse(lan.a.run("ip", "link", "show", "vrrp.51").exit() == 0, "jkeepalived removes its VMAC at stop");
            assertEquals("0", sysctl(lan.a, "ipv4", "jkda", "arp_ignore"), "base arp_ignore restored");
            assertEquals("0", sysctl(lan.a, "ipv4", "jkda", "arp_filter"), "base arp_filter restored");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String conf(String ifname, int priority) {
        return new TestConf("v2-pass", ifname, priority, "    use_vmac\n").render();
    }

    private static boolean vipOnVmac(NetNs ns) {
        return Sh.run(ns.inside("ip", "-4", "addr", "show", "dev", "vrrp.51"), 10).out().contains(TestConf.VIP4 + "/");
    }

    private static String sysctl(NetNs ns, String family, String ifname, String name) {
        return ns.exec("cat", "/proc/sys/net/" + family + "/conf/" + ifname + "/" + name).trim();
    }
}
