package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.EngineHarness.logs;
import static io.jkeepalived.vrrp.engine.EngineHarness.only;
import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static io.jkeepalived.vrrp.engine.Packets.v2;
import static io.jkeepalived.vrrp.engine.VrrpEngineTest.T0;
import static io.jkeepalived.vrrp.engine.VrrpEngineTest.US;
import static io.jkeepalived.vrrp.engine.VrrpEngineTest.VIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.engine.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.engine.VrrpAction.SendAdvert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * timer_expired_backup (keepalived 2.2.8+'s vrrp_thread_timeout_handler): a nopreempt MASTER whose loop ran so late
 * that a router of the given highest other priority may have taken over goes BACKUP instead of advertising again.
 */
class TimerExpiredBackupTest {
    static final long MASTER_AT = T0 + 3_609_375;       // master down of priority 100, advert 1 s
    static final long LAST_ADVERT = MASTER_AT + 2_000_000;
    static final long DUE = LAST_ADVERT + 1_000_000;     // the advert timer the loop was late for

    static EngineHarness master(InstanceParams.Builder p) {
        var h = new EngineHarness(p.build());
        h.start(T0);
        h.runUntil(LAST_ADVERT);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(DUE, h.deadline);
        return h;
    }

    static InstanceParams.Builder nopreempt(int highestOther) {
        return VrrpEngineTest.vi1().preempt(false).timerExpiredBackup(highestOther);
    }

    @Test
    void lateLongerThanATakeoverGoesBackupWithoutAnAdvert() {
        var h = master(nopreempt(254));
        assertEquals(2_007_812, h.engine.timerLateThreshold(), "2 adverts + skew of 254: 2 s + 2/256 s");
        long late = 3_500_000;
        var gone = h.handle(new VrrpEvent.TimerLate(late, DUE + late));
        assertEquals(List.of("VRRP thread timer expired 3.500000 seconds ago", "(VI_1) Entering BACKUP STATE",
                "(VI_1) removing VIPs."), logs(gone));
        assertEquals(List.of(), only(gone, SendAdvert.class), "no priority 0: keepalived's leave_master without it");
        assertEquals(List.of(new RemoveVips("VI_1", VIPS, true)), only(gone, RemoveVips.class));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
        assertEquals(1, h.engine.stats("VI_1").releaseMaster());

        var due = h.handle(new VrrpEvent.TimerDue(DUE + late));
        assertEquals(List.of(), only(due, SendAdvert.class), "the late advert timer sends nothing: BACKUP now");
        var other = h.receive(DUE + late + 200_000, v2("192.0.2.2", 51, 90, 1, VIPS));
        assertTrue(logs(other).isEmpty(), "nopreempt: the lower priority master that took over is followed " + logs(other));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void lateLessThanTheShortestTakeoverChangesNothing() {
        var h = master(nopreempt(254));
        long late = 2_007_811;
        assertTrue(h.handle(new VrrpEvent.TimerLate(late, DUE + late)).stream().noneMatch(a -> !(a instanceof VrrpAction.ScheduleAt)));
        var due = h.handle(new VrrpEvent.TimerDue(DUE + late));
        assertEquals(List.of(new SendAdvert("VI_1", 100)), only(due, SendAdvert.class), "still MASTER: it advertises");
    }

    @Test
    void aLowerHighestOtherPriorityWaitsForItsLongerSkew() {
        // other routers of at most priority 1: 2 adverts + 255/256 s late, 3 adverts + 255/256 s since our last advert
        var h = master(nopreempt(1));
        assertEquals(2_996_093, h.engine.timerLateThreshold());
        long late = 2_996_092;
        var stays = h.handle(new VrrpEvent.TimerLate(late, DUE + late));
        assertTrue(logs(stays).isEmpty(), logs(stays).toString());
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        var gone = h.handle(new VrrpEvent.TimerLate(late + 1, DUE + late + 1));
        assertEquals("VRRP thread timer expired 2.996093 seconds ago", logs(gone).getFirst());
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void vrrpV3SkewIsAFractionOfTheAdvertInterval() {
        var h = master(nopreempt(128).version(3));
        assertEquals(2_500_000, h.engine.timerLateThreshold(), "2 adverts + (256 - 128) * 1 s / 256");
    }

    @Test
    void onlyInstancesWithTheOptionAndOnlyMastersGoBackup() {
        var withIt = nopreempt(254).build();
        var without = InstanceParams.builder("VI_2", 52, ip(US)).vips(ips("192.0.2.110")).preempt(false).build();
        var h = new EngineHarness(withIt, without);
        h.start(T0);
        h.runUntil(LAST_ADVERT);
        long late = 3_500_000;
        var r = h.handle(new VrrpEvent.TimerLate(late, DUE + late));
        assertEquals(1, logs(r).stream().filter(l -> l.startsWith("VRRP thread timer expired")).count(), "one line for all");
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_2"), "no timer_expired_backup: it advertises again");

        var none = new EngineHarness(without);
        assertEquals(Long.MAX_VALUE, none.engine.timerLateThreshold(), "no instance with the option: never late enough");
    }
}
