package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real jkeepalived daemon ({@code io.jkeepalived.Main -P -n -l -G}, one process per router namespace)
 * against another jkeepalived on a bridged LAN: election, failover on kill -9, preempt back, graceful stop
 * (priority 0 - fast takeover), link down, nopreempt, preempt_delay, unicast peers. Each scenario checks the
 * VIP on the interface, the gratuitous ARP on the wire and keepalived's log lines, and prints its timings.
 */
@Tag("root")
@Timeout(180)
class VrrpDaemonRootTest {
    private VrrpTestLan lan;
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.alone("jkd-vrrpd");

    private VrrpTestLan lan(String tag) {
        lan = lab.lan(tag);
        return lan;
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        lab.own(c);
        return c;
    }

    private VrrpNode jk(String name, NetNs ns, TestConf conf) throws Exception {
        return closeLater(VrrpNode.jkeepalived(name, ns, lab.dir(), conf.render()));
    }

    private void awaitMaster(VrrpNode master, NetNs masterNs, VrrpNode backup, NetNs backupNs, String vip, long timeoutMs)
            throws InterruptedException {
        await(master + " MASTER with the VIP, " + backup + " BACKUP without it", timeoutMs,
                () -> master.state("VI_1").equals("MASTER") && lan.hasAddress(masterNs, vip)
                        && (backup == null || backup.state("VI_1").equals("BACKUP")) && !lan.hasAddress(backupNs, vip),
                master, backup);
    }

