package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The VMAC extras, each run against jkeepalived and, as the reference, keepalived 2.2.7 with the same config and
 * the same assertions (one daemon alone as MASTER in namespace a):
 * <ul>
 * <li>garp_extra_if: an instance with use_vmac and a second VIP on another interface (jkdx, its peer in the lan
 *     namespace is watched). With {@code garp_extra_if 1 all} the master keeps sending a GARP for the other
 *     interface's VIP about every second (after the first burst), none for the VIP on its own VMAC; without
 *     {@code all} the other interface is no VMAC, so keepalived turns the interval off: no GARP after the burst.</li>
 * <li>use_vmac_addr with vmac_addr_prefix: the VIP on the other interface gets a VMAC of its own there, vx.51 with the
 *     instance's virtual MAC (private macvlan, base arp_ignore=1), its GARPs come from the virtual MAC, and being an
 *     extra VMAC it runs garp_extra_if without {@code all}; it goes at stop and (jkeepalived only) the base's setting comes back.</li>
 * <li>disable_local_igmp: net.ipv4.igmp_link_local_mcast_reports is 0 while the daemon runs and 1 again after it
 *     stops, and no IGMP report (for 224.0.0.18, the only group joined) leaves; without the keyword the reports leave and the setting stays.</li>
 * </ul>
 */
@Tag("root")
@Timeout(180)
class VrrpVmacExtrasRootTest {
    private static final String EXTRA_VIP = "198.51.100.50";

    @ParameterizedTest(name = "{0}, garp_extra_if 1{1}")
    @CsvSource({"jkeepalived,' all'", "keepalived,' all'", "jkeepalived,''", "keepalived,''"})
    void garpExtraIfRepeatsTheGarpOnTheOtherInterface(String daemon, String all) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        boolean withAll = !all.isEmpty();
        Path dir = Files.createTempDirectory("jkd-vmacx");
        try (var lan = new VrrpTestLan("vx" + (daemon.equals("keepalived") ? "k" : "j") + (withAll ? "a" : "n"))) {
            lan.a.exec("ip", "link", "add", "jkdx", "type", "veth", "peer", "name", "jkdxp", "netns", lan.lan.name());
            lan.lan.exec("ip", "link", "set", "jkdxp", "up");
            lan.a.exec("ip", "link", "set", "jkdx", "up");
            lan.a.addr("jkdx", "198.51.100.1/24");
            String conf = new TestConf("v2-pass", "jkda", 150, "    use_vmac\n    garp_master_delay 0\n"
                    + "    garp_extra_if 1" + all + "\n    virtual_ipaddress_excluded {\n        " + EXTRA_VIP + "/24 dev jkdx\n    }\n")
                    .render();
            try (var node = node(daemon, lan.a, dir, conf);
                 var extra = WireCapture.start(lan.lan, "jkdxp", dir.resolve("extra.txt"), "arp");
                 var own = WireCapture.start(lan.lan, "jkdbr", dir.resolve("own.txt"), "arp")) {
                node.start();
                await(daemon + " MASTER", 40_000, () -> node.state("VI_1").equals("MASTER") && extra.announced(EXTRA_VIP), node);
                Thread.sleep(7_000);
                List<LocalTime> extraGarps = garps(extra.text(), EXTRA_VIP);
                List<LocalTime> ownGarps = garps(own.text(), TestConf.VIP4);
                // the first burst (garp_master_repeat 5) goes out at once; what follows 2 s later is the interval's
                LocalTime burstEnd = extraGarps.getFirst().plusSeconds(2);
                long later = extraGarps.stream().filter(t -> t.isAfter(burstEnd)).count();
                long ownLater = ownGarps.stream().filter(t -> t.isAfter(burstEnd)).count();
                String wire = "\nextra interface:\n" + extra.text() + "\nown VMAC:\n" + own.text() + "\nlog:\n" + node.log();
                if (withAll) {
                    assertTrue(later >= 2 && later <= 6, later + " GARPs for " + EXTRA_VIP + " in the 5 s after the burst" + wire);
                } else {
                    assertEquals(0, later, "no interval GARP without an extra VMAC" + wire);
                }
                assertEquals(0, ownLater, "no interval GARP for the VIP on the instance's own VMAC" + wire);
                assertEquals(0, node.term());
            }
        } finally {
            deleteAll(dir);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jkeepalived", "keepalived"})
    void useVmacAddrGivesTheOtherInterfacesVipAVmacOfItsOwn(String daemon) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-vmaca");
        try (var lan = new VrrpTestLan("va" + (daemon.equals("keepalived") ? "k" : "j"))) {
            lan.a.exec("ip", "link", "add", "jkdx", "type", "veth", "peer", "name", "jkdxp", "netns", lan.lan.name());
            lan.lan.exec("ip", "link", "set", "jkdxp", "up");
            lan.a.exec("ip", "link", "set", "jkdx", "up");
            lan.a.addr("jkdx", "198.51.100.1/24");
            String conf = new TestConf("v2-pass", "jkda", 150, "    use_vmac\n    use_vmac_addr\n    garp_master_delay 0\n"
                    + "    garp_extra_if 1\n    virtual_ipaddress_excluded {\n        " + EXTRA_VIP + "/24 dev jkdx\n    }\n")
                    .render().replace("global_defs {\n", "global_defs {\n    vmac_addr_prefix vx\n");
            try (var node = node(daemon, lan.a, dir, conf);
                 var extra = WireCapture.start(lan.lan, "jkdxp", dir.resolve("extra.txt"), "arp")) {
                node.start();
                await(daemon + " MASTER with " + EXTRA_VIP + " on vx.51", 40_000, () -> node.state("VI_1").equals("MASTER")
                        && Sh.run(lan.a.inside("ip", "addr", "show", "dev", "vx.51"), 10).out().contains(EXTRA_VIP + "/"), node);
                String link = lan.a.exec("ip", "-d", "link", "show", "vx.51");
                assertTrue(link.contains("vx.51@jkdx") && link.contains("link/ether 00:00:5e:00:01:33")
                        && link.contains("macvlan mode private"), link);
                assertTrue(lan.a.exec("ip", "addr", "show", "dev", "vrrp.51").contains(TestConf.VIP4 + "/"), "the VIP stays on the instance's VMAC");
                assertEquals("1", lan.a.exec("cat", "/proc/sys/net/ipv4/conf/jkdx/arp_ignore").trim(), "the base answers no ARP for the VIP");
                Thread.sleep(7_000);
                List<LocalTime> garps = garps(extra.text(), EXTRA_VIP);
                LocalTime burstEnd = garps.getFirst().plusSeconds(2);
                long later = garps.stream().filter(t -> t.isAfter(burstEnd)).count();
                String wire = "\nextra interface:\n" + extra.text() + "\nlog:\n" + node.log();
                assertTrue(extra.text().lines().filter(l -> l.contains("who-has " + EXTRA_VIP + " "))
                        .allMatch(l -> l.contains(" 00:00:5e:00:01:33 > ")), "GARPs from the virtual MAC" + wire);
                assertTrue(later >= 2 && later <= 6, later + " interval GARPs (an extra VMAC runs garp_extra_if without all)" + wire);
                assertEquals(0, node.term());
                assertTrue(lan.a.run("ip", "link", "show", "vx.51").exit() != 0, "the VMAC goes at stop");
                if (daemon.equals("jkeepalived")) {
                    // keepalived 2.2.7 leaves arp_ignore/arp_filter on an address VMAC's base (its stand-in instance is
                    // never reset); we put them back, as for the instance's own VMAC
                    assertEquals("0", lan.a.exec("cat", "/proc/sys/net/ipv4/conf/jkdx/arp_ignore").trim(), "base arp_ignore restored");
                }
            }
        } finally {
            deleteAll(dir);
        }
    }

