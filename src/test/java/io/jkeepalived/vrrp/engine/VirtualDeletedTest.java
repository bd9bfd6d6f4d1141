package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.EngineHarness.logs;
import static io.jkeepalived.vrrp.engine.EngineHarness.only;
import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static io.jkeepalived.vrrp.engine.Packets.v2;
import static io.jkeepalived.vrrp.engine.VrrpEngineTest.T0;
import static io.jkeepalived.vrrp.engine.VrrpEngineTest.VIPS;
import static io.jkeepalived.vrrp.engine.VrrpEngineTest.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.engine.VrrpAction.RunNotify;
import io.jkeepalived.vrrp.engine.VrrpAction.SendAdvert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's set_vrrp_backup: a VIP, virtual route or rule deleted by someone else. */
class VirtualDeletedTest {
    static final long MASTER_AT = T0 + 3_609_375;      // master down of priority 100, advert 1 s
    static final long SKEW = 609_375;                   // (256 - 100) / 256 s
    static final String REPORT = "Netlink reflector reports IP 192.0.2.100 removed from eth0";

    static EngineHarness master() {
        var h = new EngineHarness(VrrpEngineTest.vi1().build());
        h.start(T0);
        h.runUntil(MASTER_AT);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        return h;
    }

    @Test
    void masterGoesBackupWithPriorityZeroThenTakesMasterBackAfterOnlyTheSkewTime() {
        var h = master();
        long at = MASTER_AT + 1_500_000;
        var down = h.handle(new VrrpEvent.VirtualDeleted("VI_1", REPORT, at));
        assertEquals(List.of(REPORT, "(VI_1) Entering BACKUP STATE", "(VI_1) sent 0 priority", "(VI_1) removing VIPs."), logs(down));
        assertEquals(List.of(new SendAdvert("VI_1", 0)), only(down, SendAdvert.class), "priority 0 tells the others at once");
        assertEquals(List.of(new RemoveVips("VI_1", VIPS, true)), only(down, RemoveVips.class));
        assertEquals(List.of(NotifyState.BACKUP), only(down, RunNotify.class).stream().map(RunNotify::state).toList());
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
        assertEquals(at + SKEW, h.deadline, "only the skew time, not master down, before taking MASTER back");
        assertEquals(1, h.engine.stats("VI_1").releaseMaster());
        assertEquals(1, h.engine.stats("VI_1").priZeroSent());

        assertTrue(h.runUntil(at + SKEW - 1).isEmpty());
        var back = h.runUntil(at + SKEW);
        assertTrue(logs(back).contains("(VI_1) Entering MASTER STATE"), logs(back).toString());
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
    }

    @Test
    void aMasterElsewhereKeepsItBackup() {
        var h = master();
        long at = MASTER_AT + 1_500_000;
        h.handle(new VrrpEvent.VirtualDeleted("VI_1", "", at));
        h.receive(at + 100_000, v2("192.0.2.2", 51, 150, 1, VIPS));     // a higher priority backup took over
        assertEquals(at + 100_000 + 3_609_375, h.deadline, "the backup follows the new master");
        h.runUntil(at + 3_000_000);
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));

        var lower = h.receive(at + 3_100_000, v2("192.0.2.2", 51, 90, 1, VIPS));
        assertTrue(logs(lower).contains("(VI_1) received lower priority (90) advert from 192.0.2.2 - discarding"),
                "preempt still applies: a lower priority master is discarded " + logs(lower));
    }

    @Test
    void ignoredUnlessMasterSoOurOwnRemovalsNeverCount() {
        var h = new EngineHarness(VrrpEngineTest.vi1().build());
        h.start(T0);
        long deadline = h.deadline;
        var backup = h.handle(new VrrpEvent.VirtualDeleted("VI_1", REPORT, T0 + 1_000));
        assertTrue(logs(backup).isEmpty(), logs(backup).toString());
        assertEquals(deadline, h.deadline);

        var m = master();
        m.receive(MASTER_AT + 500_000, v2("192.0.2.2", 51, 150, 1, VIPS));    // higher priority: we remove the VIPs
        assertEquals(VrrpState.BACKUP, m.engine.state("VI_1"));
        long d = m.deadline;
        var echo = m.handle(new VrrpEvent.VirtualDeleted("VI_1", REPORT, MASTER_AT + 500_100));  // the kernel's echo of that
        assertTrue(logs(echo).isEmpty(), "not even the -D report line, as keepalived " + logs(echo));
        assertEquals(d, m.deadline);
        assertEquals(0, m.engine.stats("VI_1").priZeroSent());

        m.handle(new VrrpEvent.Shutdown(MASTER_AT + 600_000));
        assertTrue(m.handle(new VrrpEvent.VirtualDeleted("VI_1", REPORT, MASTER_AT + 600_100)).isEmpty(), "nothing after stop");
    }

    @Test
    void syncGroupMastersAllLeaveAndComeBackQuickly() {
        var a = VrrpEngineTest.vi1().build();
        var b = InstanceParams.builder("VI_2", 52, ip(US)).vips(ips("192.0.2.110")).build();
        var h = new EngineHarness(List.of(a, b), List.of(new SyncGroupParams("G1", List.of("VI_1", "VI_2"))));
        h.start(T0);
        h.runUntil(MASTER_AT);
        assertEquals(VrrpState.MASTER, h.engine.groupState("G1"));
        long at = MASTER_AT + 2_000_000;
        var down = h.handle(new VrrpEvent.VirtualDeleted("VI_2", "", at));
        assertEquals(List.of(new SendAdvert("VI_2", 0), new SendAdvert("VI_1", 0)), only(down, SendAdvert.class));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_2"));
        assertEquals(VrrpState.BACKUP, h.engine.groupState("G1"));
        assertTrue(only(down, RunNotify.class).stream().noneMatch(n -> n.target() == VrrpAction.NotifyTarget.GROUP),
                "keepalived marks the group BACKUP without a group notify");
        var back = h.runUntil(at + SKEW);
        assertTrue(logs(back).contains("VRRP_Group(G1) Syncing instances to MASTER state"), logs(back).toString());
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_2"));
    }
}