    @Test
    void electionKill9FailoverPreemptBackAndGracefulStop() throws Exception {
        lan("e");
        var confA = new TestConf("v2-pass", "jkda", 150, "");
        var confB = new TestConf("v2-pass", "jkdb", 100, "");
        String vip = confA.vip();
        var a = jk("a", lan.a, confA);
        var b = jk("b", lan.b, confB);
        try (var wire = WireCapture.start(lan.lan, "jkdbr", lab.dir().resolve("wire1.txt"), "arp")) {
            a.start();
            b.start();
            awaitMaster(a, lan.a, b, lan.b, vip, 30_000);
            await("GARP for the VIP on the wire", 5_000, () -> wire.announced(vip), a);
        }
        String logA = a.currentLog();
        for (String line : List.of("Registering Kernel netlink reflector", "VRRP sockpool: [ifindex(",
                "family(IPv4), proto(112)", "multicast, address(224.0.0.18)]", "(VI_1) Entering BACKUP STATE (init)",
                "(VI_1) Entering MASTER STATE", "(VI_1) setting VIPs.", "Sending gratuitous ARP on jkda for " + vip)) {
            assertTrue(logA.contains(line), "a logs '" + line + "':\n" + logA);
        }
        assertTrue(b.currentLog().contains("(VI_1) Entering BACKUP STATE (init)"), b.currentLog());

        // kill -9: the backup takes over after Master_Down_Interval (3 x 1 s + skew)
        try (var wire = WireCapture.start(lan.lan, "jkdbr", lab.dir().resolve("wire2.txt"), "arp")) {
            a.kill9();
            long ms = await("b takes over after a's kill -9", 10_000,
                    () -> b.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), b);
            System.out.println("[vrrpd] jk<->jk v2: failover after kill -9 took " + ms + " ms");
            assertTrue(ms >= 2_500, "not before the master down interval: " + ms + " ms");
            await("b's GARP on the wire", 5_000, () -> wire.announced(vip), b);
        }
        // a comes back with the higher priority and preempts
        a.start();
        long back = await("a preempts back", 30_000, () -> a.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, vip)
                && b.state("VI_1").equals("BACKUP") && !lan.hasAddress(lan.b, vip), a, b);
        System.out.println("[vrrpd] jk<->jk v2: restart to preempt back took " + back + " ms (JVM start included)");
        assertTrue(b.currentLog().contains("Master received advert from 192.0.2.1 with higher priority 150, ours 100"),
                b.currentLog());
        assertTrue(a.currentLog().contains("(VI_1) removing VIPs."), "the stale VIP of the killed run is cleared at start");

        // graceful stop: priority 0 makes the backup take over after only its skew time
        long t0 = System.nanoTime();
        assertEquals(0, a.term(), "exit code of a graceful stop");
        long ms = await("b takes over after a's SIGTERM", 5_000,
                () -> b.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), b);
        long fromSignal = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[vrrpd] jk<->jk v2: failover after SIGTERM took " + fromSignal + " ms from the signal");
        assertTrue(fromSignal < 2_500, "priority 0 must make the takeover fast: " + fromSignal + " ms (" + ms + ")");
        String stopLog = a.currentLog();
        assertTrue(stopLog.contains("(VI_1) sent 0 priority"), stopLog);
        assertTrue(stopLog.contains("(VI_1) removing VIPs."), stopLog);
        assertFalse(lan.hasAddress(lan.a, vip), "a released the VIP");
        assertTrue(stopLog.contains("Stopped"), stopLog);
        assertTrue(!a.log().contains("no longer running") && !b.log().contains("no longer running"), "no false respawn");
    }

    @Test
    void linkDownFaultsAndBackPreempts() throws Exception {
        lan("k");
        var confA = new TestConf("v3", "jkda", 150, "");
        var confB = new TestConf("v3", "jkdb", 100, "");
        String vip = confA.vip();
        var a = jk("a", lan.a, confA).start();
        var b = jk("b", lan.b, confB).start();
        awaitMaster(a, lan.a, b, lan.b, vip, 30_000);

        lan.linkDown(lan.a);
        long ms = await("a FAULT, b MASTER after a's link went down", 10_000,
                () -> a.state("VI_1").equals("FAULT") && b.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), a, b);
        System.out.println("[vrrpd] jk<->jk v3: failover after link down took " + ms + " ms");
        assertTrue(a.currentLog().contains("Netlink reports jkda down"), a.currentLog());

        lan.linkUp(lan.a);
        await("a back to MASTER after link up", 20_000, () -> a.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, vip)
                && b.state("VI_1").equals("BACKUP") && !lan.hasAddress(lan.b, vip), a, b);
        assertTrue(a.currentLog().contains("Netlink reports jkda up"), a.currentLog());
        assertTrue(a.currentLog().contains("(VI_1) Entering BACKUP STATE"), "leaves FAULT through BACKUP: " + a.currentLog());
    }

    @Test
    void nopreemptLeavesTheLowerPriorityMaster() throws Exception {
        lan("n");
        var confA = new TestConf("v2-pass", "jkda", 150, "    nopreempt\n");
        var confB = new TestConf("v2-pass", "jkdb", 100, "");
        String vip = confA.vip();
        var b = jk("b", lan.b, confB).start();
        await("b MASTER alone", 30_000, () -> b.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), b);
        var a = jk("a", lan.a, confA).start();
        await("a BACKUP", 30_000, () -> a.state("VI_1").equals("BACKUP"), a);
        long until = System.nanoTime() + 6_000_000_000L;     // two master down intervals
        while (System.nanoTime() < until) {
            assertEquals("MASTER", b.state("VI_1"), b.currentLog());
            assertEquals("BACKUP", a.state("VI_1"), a.currentLog());
            Thread.sleep(100);
        }
        assertTrue(lan.hasAddress(lan.b, vip) && !lan.hasAddress(lan.a, vip));
    }

    @Test
    void preemptDelayHoldsOffThePreemption() throws Exception {
        lan("d");
        var confA = new TestConf("v2-pass", "jkda", 150, "    preempt_delay 5\n");
        var confB = new TestConf("v2-pass", "jkdb", 100, "");
        String vip = confA.vip();
        var b = jk("b", lan.b, confB).start();
        await("b MASTER alone", 30_000, () -> b.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), b);
        var a = jk("a", lan.a, confA).start();
        await("a BACKUP", 30_000, () -> a.state("VI_1").equals("BACKUP"), a);
        long ms = await("a preempts after its delay", 20_000, () -> a.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.a, vip) && b.state("VI_1").equals("BACKUP"), a, b);
        System.out.println("[vrrpd] jk<->jk preempt_delay 5: preempted " + ms + " ms after entering BACKUP");
        assertTrue(ms >= 4_000, "preempt_delay 5 must hold the preemption off, took only " + ms + " ms");
    }

    @Test
    void unicastPeersElectAndFailOver() throws Exception {
        lan("u");
        var confA = new TestConf("v2-pass", "jkda", 150,
                "    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.2\n    }\n");
        var confB = new TestConf("v2-pass", "jkdb", 100,
                "    unicast_src_ip 192.0.2.2\n    unicast_peer {\n        192.0.2.1\n    }\n");
        String vip = confA.vip();
        var a = jk("a", lan.a, confA);
        var b = jk("b", lan.b, confB);
        try (var wire = WireCapture.start(lan.lan, "jkdbr", lab.dir().resolve("uwire.txt"), "ip proto 112 or arp")) {
            a.start();
            b.start();
            awaitMaster(a, lan.a, b, lan.b, vip, 30_000);
            await("unicast adverts a -> b on the wire", 5_000, () -> wire.text().contains("192.0.2.1 > 192.0.2.2: VRRPv2"), a);
            assertFalse(wire.text().contains("> 224.0.0.18"), "no multicast adverts in unicast mode:\n" + wire.text());
            // the GARPs follow the master's first advert, and tcpdump prints them a little later under load
            await("a's GARP for the VIP on the wire", 5_000, () -> wire.announced(vip), a);
        }
        assertTrue(a.currentLog().contains(" unicast, src_ip=192.0.2.1]"), a.currentLog());
        a.kill9();
        long ms = await("b takes over", 10_000, () -> b.state("VI_1").equals("MASTER") && lan.hasAddress(lan.b, vip), b);
        System.out.println("[vrrpd] jk<->jk unicast: failover after kill -9 took " + ms + " ms");
    }

    @Test
    void reloadKeepsAnUnchangedMasterAndAppliesAChangedPriority() throws Exception {
        lan("r");
        var confA = new TestConf("v2-pass", "jkda", 150, "");
        String vip = confA.vip();
        var a = jk("a", lan.a, confA).start();
        await("a MASTER", 30_000, () -> a.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, vip), a);
        var b = jk("b", lan.b, new TestConf("v2-pass", "jkdb", 100, "")).start();
        awaitMaster(a, lan.a, b, lan.b, vip, 30_000);
        Thread.sleep(1_500);        // b has heard a's adverts: nothing left over from the start

        long bMasters = b.countLines("Entering MASTER STATE");
        Sh.run("kill", "-HUP", Long.toString(a.pid()));
        await("a reloaded", 10_000, () -> a.currentLog().contains("Reload finished"), a);
        long until = System.nanoTime() + 6_000_000_000L;      // longer than b's master down interval
        while (System.nanoTime() < until) {
            assertTrue(lan.hasAddress(lan.a, vip), "the VIP stays on a during the reload:\n" + a.currentLog());
            assertEquals(bMasters, b.countLines("Entering MASTER STATE"), "b must not take over:\n" + b.currentLog());
            Thread.sleep(50);
        }
        String log = a.currentLog();
        assertTrue(log.contains("(VI_1) unchanged - keeping MASTER state over the reload"), log);
        String afterReload = log.substring(log.indexOf("Reloading"));
        assertTrue(!afterReload.contains("Entering BACKUP STATE"), "no BACKUP in between:\n" + afterReload);
        assertTrue(!afterReload.contains("sent 0 priority") && !afterReload.contains("removing VIPs."), afterReload);
        assertEquals("MASTER", a.state("VI_1"), log);

        a.rewrite(new TestConf("v2-pass", "jkda", 90, "").render());
        Sh.run("kill", "-HUP", Long.toString(a.pid()));
        await("b takes over when a's priority drops to 90", 10_000, () -> b.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.b, vip) && !lan.hasAddress(lan.a, vip) && a.state("VI_1").equals("BACKUP"), a, b);
    }

    @Test
    void withoutNetRawAndNetAdminTheDaemonExits4WithOneLine() throws Exception {
        Path conf = lab.dir().resolve("caps.conf");
        Files.writeString(conf, new TestConf("v2-pass", "lo", 100, "").render());
        var cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-net_raw,-net_admin", "--inh-caps", "-all", "--"));
        cmd.addAll(VrrpNode.javaCommand());
        cmd.addAll(List.of("-P", "-n", "-l", "-f", conf.toString(), "-p", lab.dir().resolve("c.pid").toString(),
                "-r", lab.dir().resolve("cv.pid").toString()));
        var r = Sh.run(cmd, 60);
        assertEquals(4, r.exit(), r.out());
        assertTrue(r.out().contains("this process lacks CAP_NET_RAW and CAP_NET_ADMIN"), r.out());
        assertFalse(Files.exists(lab.dir().resolve("c.pid")), "nothing started: no pid file");
    }
}
