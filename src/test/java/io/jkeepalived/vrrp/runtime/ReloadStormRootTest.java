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
 * Issue 9 item 7 as an attack: 20 SIGHUPs back to back on the MASTER of a sync group with an unchanged
 * configuration, while a client pings a VIP every 10 ms. Not one reply may go missing, the backup must never
 * take over, and no notify script may run again (keepalived 2.2.7 keeps the state over a reload too).
 */
@Tag("root")
@Timeout(240)
class ReloadStormRootTest {
    private VrrpTestLan lan;
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.alone("jkd-storm");

    private String config(String ifname, int priority, Path notify) {
        var sb = new StringBuilder("vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n    notify " + notify
                + "\n}\n");
        for (int i = 1; i <= 2; i++) {
            sb.append("vrrp_instance VI_").append(i).append(" {\n    state BACKUP\n    interface ").append(ifname)
                    .append("\n    virtual_router_id ").append(50 + i).append("\n    priority ").append(priority)
                    .append("\n    advert_int 1\n    notify ").append(notify)
                    .append("\n    virtual_ipaddress {\n        192.0.2.").append(99 + i).append("/24\n    }\n}\n");
        }
        return sb.toString();
    }

    @Test
    void aSighupStormOnASyncGroupMasterLosesNoPingAndRunsNoNotify() throws Exception {
        lan = lab.lan("r");
        Path notifyLog = lab.dir().resolve("notify.log");
        Path notify = lab.dir().resolve("notify.sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$@\" >> " + notifyLog + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        var a = VrrpNode.jkeepalived("a", lan.a, lab.dir(), config("jkda", 150, notify));
        var b = VrrpNode.jkeepalived("b", lan.b, lab.dir(), config("jkdb", 100, notify));
        lab.own(a);
        lab.own(b);
        a.start();
        await("a MASTER of both", 30_000, () -> a.state("VI_1").equals("MASTER") && a.state("VI_2").equals("MASTER")
                && lan.hasAddress(lan.a, "192.0.2.100") && lan.hasAddress(lan.a, "192.0.2.101"), a);
        b.start();
        await("b BACKUP of both", 30_000, () -> b.state("VI_1").equals("BACKUP") && b.state("VI_2").equals("BACKUP"), b);
        await("group notify MASTER", 10_000, () -> read(notifyLog).contains("GROUP G1 MASTER"), a);
        Thread.sleep(1_500);              // b has heard a; every start-up notify has run
        String notifiesBefore = read(notifyLog);
        long bMasters = b.countLines("Entering MASTER STATE");

        // the kernel's own account of the VIPs: any removal during the storm shows here
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
        for (int i = 1; i <= 20; i++) {
            Sh.run("kill", "-HUP", Long.toString(a.pid()));
            int reloads = i;
            await("reload " + i, 20_000, () -> a.countLines("Reload finished") >= reloads, a);
        }
        Thread.sleep(4_000);             // longer than b's master down interval after the last reload
        pinger.close();
        monitor.destroy();
        monitor.waitFor();
        String vipEvents = read(addressEvents);
        System.out.println("[vrrpd] 20 SIGHUPs on a sync-group MASTER: " + pinger.replies() + " replies, "
                + (pinger.lost() - lostBefore) + " lost, longest gap " + pinger.longestGapMillis() + " ms");
        assertFalse(vipEvents.lines().anyMatch(l -> l.startsWith("Deleted") && l.contains("192.0.2.10")),
                "a VIP was removed:\n" + vipEvents + "\n" + a.currentLog());
        assertEquals(lostBefore, pinger.lost(), "no ping lost during the storm");
        assertTrue(pinger.longestGapMillis() < 500, "longest gap " + pinger.longestGapMillis() + " ms");
        String log = a.currentLog();
        String afterReload = log.substring(log.indexOf("Reloading"));
        assertTrue(log.contains("VRRP_Group(G1) unchanged - keeping MASTER state over the reload"), log);
        assertFalse(afterReload.contains("sent 0 priority"), afterReload);
        assertFalse(afterReload.contains("removing VIPs."), afterReload);
        assertFalse(afterReload.contains("Entering BACKUP STATE"), afterReload);
        assertEquals(bMasters, b.countLines("Entering MASTER STATE"), "b never took over:\n" + b.currentLog());
        assertEquals(notifiesBefore, read(notifyLog), "no notify ran during the storm");
        assertEquals("MASTER", a.state("VI_1"));
        assertEquals("MASTER", a.state("VI_2"));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
