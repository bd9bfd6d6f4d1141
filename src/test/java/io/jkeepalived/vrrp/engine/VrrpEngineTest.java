package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.EngineHarness.logs;
import static io.jkeepalived.vrrp.engine.EngineHarness.only;
import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static io.jkeepalived.vrrp.engine.Packets.v2;
import static io.jkeepalived.vrrp.engine.Packets.v3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.engine.VrrpAction.AddVips;
import io.jkeepalived.vrrp.engine.VrrpAction.GarpReason;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.engine.VrrpAction.RunNotify;
import io.jkeepalived.vrrp.engine.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.engine.VrrpAction.SendGarp;
import io.jkeepalived.vrrp.engine.VrrpAction.Transition;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state machine on a simulated clock, with keepalived's arithmetic and words. */
class VrrpEngineTest {
    static final long T0 = 1_000_000_000L;
    static final List<InetAddress> VIPS = ips("192.0.2.100", "192.0.2.101");
    static final String US = "192.0.2.1";

    static InstanceParams.Builder vi1() {
        return InstanceParams.builder("VI_1", 51, ip(US)).vips(VIPS);
    }

    static EngineHarness started(InstanceParams p) {
        var h = new EngineHarness(p);
        h.start(T0);
        return h;
    }

    @Test
    void rfcTimerArithmeticIsExact() {
        assertEquals(609_375, VrrpTimers.skewMicros(3, 100, 1_000_000));
        assertEquals(3_609_375, VrrpTimers.masterDownMicros(3, 100, 1_000_000, 3));
        assertEquals(609_375, VrrpTimers.skewMicros(2, 100, 1_000_000));      // (256-100)/256 s
        assertEquals(3_609_375, VrrpTimers.masterDownMicros(2, 100, 1_000_000, 3));
        assertEquals(3_906, VrrpTimers.skewMicros(2, 255, 1_000_000));        // 1/256 s, truncated
        assertEquals(304_687, VrrpTimers.skewMicros(3, 100, 500_000));        // 156 * 50 cs * 625 / 16
        assertEquals(7_812, VrrpTimers.skewMicros(3, 254, 1_000_000));
        assertEquals(5_609_375, VrrpTimers.masterDownMicros(2, 100, 1_000_000, 5));
    }

