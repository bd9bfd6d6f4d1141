package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9: a reload that changes a MASTER's priority and VIP list applies it in place, as keepalived's
 * clear_diff_vrrp does: a client pinging the VIP that stays loses no reply, the VIP that stays is never removed,
 * the new VIP comes, the removed one goes, no notify runs and the backup never takes over. A second reload that
 * puts the priority below the (preempting) backup's hands the VIPs over, as it must.
 */
@Tag("root")
@Timeout(240)
class ReloadInPlaceRootTest {
    private VrrpTestLan lan;
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.alone("jkd-inplace");

    private static String config(String ifname, int priority, Path notify, String... vips) {
        var sb = new StringBuilder("vrrp_instance VI_1 {\n    state BACKUP\n    interface " + ifname
                + "\n    virtual_router_id 51\n    priority " + priority + "\n    advert_int 1\n    notify " + notify
                // the backup keeps its VIP list: it must not drop a's adverts for listing other VIPs
                + "\n    skip_check_adv_addr"
                + "\n    virtual_ipaddress {\n");
        for (String v : vips) {
            sb.append("        ").append(v).append("/24\n");
        }
        return sb.append("    }\n}\n").toString();
    }

    @Test
    void aMastersPriorityAndVipsChangeInPlaceWithoutAGapOrANotify() throws Exception {
        lan = lab.lan("p");
        Path notifyLog = lab.dir().resolve("notify.log");
        Path notify = lab.dir().resolve("notify.sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$@\" >> " + notifyLog + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        var a = VrrpNode.jkeepalived("a", lan.a, lab.dir(), config("jkda", 150, notify, "192.0.2.100", "192.0.2.101"));
        var b = VrrpNode.jkeepalived("b", lan.b, lab.dir(), config("jkdb", 100, notify, "192.0.2.100", "192.0.2.101"));
        lab.own(a);
        lab.own(b);
        a.start();
        await("a MASTER", 30_000, () -> a.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, "192.0.2.100")
                && lan.hasAddress(lan.a, "192.0.2.101"), a);
        b.start();
        await("b BACKUP", 30_000, () -> b.state("VI_1").equals("BACKUP"), b);
        await("notify MASTER", 10_000, () -> read(notifyLog).contains("INSTANCE VI_1 MASTER"), a);
        Thread.sleep(1_500);
        String notifiesBefore = read(notifyLog);
        long bMasters = b.countLines("Entering MASTER STATE");

        Path addressEvents = lab.dir().resolve("addresses.log");
        var monitor = new ProcessBuilder(lan.a.inside("ip", "-o", "monitor", "address")).redirectErrorStream(true)
                .redirectOutput(addressEvents.toFile()).start();
        lab.own(() -> {
            monitor.destroy();
            monitor.waitFor();
        });
        var pinger = new VipPinger(lan.c, "192.0.2.100");
        lab.own(pinger);
        await("the client hears the VIP", 10_000, () -> pinger.replies() > 20, a);
        long lostBefore = pinger.lost();

        a.rewrite(config("jkda", 120, notify, "192.0.2.100", "192.0.2.102"));
        Sh.run("kill", "-HUP", Long.toString(a.pid()));
        await("reload", 20_000, () -> a.countLines("Reload finished") >= 1, a);
        await("the new VIP added, the removed one gone", 10_000, () -> lan.hasAddress(lan.a, "192.0.2.102")
                && !lan.hasAddress(lan.a, "192.0.2.101"), a);
        Thread.sleep(4_000);             // longer than b's master down interval
        pinger.close();
        monitor.destroy();
        monitor.waitFor();
        String vipEvents = read(addressEvents);
        System.out.println("[vrrpd] reload changing priority 150->120 and one VIP of a MASTER: " + pinger.replies()
                + " replies, " + (pinger.lost() - lostBefore) + " lost, longest gap " + pinger.longestGapMillis() + " ms");
        assertFalse(vipEvents.lines().anyMatch(l -> l.startsWith("Deleted") && l.contains("192.0.2.100/")),
                "the kept VIP was removed:\n" + vipEvents + "\n" + a.currentLog());
        assertTrue(vipEvents.lines().anyMatch(l -> l.startsWith("Deleted") && l.contains("192.0.2.101/")), vipEvents);
        assertEquals(lostBefore, pinger.lost(), "no ping lost on the kept VIP");
        assertTrue(pinger.longestGapMillis() < 500, "longest gap " + pinger.longestGapMillis() + " ms");
        String log = a.currentLog();
        String afterReload = log.substring(log.indexOf("Reloading"));
        assertTrue(afterReload.contains("(VI_1) changed - applied in place, keeping MASTER state over the reload; priority 150 -> 120;"
                + " removing VIPs [192.0.2.101]; adding VIPs [192.0.2.102]"), afterReload);
        assertFalse(afterReload.contains("sent 0 priority"), afterReload);
        assertFalse(afterReload.contains("Entering BACKUP STATE"), afterReload);
        assertEquals(bMasters, b.countLines("Entering MASTER STATE"), "b never took over:\n" + b.currentLog());
        assertEquals(notifiesBefore, read(notifyLog), "no notify ran for the kept state");
        assertEquals("MASTER", a.state("VI_1"));
        assertTrue(lan.hasAddress(lan.a, "192.0.2.100"));

        // b, a BACKUP, takes the same VIP list in place (a MASTER drops adverts listing other VIPs than its own)
        b.rewrite(config("jkdb", 100, notify, "192.0.2.100", "192.0.2.102"));
        Sh.run("kill", "-HUP", Long.toString(b.pid()));
        await("b reloaded", 20_000, () -> b.countLines("Reload finished") >= 1, b);
        assertTrue(b.currentLog().contains("(VI_1) changed - applied in place, keeping BACKUP state over the reload"), b.currentLog());
        Thread.sleep(1_000);
        assertEquals("BACKUP", b.state("VI_1"));

        // below the backup's 100: b (preempt, the default) takes over, a notifies BACKUP
        a.rewrite(config("jkda", 90, notify, "192.0.2.100", "192.0.2.102"));
        Sh.run("kill", "-HUP", Long.toString(a.pid()));
        await("b takes over", 20_000, () -> b.state("VI_1").equals("MASTER") && a.state("VI_1").equals("BACKUP"), a, b);
        await("a notifies BACKUP", 10_000, () -> read(notifyLog).substring(notifiesBefore.length()).contains("INSTANCE VI_1 BACKUP"), a);
        await("a drops its VIPs", 10_000, () -> !lan.hasAddress(lan.a, "192.0.2.100") && !lan.hasAddress(lan.a, "192.0.2.102"), a);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
