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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * use_vmac with keepalived 2.2.7 as the peer, also on a VMAC, IPv4 and IPv6: the master's adverts leave from
 * 00:00:5e:00:01:33 (00:00:5e:00:02:33), its VIP sits on the private-mode macvlan vrrp.51, a client's ARP/ND for our
 * VIP is answered with the virtual MAC and an IPv6 VMAC carries the base's link-local (the adverts' source);
 * keepalived's sysctls are on the VMAC and the base; in both directions (jkeepalived or keepalived MASTER), and the
 * VMAC is gone and the base's arp settings are back after jkeepalived stops.
 */
@Tag("root")
@Timeout(180)
class VrrpVmacRootTest {
    @ParameterizedTest(name = "{1}, {0} is MASTER")
    @CsvSource({"jkeepalived,v2-pass", "keepalived,v2-pass", "jkeepalived,v3-ipv6", "keepalived,v3-ipv6"})
    void vipAndAdvertsOnTheVmacWithTheVirtualMac(String master, String flavour) throws Exception {
        boolean v6 = flavour.equals("v3-ipv6");
        String vmac = v6 ? "00:00:5e:00:02:33" : "00:00:5e:00:01:33";
        String vip = v6 ? TestConf.VIP6 : TestConf.VIP4;
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        boolean jkMaster = master.equals("jkeepalived");
        Path dir = Files.createTempDirectory("jkd-vmac");
        try (var lan = new VrrpTestLan((jkMaster ? "vmj" : "vmk") + (v6 ? "6" : "4"));
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf(flavour, "jkda", jkMaster ? 150 : 100));
             var ka = VrrpNode.keepalived("ka", lan.b, dir, conf(flavour, "jkdb", jkMaster ? 100 : 150));
             var wire = WireCapture.start(lan.lan, "jkdbr", dir.resolve("wire.txt"), v6 ? "ip6 proto 112" : "ip proto 112")) {
            var masterNs = jkMaster ? lan.a : lan.b;
            var backupNs = jkMaster ? lan.b : lan.a;
            var mNode = jkMaster ? jk : ka;
            var bNode = jkMaster ? ka : jk;
            ka.start();
            jk.start();
            await(master + " MASTER with the VIP on vrrp.51", 40_000, () -> mNode.state("VI_1").equals("MASTER")
                    && bNode.state("VI_1").equals("BACKUP") && vipOnVmac(masterNs, vip) && !vipOnVmac(backupNs, vip), jk, ka);
            String link = lan.a.exec("ip", "-d", "link", "show", "vrrp.51");
            assertTrue(link.contains("vrrp.51@jkda") && link.contains("link/ether " + vmac) && link.contains("macvlan mode private"),
                    link);
            assertEquals("1", sysctl(lan.a, "ipv6", "vrrp.51", "addr_gen_mode"));
            if (!v6) {
                assertEquals("1", sysctl(lan.a, "ipv4", "vrrp.51", "arp_ignore"));
                assertEquals("1", sysctl(lan.a, "ipv4", "vrrp.51", "accept_local"));
                assertEquals("0", sysctl(lan.a, "ipv4", "vrrp.51", "rp_filter"));
                assertEquals("1", sysctl(lan.a, "ipv4", "jkda", "arp_ignore"));
                assertEquals("1", sysctl(lan.a, "ipv4", "jkda", "arp_filter"));
                assertEquals("1", sysctl(lan.a, "ipv6", "vrrp.51", "disable_ipv6"));
            } else {
                String baseLinkLocal = lan.a.exec("ip", "-6", "addr", "show", "dev", "jkda", "scope", "link").lines()
                        .filter(l -> l.contains("inet6 fe80")).findFirst().orElseThrow().trim().split(" ")[1];
                assertTrue(lan.a.exec("ip", "-6", "addr", "show", "dev", "vrrp.51").contains(baseLinkLocal),
                        "the VMAC carries the base's link-local " + baseLinkLocal);
            }

            Thread.sleep(1_500);
            String adverts = wire.text();
            String group = v6 ? " > 33:33:00:00:00:12" : " > 01:00:5e:00:00:12";
            assertTrue(adverts.lines().anyMatch(l -> l.contains(vmac + group) && l.contains("vrid 51, prio 150")),
                    "adverts from the virtual MAC:\n" + adverts);
            // one UDP datagram makes the client resolve the VIP (no ping on this machine). Only checked against our own
            // VMAC: keepalived 2.2.7 in these namespaces leaves its base interface answering ARP for the VIP too.
            lan.c.exec("bash", "-c", "echo x > /dev/udp/" + vip + "/9 || true");
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (jkMaster && !lan.c.exec("ip", "neigh", "show", vip).contains("lladdr " + vmac) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(!jkMaster || lan.c.exec("ip", "neigh", "show", vip).contains("lladdr " + vmac), "the client's ARP/ND "
                    + "answer came from the VMAC: " + lan.c.exec("ip", "neigh") + "\nmaster:\n" + masterNs.exec("ip", "addr"));

            assertEquals(0, jk.term());
            assertFalse(lan.a.run("ip", "link", "show", "vrrp.51").exit() == 0, "jkeepalived removes its VMAC at stop");
            if (!v6) {
                assertEquals("0", sysctl(lan.a, "ipv4", "jkda", "arp_ignore"), "base arp_ignore restored");
                assertEquals("0", sysctl(lan.a, "ipv4", "jkda", "arp_filter"), "base arp_filter restored");
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String conf(String flavour, String ifname, int priority) {
        return new TestConf(flavour, ifname, priority, "    use_vmac\n").render();
    }

    private static boolean vipOnVmac(NetNs ns, String vip) {
        return Sh.run(ns.inside("ip", "addr", "show", "dev", "vrrp.51"), 10).out().contains(vip + "/");
    }

    private static String sysctl(NetNs ns, String family, String ifname, String name) {
        return ns.exec("cat", "/proc/sys/net/" + family + "/conf/" + ifname + "/" + name).trim();
    }
}