    @Test
    void startEntersBackupInitAndBecomesMasterAfterExactlyMasterDown() {
        var h = new EngineHarness(vi1().build());
        var start = h.start(T0);
        assertEquals(List.of("(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)"), logs(start));
        assertEquals(NotifyState.BACKUP, only(start, RunNotify.class).getFirst().state());
        assertEquals(T0 + 3_609_375, h.deadline);

        assertTrue(h.runUntil(T0 + 3_609_374).isEmpty(), "nothing one microsecond early");
        var up = h.runUntil(T0 + 3_609_375);
        assertEquals(List.of("(VI_1) Receive advertisement timeout", "(VI_1) Entering MASTER STATE",
                "(VI_1) setting VIPs.", "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100",
                "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.101"), logs(up));
        assertEquals(new SendAdvert("VI_1", 100), up.stream().filter(a -> !(a instanceof VrrpAction.Log)).findFirst().orElseThrow(),
                "the advert goes out before the VIPs are added");
        assertEquals(List.of(new AddVips("VI_1", VIPS, true)), only(up, AddVips.class));
        assertEquals(List.of(new SendGarp("VI_1", VIPS, 5, GarpReason.MASTER_BURST)), only(up, SendGarp.class));
        assertEquals(NotifyState.MASTER, only(up, RunNotify.class).getFirst().state());
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));

        // adverts every second; the delayed GARP burst 5 s after becoming master
        var next = h.runUntil(T0 + 3_609_375 + 5_000_000);
        assertEquals(5, only(next, SendAdvert.class).size());
        assertEquals(List.of(new SendGarp("VI_1", VIPS, 5, GarpReason.MASTER_DELAYED)), only(next, SendGarp.class));
        assertEquals(6, h.engine.stats("VI_1").advertSent());
        assertEquals(1, h.engine.stats("VI_1").becomeMaster());
    }

    @Test
    void addressOwnerBecomesMasterAtOnce() {
        var h = new EngineHarness(vi1().priority(255).build());
        var start = h.start(T0);
        assertEquals(List.of("(VI_1) removing VIPs."), logs(start), "keepalived logs no (init) line for an owner");
        assertEquals(T0 + 1, h.deadline);
        var up = h.runUntil(T0 + 1);
        assertTrue(logs(up).contains("(VI_1) Entering MASTER STATE"));
        assertEquals(new SendAdvert("VI_1", 255), only(up, SendAdvert.class).getFirst());
    }

    @Test
    void backupFollowingAMasterReArmsItsDownTimerOnEveryAdvert() {
        var h = started(vi1().build());
        for (int i = 1; i <= 10; i++) {
            h.receive(T0 + i * 1_000_000L, v2("192.0.2.2", 51, 150, 1, VIPS));
        }
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
        assertEquals(T0 + 10_000_000 + 3_609_375, h.deadline);
        assertEquals(10, h.engine.stats("VI_1").advertRcvd());
        h.runUntil(T0 + 10_000_000 + 3_609_375);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
    }

    @Test
    void masterYieldsToHigherPriority() {
        var h = started(vi1().build());
        h.runUntil(T0 + 3_609_375);
        long at = T0 + 4_000_000;
        var r = h.receive(at, v2("192.0.2.2", 51, 150, 1, VIPS));
        assertEquals(List.of("(VI_1) Master received advert from 192.0.2.2 with higher priority 150, ours 100",
                "(VI_1) Entering BACKUP STATE", "(VI_1) removing VIPs."), logs(r));
        assertEquals(List.of(new RemoveVips("VI_1", VIPS, true)), only(r, RemoveVips.class));
        assertEquals(NotifyState.BACKUP, only(r, RunNotify.class).getFirst().state());
        assertEquals(new Transition("VI_1", VrrpState.MASTER, VrrpState.BACKUP, "higher priority advert", at),
                only(r, Transition.class).getFirst());
        assertEquals(at + 3_609_375, h.deadline);
        assertEquals(1, h.engine.stats("VI_1").releaseMaster());
    }

    @Test
    void masterAnswersLowerPriorityWithAdvertGarpsAndNotify() {
        var h = started(vi1().build());
        h.runUntil(T0 + 3_609_375);
        long at = T0 + 4_000_000;
        var r = h.receive(at, v2("192.0.2.2", 51, 50, 1, VIPS));
        assertEquals("(VI_1) Received advert from 192.0.2.2 with lower priority 50, ours 100, forcing new election",
                logs(r).getFirst());
        assertEquals(List.of(new SendAdvert("VI_1", 100)), only(r, SendAdvert.class));
        assertEquals(List.of(new SendGarp("VI_1", VIPS, 5, GarpReason.LOWER_PRIO)), only(r, SendGarp.class));
        assertEquals(NotifyState.MASTER_RX_LOWER_PRI, only(r, RunNotify.class).getFirst().state());
        assertEquals(List.of(new VrrpAction.SplitBrain("VI_1", ip("192.0.2.2"), 50, 100, at)), only(r, VrrpAction.SplitBrain.class));
        assertEquals(at + 1_000_000, h.deadline, "having sent an advert, the next one is a full interval later");
        var later = h.runUntil(at + 5_000_000);
        assertTrue(only(later, SendGarp.class).contains(new SendGarp("VI_1", VIPS, 5, GarpReason.LOWER_PRIO_DELAYED)));
    }

    @Test
    void lowerPrioNoAdvertStaysQuiet() {
        var h = started(vi1().lowerPrioNoAdvert(true).garp(new GarpParams(0, 1, 0, 1, 0, 0)).build());
        h.runUntil(T0 + 3_609_375);
        var r = h.receive(T0 + 3_700_000, v2("192.0.2.2", 51, 50, 1, VIPS));
        assertEquals(List.of("(VI_1) Received advert from 192.0.2.2 with lower priority 50, ours 100"), logs(r));
        assertTrue(only(r, SendAdvert.class).isEmpty());
        assertTrue(only(r, SendGarp.class).isEmpty());
        assertEquals(T0 + 4_609_375, h.deadline, "advert schedule unchanged");
    }

    @Test
    void higherPrioSendAdvertAnswersBeforeYielding() {
        var h = started(vi1().higherPrioSendAdvert(true).build());
        h.runUntil(T0 + 3_609_375);
        var r = h.receive(T0 + 4_000_000, v2("192.0.2.2", 51, 150, 1, VIPS));
        assertEquals(new SendAdvert("VI_1", 100), only(r, SendAdvert.class).getFirst());
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void backupTakesOverOneSkewAfterPriorityZero() {
        var h = started(vi1().build());
        h.receive(T0 + 1_000_000, v2("192.0.2.2", 51, 150, 1, VIPS));
        var r = h.receive(T0 + 2_000_000, v2("192.0.2.2", 51, 0, 1, VIPS));
        assertEquals(List.of("(VI_1) Backup received priority 0 advertisement"), logs(r));
        assertEquals(T0 + 2_000_000 + 609_375, h.deadline);
        h.runUntil(T0 + 2_609_375);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(1, h.engine.stats("VI_1").priZeroRcvd());
    }

    @Test
    void masterAnswersPriorityZeroWithAnAdvert() {
        var h = started(vi1().build());
        h.runUntil(T0 + 3_609_375);
        var r = h.receive(T0 + 3_700_000, v2("192.0.2.2", 51, 0, 1, VIPS));
        assertEquals(List.of(new SendAdvert("VI_1", 100)), only(r, SendAdvert.class));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
    }

    @Test
    void preemptingBackupDiscardsLowerAdvertsAndTakesOverWhenItsTimerRunsOut() {
        var h = started(vi1().priority(150).build());
        long down = VrrpTimers.masterDownMicros(2, 150, 1_000_000, 3);
        var r = h.receive(T0 + 1_000_000, v2("192.0.2.2", 51, 100, 1, VIPS));
        assertEquals(List.of("(VI_1) received lower priority (100) advert from 192.0.2.2 - discarding"), logs(r));
        h.receive(T0 + 2_000_000, v2("192.0.2.2", 51, 100, 1, VIPS));
        assertEquals(T0 + down, h.deadline, "discarded adverts do not re-arm the down timer");
        h.runUntil(T0 + down);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
    }

    @Test
    void nopreemptBackupKeepsFollowingALowerMaster() {
        var h = started(vi1().priority(150).preempt(false).build());
        for (int i = 1; i <= 20; i++) {
            h.receive(T0 + i * 1_000_000L, v2("192.0.2.2", 51, 100, 1, VIPS));
        }
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void preemptDelayHoldsOffTakeoverForTheDelay() {
        var h = started(vi1().priority(150).preemptDelayMicros(5_000_000).build());
        long down = VrrpTimers.masterDownMicros(2, 150, 1_000_000, 3);
        var first = h.receive(T0 + 1_000_000, v2("192.0.2.2", 51, 100, 1, VIPS));
        assertEquals(List.of("(VI_1) start preempt delay (5.000000)"), logs(first));
        // accepted while the delay runs (until T0 + 6 s), discarded from then on
        for (int i = 2; i <= 5; i++) {
            h.receive(T0 + i * 1_000_000L, v2("192.0.2.2", 51, 100, 1, VIPS));
            assertEquals(T0 + i * 1_000_000L + down, h.deadline);
        }
        var late = h.receive(T0 + 6_000_000, v2("192.0.2.2", 51, 100, 1, VIPS));
        assertTrue(logs(late).getFirst().endsWith("- discarding"), logs(late).toString());
        h.runUntil(T0 + 5_000_000 + down);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(T0 + 5_000_000 + down, h.firstAt(AddVips.class));
    }

    @Test
    void v3BackupAdoptsTheMastersAdvertInterval() {
        var h = started(vi1().version(3).build());
        var r = h.receive(T0 + 100_000, v3("192.0.2.2", 51, 150, 50, VIPS));
        assertEquals(List.of("(VI_1) advertisement interval updated from 1000ms to 500ms by master"), logs(r));
        assertEquals(500_000, h.engine.masterAdverIntervalMicros("VI_1"));
        assertEquals(T0 + 100_000 + 3 * 500_000 + 304_687, h.deadline);
        var up = h.runUntil(T0 + 100_000 + 1_804_687);
        assertTrue(logs(up).contains("(VI_1) changing advert interval from 500ms to locally configured 1000ms"));
        assertEquals(1_000_000, h.engine.masterAdverIntervalMicros("VI_1"));
        assertEquals(T0 + 100_000 + 1_804_687 + 1_000_000, h.deadline, "a master advertises at its own interval");
    }

    @Test
    void v2AdvertWithAnotherIntervalIsDropped() {
        var h = started(vi1().build());
        var r = h.receive(T0 + 1_000_000, v2("192.0.2.2", 51, 150, 3, VIPS));
        assertEquals(List.of("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=3 sec"), logs(r));
        assertEquals(T0 + 3_609_375, h.deadline);
        assertEquals(1, h.engine.stats("VI_1").advertIntervalErr());
    }

    @Test
    void equalPriorityHigherAddressWins() {
        var h = started(vi1().build());
        h.runUntil(T0 + 3_609_375);
        var lower = h.receive(T0 + 3_700_000, v2("192.0.2.0", 51, 100, 1, VIPS));
        assertTrue(logs(lower).getFirst().contains("with lower priority 100, ours 100"));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        var higher = h.receive(T0 + 3_800_000, v2("192.0.2.9", 51, 100, 1, VIPS));
        assertEquals("(VI_1) Master received advert from 192.0.2.9 with same priority 100 but higher IP address than ours",
                logs(higher).getFirst());
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void twoAddressOwnersResolveByReducingOurPriority() {
        var h = started(vi1().priority(255).build());
        h.runUntil(T0 + 1);
        var r = h.receive(T0 + 500_000, v2("192.0.2.9", 51, 255, 1, VIPS));
        assertTrue(logs(r).getFirst().contains("CONFIGURATION ERROR"));
        assertEquals(254, h.engine.effectivePriority("VI_1"));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void skipCheckAdvAddrOnlyForTheKnownMaster() {
        var h = started(vi1().skipCheckAdvAddr(true).build());
        h.receive(T0 + 1_000_000, v2("192.0.2.2", 51, 150, 1, VIPS));
        var same = h.receive(T0 + 2_000_000, v2("192.0.2.2", 51, 150, 1, ips("192.0.2.200")));
        assertTrue(logs(same).isEmpty(), logs(same).toString());
        assertEquals(T0 + 2_000_000 + 3_609_375, h.deadline);
        var other = h.receive(T0 + 2_500_000, v2("192.0.2.3", 51, 150, 1, ips("192.0.2.200")));
        assertEquals(List.of("(VI_1) received an unexpected ip number count 1, expected 2!"), logs(other));
        assertEquals(1, h.engine.stats("VI_1").addrListErr());
    }

    @Test
    void linkDownMeansFaultAndBackWhenItReturns() {
        var h = started(vi1().build());
        h.runUntil(T0 + 3_609_375);
        var down = h.handle(new VrrpEvent.LinkChanged("eth0", false, T0 + 4_000_000));
        assertEquals(List.of("(VI_1) Entering FAULT STATE", "(VI_1) sent 0 priority", "(VI_1) removing VIPs."), logs(down));
        assertEquals(List.of(new SendAdvert("VI_1", 0), new SendAdvert("VI_1", 0)), only(down, SendAdvert.class),
                "keepalived sends priority 0 twice when an instance goes down");
        assertEquals(NotifyState.FAULT, only(down, RunNotify.class).getFirst().state());
        assertEquals(Long.MAX_VALUE, h.deadline);
        assertTrue(h.handle(new VrrpEvent.AdvertReceived("eth0", v2("192.0.2.2", 51, 150, 1, VIPS), T0 + 4_500_000))
                .stream().allMatch(a -> a instanceof VrrpAction.ScheduleAt), "FAULT ignores adverts");
        var up = h.handle(new VrrpEvent.LinkChanged("eth0", true, T0 + 5_000_000));
        assertEquals(List.of("(VI_1) Entering BACKUP STATE"), logs(up));
        assertEquals(T0 + 5_000_000 + 3_609_375, h.deadline);
    }

    @Test
    void dontTrackPrimaryIgnoresTheLink() {
        var h = started(vi1().dontTrackPrimary(true).build());
        var down = h.handle(new VrrpEvent.LinkChanged("eth0", false, T0 + 1));
        assertTrue(logs(down).isEmpty());
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void trackerWeightsMoveEffectivePriorityWithinOneTo254() {
        var h = started(vi1().build());
        var r = h.handle(new VrrpEvent.TrackerChanged("VI_1", "chk_nginx", -60, false, T0 + 1_000_000));
        assertEquals(List.of("(VI_1) Changing effective priority from 100 to 40"), logs(r));
        assertEquals(T0 + VrrpTimers.masterDownMicros(2, 40, 1_000_000, 3), h.deadline,
                "the down timer follows the new skew");
        h.handle(new VrrpEvent.TrackerChanged("VI_1", "chk_nginx", -200, false, T0 + 1_100_000));
        assertEquals(1, h.engine.effectivePriority("VI_1"));
        h.handle(new VrrpEvent.TrackerChanged("VI_1", "chk_nginx", 500, false, T0 + 1_200_000));
        assertEquals(254, h.engine.effectivePriority("VI_1"));
        h.runUntil(h.deadline);
        assertEquals(new SendAdvert("VI_1", 254), only(h.actions.stream().map(EngineHarness.Timed::action).toList(),
                SendAdvert.class).getFirst());
    }

    @Test
    void failedZeroWeightTrackerMeansFault() {
        var h = started(vi1().build());
        var down = h.handle(new VrrpEvent.TrackerChanged("VI_1", "chk_nginx", 0, true, T0 + 1_000_000));
        assertEquals(List.of("(VI_1) Entering FAULT STATE"), logs(down));
        assertEquals(VrrpState.FAULT, h.engine.state("VI_1"));
        var up = h.handle(new VrrpEvent.TrackerChanged("VI_1", "chk_nginx", 0, false, T0 + 2_000_000));
        assertEquals(List.of("(VI_1) Entering BACKUP STATE"), logs(up));
    }

    @Test
    void linkDownBeforeStartEntersFaultInit() {
        var h = new EngineHarness(vi1().build());
        h.handle(new VrrpEvent.LinkChanged("eth0", false, T0 - 1));
        var start = h.start(T0);
        assertEquals(List.of("(VI_1) removing VIPs.", "(VI_1) Entering FAULT STATE (init)"), logs(start));
    }

    @Test
    void shutdownOfAMasterSendsPriorityZeroAndReleasesVips() {
        var h = started(vi1().build());
        h.runUntil(T0 + 3_609_375);
        var stop = h.handle(new VrrpEvent.Shutdown(T0 + 4_000_000));
        assertEquals(List.of("(VI_1) sent 0 priority", "(VI_1) removing VIPs."), logs(stop));
        assertEquals(List.of(new SendAdvert("VI_1", 0)), only(stop, SendAdvert.class));
        assertEquals(NotifyState.STOP, only(stop, RunNotify.class).getFirst().state());
        assertEquals(Long.MAX_VALUE, h.deadline);
        assertEquals(1, h.engine.stats("VI_1").priZeroSent());
    }

    @Test
    void garpRefreshWhileMaster() {
        var h = started(vi1().garp(new GarpParams(0, 1, 10_000_000, 2, 0, 0)).build());
        h.runUntil(T0 + 3_609_375);
        var r = h.runUntil(T0 + 3_609_375 + 11_000_000);
        assertEquals(List.of(new SendGarp("VI_1", VIPS, 2, GarpReason.REFRESH)), only(r, SendGarp.class),
                "refreshed at the first advert after 10 s");
    }

    @Test
    void garpExtraIfWhileMaster() {
        var extra = ips("198.51.100.50");
        var h = started(vi1().garp(new GarpParams(0, 1, 0, 1, 0, 0)).extraIfGarp(2_000_000, extra).build());
        h.runUntil(T0 + 3_609_375);
        var r = h.runUntil(T0 + 3_609_375 + 6_500_000);
        assertEquals(List.of(new SendGarp("VI_1", extra, 1, GarpReason.EXTRA_IF), new SendGarp("VI_1", extra, 1, GarpReason.EXTRA_IF)),
                only(r, SendGarp.class), "one GARP for the extra interface at the first advert after more than 2 s (3 s, 6 s)");
        h.receive(T0 + 3_609_375 + 6_600_000, v2("192.0.2.9", 51, 200, 1, VIPS));
        var after = h.runUntil(T0 + 3_609_375 + 9_500_000);     // before the master down timer (about 3.2 s)
        assertEquals(List.of(), only(after, SendGarp.class), "none once backup");
    }

    @Test
    void bogusPacketsAndOtherVridsChangeNothing() {
        var h = started(vi1().auth(AuthType.PASS, "secret\0\0".getBytes()).build());
        h.runUntil(T0 + 3_609_375);
        long before = h.deadline;
        var pass = "secret\0\0".getBytes();
        for (int i = 0; i < 1000; i++) {
            long at = T0 + 3_609_375 + 1 + i;
            h.handle(new VrrpEvent.AdvertReceived("eth0", v2("192.0.2.9", 51, 200, 1, VIPS), at));       // no auth
            h.handle(new VrrpEvent.AdvertReceived("eth0", Packets.ipv4(VrrpAdvert.of(2, 51, 200, AuthType.PASS, 1, VIPS,
                    "wrong!!!".getBytes()), "192.0.2.9", 255), at));                                            // bad password
            h.handle(new VrrpEvent.AdvertReceived("eth0", Packets.ipv4(VrrpAdvert.of(2, 51, 200, AuthType.PASS, 1, VIPS,
                    pass), "192.0.2.9", 64), at));                                                              // TTL 64
            h.handle(new VrrpEvent.AdvertReceived("eth0", v2("192.0.2.9", 52, 200, 1, VIPS), at));       // other VRID
            h.handle(new VrrpEvent.AdvertReceived("eth1", v2("192.0.2.9", 51, 200, 1, VIPS), at));       // other link
        }
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(before, h.deadline, "the master's advert schedule is untouched");
        var stats = h.engine.stats("VI_1");
        assertEquals(1000, stats.authtypeMismatch());
        assertEquals(1000, stats.authFailure());
        assertEquals(1000, stats.ipTtlErr());
        assertEquals(0, stats.advertRcvd());
    }

    @Test
    void syncGroupMembersMoveTogether() {
        var a = vi1().build();
        var b = InstanceParams.builder("VI_2", 52, ip(US)).vips(ips("192.0.2.110")).build();
        var h = new EngineHarness(List.of(a, b), List.of(new SyncGroupParams("G1", List.of("VI_1", "VI_2"))));
        h.start(T0);
        // VI_1's timer runs out first but it waits for VI_2 to want MASTER too
        h.receive(T0 + 500_000, v2("192.0.2.2", 52, 150, 1, ips("192.0.2.110")));
        h.runUntil(T0 + 3_609_375);
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"), "held back by its group");
        var up = h.runUntil(T0 + 500_000 + 3_609_375);
        assertTrue(logs(up).contains("VRRP_Group(G1) Syncing instances to MASTER state"), logs(up).toString());
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_2"));
        assertEquals(VrrpState.MASTER, h.engine.groupState("G1"));

        var back = h.receive(T0 + 5_000_000, v2("192.0.2.2", 52, 150, 1, ips("192.0.2.110")));
        assertTrue(logs(back).contains("VRRP_Group(G1) Syncing instances to BACKUP state"));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_2"));

        var fault = h.handle(new VrrpEvent.TrackerChanged("VI_2", "chk", 0, true, T0 + 6_000_000));
        assertTrue(logs(fault).contains("VRRP_Group(G1) Syncing instances to FAULT state"));
        assertEquals(VrrpState.FAULT, h.engine.state("VI_1"));
        var clear = h.handle(new VrrpEvent.TrackerChanged("VI_2", "chk", 0, false, T0 + 7_000_000));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"), logs(clear).toString());
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_2"));
    }

    @Test
    void ipv6InstanceUsesNeighbourAdvertsAndV3() throws Exception {
        var vips = ips("fe80::100", "2001:db8::100");
        var h = started(InstanceParams.builder("VI_6", 60, ip("fe80::1")).version(3).vips(vips).build());
        var src = (java.net.Inet6Address) ip("fe80::2");
        var advert = VrrpAdvert.of(3, 60, 150, AuthType.NONE, 100, vips, new byte[0]);
        var buf = java.nio.ByteBuffer.allocate(io.jkeepalived.vrrp.codec.VrrpCodec.vrrpLength(advert,
                io.jkeepalived.vrrp.codec.IpFamily.IPV6));
        io.jkeepalived.vrrp.codec.VrrpCodec.encodeIpv6(advert, src, io.jkeepalived.vrrp.codec.VrrpAddresses.MCAST_V6, buf);
        var pkt = ((io.jkeepalived.vrrp.codec.Decoded.Ok) io.jkeepalived.vrrp.codec.VrrpCodec.decodeIpv6(buf.array(), src,
                io.jkeepalived.vrrp.codec.VrrpAddresses.MCAST_V6, 255)).packet();
        h.receive(T0 + 1_000_000, pkt);
        assertEquals(T0 + 1_000_000 + 3_609_375, h.deadline);
        var hop = ((io.jkeepalived.vrrp.codec.Decoded.Ok) io.jkeepalived.vrrp.codec.VrrpCodec.decodeIpv6(buf.array(), src,
                io.jkeepalived.vrrp.codec.VrrpAddresses.MCAST_V6, 254)).packet();
        assertEquals(List.of("(VI_6) invalid TTL/HL. Received 254 and expect 255"), logs(h.receive(T0 + 1_500_000, hop)));
        var up = h.runUntil(T0 + 4_609_375);
        assertTrue(logs(up).contains("(VI_6) Sending/queueing Unsolicited Neighbour Adverts on eth0 for fe80::100"), logs(up).toString());
        assertEquals(List.of(new VrrpAction.SendNa("VI_6", vips, 5, GarpReason.MASTER_BURST)), only(up, VrrpAction.SendNa.class));
    }

    @Test
    void excludedVipsComeAndGoWithTheVipsButAreNotAdvertised() {
        var evips = ips("198.51.100.1", "2001:db8::1");
        var h = started(vi1().excludedVips(evips).build());
        var up = h.runUntil(T0 + 3_609_375);
        assertEquals(List.of(new AddVips("VI_1", VIPS, true), new AddVips("VI_1", evips, true)), only(up, AddVips.class));
        assertTrue(logs(up).contains("(VI_1) setting E-VIPs."));
        assertEquals(List.of(new SendGarp("VI_1", VIPS, 5, GarpReason.MASTER_BURST),
                new SendGarp("VI_1", ips("198.51.100.1"), 5, GarpReason.MASTER_BURST)), only(up, SendGarp.class));
        assertEquals(List.of(new VrrpAction.SendNa("VI_1", ips("2001:db8::1"), 5, GarpReason.MASTER_BURST)),
                only(up, VrrpAction.SendNa.class));
        var down = h.handle(new VrrpEvent.Shutdown(T0 + 4_000_000));
        assertEquals(List.of(new RemoveVips("VI_1", VIPS, true), new RemoveVips("VI_1", evips, true)),
                only(down, RemoveVips.class));
    }

    @Test
    void downTimerAdvertsStretchesMasterDown() {
        var h = started(vi1().downTimerAdverts(5).build());
        assertEquals(T0 + 5_609_375, h.deadline);
        h.receive(T0 + 1_000_000, v2("192.0.2.2", 51, 150, 1, VIPS));
        assertEquals(T0 + 1_000_000 + 5_609_375, h.deadline);
    }

    @Test
    void strictModeAppliesKeepalivedsRules() {
        var applied = StrictMode.apply(vi1().auth(AuthType.PASS, "x".getBytes()).preemptDelayMicros(1).downTimerAdverts(5)
                .initialMaster(true).higherPrioSendAdvert(true).build());
        var p = applied.params();
        assertEquals(AuthType.NONE, p.authType());
        assertEquals(0, p.preemptDelayMicros());
        assertEquals(3, p.downTimerAdverts());
        assertFalse(p.initialMaster());
        assertTrue(p.lowerPrioNoAdvert());
        assertFalse(p.higherPrioSendAdvert());
        assertEquals(0, p.garp().lowerPrioRepeat());
        assertEquals(7, applied.warnings().size(), applied.warnings().toString());
    }

    @Test
    void steadyStateAllocatesAlmostNothing() {
        var h = new VrrpEngine(List.of(vi1().build()), List.of(), false);
        h.handle(new VrrpEvent.Start(T0));
        long t = T0 + 3_609_375;
        h.handle(new VrrpEvent.TimerDue(t));
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {        // warm up
            t += 1_000_000;
            h.handle(new VrrpEvent.TimerDue(t));
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            t += 1_000_000;
            h.handle(new VrrpEvent.TimerDue(t));
        }
        long perAdvert = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.println("VrrpEngine steady-state master: " + perAdvert + " bytes allocated per advert (incl. the TimerDue event)");
        // the TimerDue event (made here) and the ScheduleAt record: about 48 bytes
        assertTrue(perAdvert <= 64, "allocated " + perAdvert + " bytes per advert");
    }
}