    @ParameterizedTest(name = "{0}, disable_local_igmp {1}")
    @CsvSource({"jkeepalived,true", "keepalived,true", "jkeepalived,false", "keepalived,false"})
    void disableLocalIgmpStopsTheReportsWhileRunning(String daemon, boolean disable) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-igmp");
        try (var lan = new VrrpTestLan("ig" + (daemon.equals("keepalived") ? "k" : "j") + (disable ? "d" : "n"))) {
            assertEquals("1", igmpReports(lan.a), "the kernel's default");
            String conf = new TestConf("v2-pass", "jkda", 150, "    use_vmac\n").render();
            if (disable) {
                conf = conf.replace("global_defs {\n", "global_defs {\n    disable_local_igmp\n");
            }
            try (var node = node(daemon, lan.a, dir, conf);
                 var wire = WireCapture.start(lan.lan, "jkdbr", dir.resolve("igmp.txt"), "igmp")) {
                node.start();
                await(daemon + " MASTER", 40_000, () -> node.state("VI_1").equals("MASTER"), node);
                Thread.sleep(3_000);     // the unsolicited reports of the join go out within igmpv3_unsolicited_report_interval
                // the only group the router joins is 224.0.0.18 (all-hosts is never reported), so any report from its
                // base or VMAC is for it (the lan namespace's bridge may report on its own when it comes up)
                String baseMac = lan.a.exec("cat", "/sys/class/net/jkda/address").trim();
                String reports = wire.text().lines().filter(l -> l.contains(" report")
                        && (l.contains(" " + baseMac + " > ") || l.contains(" 00:00:5e:00:01:33 > "))).reduce("", (x, y) -> x + y + "\n");
                assertEquals(disable ? "0" : "1", igmpReports(lan.a), node.log());
                assertEquals(!disable, !reports.isEmpty(), "IGMP reports from the router (" + baseMac + " or the VMAC):\n" + wire.text());
                assertEquals(0, node.term());
                assertEquals("1", igmpReports(lan.a), "put back at stop");
            }
        } finally {
            deleteAll(dir);
        }
    }

    private static VrrpNode node(String daemon, NetNs ns, Path dir, String conf) throws java.io.IOException {
        return daemon.equals("keepalived") ? VrrpNode.keepalived("ka", ns, dir, conf) : VrrpNode.jkeepalived("jk", ns, dir, conf);
    }

    /** tcpdump's times of the gratuitous ARPs (who-has VIP tell VIP) for {@code vip}. */
    private static List<LocalTime> garps(String tcpdump, String vip) {
        return tcpdump.lines().filter(l -> l.contains("Request who-has " + vip + " ") && l.contains("tell " + vip + ","))
                .map(l -> LocalTime.parse(l.substring(0, l.indexOf(' ')))).toList();
    }

    private static String igmpReports(NetNs ns) {
        return ns.exec("cat", "/proc/sys/net/ipv4/igmp_link_local_mcast_reports").trim();
    }

    private static void deleteAll(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }
}
