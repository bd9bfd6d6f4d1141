package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The jkeepalived daemon and Debian's keepalived 2.2.7 in one VRRP group, both as real processes in their
 * own namespaces on a bridged LAN, for VRRPv2 with PASS, VRRPv3 over IPv4 and VRRPv3 over IPv6, in both
 * directions: the router with priority 150 wins whichever implementation it is, the other takes over on a
 * graceful stop (priority 0) and on kill -9, and the higher one preempts back when it returns. The VIP is
 * checked on the interfaces, the GARP / NA on the wire and the log lines in both logs.
 */
@Tag("root")
@Timeout(240)
class VrrpDaemonInteropRootTest {

    @ParameterizedTest(name = "{0}, {1} has the higher priority")
    @CsvSource({"v2-pass,jkeepalived", "v2-pass,keepalived", "v3,jkeepalived", "v3,keepalived",
            "v3-ipv6,jkeepalived", "v3-ipv6,keepalived"})
    void higherPriorityWinsAndEitherTakesOver(String flavour, String higher) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-interop");
        boolean jkHigh = higher.equals("jkeepalived");
        try (var lan = new VrrpTestLan(flavour.equals("v2-pass") ? "i2" : flavour.equals("v3") ? "i3" : "i6");
             var hi = node(jkHigh, "hi", lan.a, dir, new TestConf(flavour, "jkda", 150, ""));
             var lo = node(!jkHigh, "lo", lan.b, dir, new TestConf(flavour, "jkdb", 100, ""))) {
            String vip = new TestConf(flavour, "jkda", 150, "").vip();
            String filter = vip.contains(":") ? "icmp6" : "arp";
            String tag = "[vrrpd] " + flavour + " " + hi.name + "(" + kind(hi) + ",150) vs " + lo.name + "(" + kind(lo) + ",100): ";

            try (var wire = WireCapture.start(lan.lan, "jkdbr", dir.resolve("w1.txt"), filter)) {
                lo.start();
                hi.start();
                await("the higher priority (" + kind(hi) + ") is MASTER with the VIP", 40_000,
                        () -> hi.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, vip)
                                && lo.state("VI_1").equals("BACKUP") && !lan.hasAddress(lan.b, vip), hi, lo);
                await("the master's GARP/NA on the wire", 5_000, () -> wire.announced(vip), hi);
            }
            assertTrue(hi.currentLog().contains("(VI_1) Entering MASTER STATE"), hi.currentLog());

            try (var wire = WireCapture.start(lan.lan, "jkdbr", dir.resolve("w2.txt"), filter)) {
                long t0 = System.nanoTime();
                assertEquals(0, hi.term(), "graceful stop of " + hi);
                await(kind(lo) + " takes over after the graceful stop", 5_000,
                        () -> lo.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), lo);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println(tag + "takeover after SIGTERM " + ms + " ms");
                assertTrue(ms < 2_500, "priority 0 makes the takeover fast: " + ms + " ms");
                await("the new master's GARP/NA on the wire", 5_000, () -> wire.announced(vip), lo);
            }
            assertTrue(hi.currentLog().contains("(VI_1) sent 0 priority"), hi.currentLog());
            assertTrue(!lan.hasAddress(lan.a, vip), "the stopped master released the VIP");

            hi.start();
            await(kind(hi) + " preempts back", 40_000, () -> hi.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, vip)
                    && lo.state("VI_1").equals("BACKUP") && !lan.hasAddress(lan.b, vip), hi, lo);
            assertTrue(lo.currentLog().contains("with higher priority 150, ours 100"), lo.currentLog());

            hi.kill9();
            long ms = await(kind(lo) + " takes over after kill -9 of " + kind(hi), 10_000,
                    () -> lo.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), lo);
            System.out.println(tag + "takeover after kill -9 " + ms + " ms");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static VrrpNode node(boolean jk, String name, NetNs ns, Path dir, TestConf conf) throws Exception {
        return jk ? VrrpNode.jkeepalived(name, ns, dir, conf.render()) : VrrpNode.keepalived(name, ns, dir, conf.render());
    }

    private static String kind(VrrpNode n) {
        return n.jkeepalived ? "jkeepalived" : "keepalived";
    }
}
