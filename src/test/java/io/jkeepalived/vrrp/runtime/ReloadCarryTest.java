package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.SyncGroupParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.vrrp.port.VrrpTransport;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 7 without a network: what a reload carries (ReloadDiff), and that a sync group carried as
 * MASTER neither sends priority 0, nor drops a VIP, nor runs a notify - in the old run stopping or the new
 * run resuming (ReloadHold through HoldingPorts, around the real engine).
 */
class ReloadCarryTest {
    static final long T0 = 1_000_000_000L;
    static final SyncGroupParams G1 = new SyncGroupParams("G1", List.of("VI_1", "VI_2"));

    static InstanceParams vi(int n, int priority) {
        return InstanceParams.builder("VI_" + n, 50 + n, ip("192.0.2.1")).priority(priority)
                .vips(List.of(ip("192.0.2." + (99 + n)))).build();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static VrrpPlan plan(List<InstanceParams> instances, List<SyncGroupParams> groups) {
        return new VrrpPlan(instances, groups, Map.of(), Map.of(), Map.of(), Set.of("eth0"));
    }

    static ReloadDiff.OldStates states(VrrpState vi1, VrrpState vi2, VrrpState g1) {
        return new ReloadDiff.OldStates(Map.of("VI_1", vi1, "VI_2", vi2), Map.of("G1", g1));
    }

    @Test
    void anUnchangedMasterGroupIsCarriedWithItsMembers() {
        var p = plan(List.of(vi(1, 150), vi(2, 150)), List.of(G1));
        var c = ReloadDiff.carried(p, states(VrrpState.MASTER, VrrpState.MASTER, VrrpState.MASTER), p);
        assertEquals(Map.of("VI_1", VrrpState.MASTER, "VI_2", VrrpState.MASTER), c.instances());
        assertEquals(Map.of("G1", VrrpState.MASTER), c.groups());
    }

    @Test
    void oneMemberThatBecameAnotherRouterMeansTheWholeGroupRestarts() {
        var old = plan(List.of(vi(1, 150), vi(2, 150)), List.of(G1));
        var next = plan(List.of(vi(1, 150), vi(2, 150).toBuilder().vrid(99).build()), List.of(G1));
        var c = ReloadDiff.carried(old, states(VrrpState.MASTER, VrrpState.MASTER, VrrpState.MASTER), next);
        assertEquals(Map.of(), c.instances());
        assertEquals(Map.of(), c.groups());
    }

    @Test
    void unchangedBackupsAreCarriedAndFaultsAreNot() {
        var p = plan(List.of(vi(1, 150), vi(2, 150)), List.of());
        var c = ReloadDiff.carried(p, new ReloadDiff.OldStates(Map.of("VI_1", VrrpState.BACKUP, "VI_2", VrrpState.FAULT),
                Map.of()), p);
        assertEquals(Map.of("VI_1", VrrpState.BACKUP), c.instances());
    }

    /** Carries an engine's actions out through the holding ports, recording what reaches the real ones. */
    static final class Ports {
        final List<String> delivered = new ArrayList<>();
        final Notifier notifier;
        final AddressManager addresses;
        final VrrpTransport transport;

        Ports(ReloadHold hold, boolean releasing, List<InstanceParams> params) {
            var real = new AddressManager() {
                @Override
                public void add(String instance, List<InetAddress> vips, boolean accept) {
                    delivered.add("add " + instance + " " + vips);
                }

                @Override
                public void remove(String instance, List<InetAddress> vips, boolean accept) {
                    delivered.add("remove " + instance + " " + vips);
                }
            };
            addresses = HoldingPorts.addresses(real, hold);
            var byName = new LinkedHashMap<String, InstanceParams>();
            params.forEach(p -> byName.put(p.name(), p));
            notifier = HoldingPorts.notifier(n -> delivered.add("notify " + n.target() + " " + n.name() + " " + n.state()),
                    hold, releasing, real, byName, line -> delivered.add(line));
            transport = HoldingPorts.transport(new VrrpTransport() {
                @Override
                public void send(InstanceParams instance, ByteBuffer packet, int vrrpOffset) {
                    delivered.add("advert " + instance.name() + " " + (packet.get(vrrpOffset + 2) & 0xff));
                }

                @Override
                public Received receive(ByteBuffer into) {
                    return null;
                }

                @Override
                public void close() {
                }
            }, hold);
        }

        void apply(List<VrrpAction> actions, Map<String, InstanceParams> params) throws Exception {
            for (VrrpAction a : actions) {
                switch (a) {
                    case VrrpAction.RunNotify n -> notifier.notify(n);
                    case VrrpAction.Transition t -> notifier.transition(t);
                    case VrrpAction.AddVips v -> addresses.add(v.instance(), v.vips(), v.accept());
                    case VrrpAction.RemoveVips v -> addresses.remove(v.instance(), v.vips(), v.accept());
                    case VrrpAction.SendAdvert s -> transport.send(params.get(s.instance()),
                            ByteBuffer.wrap(new byte[] {0x21, 51, (byte) s.priority()}), 0);
                    default -> { }
                }
            }
        }
    }

    @Test
    void aGroupCarriedAsMasterStopsAndResumesWithoutAnyOutwardSign() throws Exception {
        List<InstanceParams> params = List.of(vi(1, 150), vi(2, 150));
        var byName = Map.of("VI_1", params.get(0), "VI_2", params.get(1));
        var carried = new CarriedOver(Map.of("VI_1", VrrpState.MASTER, "VI_2", VrrpState.MASTER),
                Map.of("G1", VrrpState.MASTER));

        // the old run: MASTER of the group, then stopped by the reload
        var oldEngine = new VrrpEngine(params, List.of(G1), true);
        oldEngine.handle(new VrrpEvent.Start(T0));
        oldEngine.handle(new VrrpEvent.TimerDue(T0 + 4_000_000));
        assertEquals(VrrpState.MASTER, oldEngine.groupState("G1"));
        var stopHold = ReloadHold.none();
        stopHold.hold(carried);
        var stopping = new Ports(stopHold, false, params);
        stopping.apply(oldEngine.handle(new VrrpEvent.Shutdown(T0 + 5_000_000)), byName);
        assertEquals(List.of(), stopping.delivered, "nothing leaves the old run");

        // the new run: resumes both as MASTER
        var startHold = ReloadHold.none();
        startHold.hold(carried);
        var resumed = params.stream().map(p -> p.toBuilder().initialMaster(true).build()).toList();
        var newEngine = new VrrpEngine(resumed, List.of(G1), true);
        newEngine.resumeAsMaster(carried.masters());
        var starting = new Ports(startHold, true, resumed);
        long now = T0 + 6_000_000;
        starting.apply(newEngine.handle(new VrrpEvent.Start(now)), byName);
        for (int i = 1; i <= 3; i++) {
            starting.apply(newEngine.handle(new VrrpEvent.TimerDue(now + i * 1_000_000L)), byName);
        }
        assertEquals(VrrpState.MASTER, newEngine.state("VI_1"));
        assertEquals(VrrpState.MASTER, newEngine.state("VI_2"));
        assertEquals(VrrpState.MASTER, newEngine.groupState("G1"));
        assertTrue(starting.delivered.stream().noneMatch(d -> d.startsWith("notify") || d.startsWith("remove")
                || d.endsWith(" 0")), starting.delivered.toString());
        assertEquals(Set.of(), startHold.instances(), "released once MASTER again");
        assertTrue(!startHold.groupHeld("G1"), "group released");
    }

    @Test
    void aBackupCarriedOverRunsNoNotifyAtStartButItsNextChangeIsNotified() throws Exception {
        List<InstanceParams> params = List.of(vi(1, 100));
        var byName = Map.of("VI_1", params.get(0));
        var hold = ReloadHold.none();
        hold.hold(new CarriedOver(Map.of("VI_1", VrrpState.BACKUP), Map.of()));
        var engine = new VrrpEngine(params, List.of(), true);
        var ports = new Ports(hold, true, params);
        ports.apply(engine.handle(new VrrpEvent.Start(T0)), byName);
        assertEquals(VrrpState.BACKUP, engine.state("VI_1"));
        assertTrue(ports.delivered.stream().noneMatch(d -> d.startsWith("notify")), ports.delivered.toString());
        assertEquals(Set.of(), hold.instances(), "released: it is BACKUP again");
        ports.apply(engine.handle(new VrrpEvent.TimerDue(T0 + 4_000_000)), byName);     // no master heard
        assertEquals(VrrpState.MASTER, engine.state("VI_1"));
        assertTrue(ports.delivered.contains("notify INSTANCE VI_1 MASTER"), ports.delivered.toString());
    }

    // ------------------------------------------------------------------ changes applied in place

    static InstanceParams changed(int priority, String... vips) {
        return InstanceParams.builder("VI_1", 51, ip("192.0.2.1")).priority(priority).advertIntervalMicros(1_000_000)
                .vips(java.util.Arrays.stream(vips).map(ReloadCarryTest::ip).toList()).build();
    }

    @Test
    void priorityAdvertIntPreemptAndVipChangesAreInPlaceAndTheCommonVipsAreKept() {
        var old = plan(List.of(changed(150, "192.0.2.100", "192.0.2.101")), List.of());
        var next = plan(List.of(changed(120, "192.0.2.100", "192.0.2.102").toBuilder().advertIntervalMicros(500_000)
                .preempt(false).build()), List.of());
        var c = ReloadDiff.carried(old, new ReloadDiff.OldStates(Map.of("VI_1", VrrpState.MASTER), Map.of()), next);
        assertEquals(Map.of("VI_1", VrrpState.MASTER), c.instances());
        assertEquals(Set.of(ip("192.0.2.100")), c.kept("VI_1").orElseThrow());
    }

    @Test
    void anotherInterfaceVridFamilyOrUnicastSourceIsAnotherRouterAndRestarts() {
        var base = changed(150, "192.0.2.100");
        var states = new ReloadDiff.OldStates(Map.of("VI_1", VrrpState.MASTER), Map.of());
        var old = plan(List.of(base), List.of());
        for (InstanceParams other : List.of(base.toBuilder().interfaceName("eth1").build(), base.toBuilder().vrid(52).build(),
                base.toBuilder().unicast(true).build())) {
            assertEquals(Map.of(), ReloadDiff.carried(old, states, plan(List.of(other), List.of())).instances(), other.toString());
        }
        var unicastOld = plan(List.of(base.toBuilder().unicast(true).build()), List.of());
        var otherSource = InstanceParams.builder("VI_1", 51, ip("192.0.2.2")).priority(150).unicast(true)
                .vips(List.of(ip("192.0.2.100"))).build();
        assertEquals(Map.of(), ReloadDiff.carried(unicastOld, states, plan(List.of(otherSource), List.of())).instances());
        assertEquals(Map.of(), ReloadDiff.carried(old, states, old, Set.of("VI_1")).instances(), "must restart (routes)");
    }

    /**
     * A MASTER changed in place (priority 150 -> 120, VIPs [.100, .101] -> [.100, .102]): the old run stopping
     * removes only .101 and sends no priority 0; the new run resumes MASTER, adds .100 (already there) and .102,
     * removes nothing and notifies nothing; its adverts carry the new priority.
     */
    @Test
    void aMasterChangedInPlaceLosesOnlyItsRemovedVipAndGainsTheNewOneWithoutANotify() throws Exception {
        var before = List.of(changed(150, "192.0.2.100", "192.0.2.101"));
        var after = List.of(changed(120, "192.0.2.100", "192.0.2.102"));
        var carried = ReloadDiff.carried(plan(before, List.of()),
                new ReloadDiff.OldStates(Map.of("VI_1", VrrpState.MASTER), Map.of()), plan(after, List.of()));

        var oldEngine = new VrrpEngine(before, List.of(), true);
        oldEngine.handle(new VrrpEvent.Start(T0));
        oldEngine.handle(new VrrpEvent.TimerDue(T0 + 4_000_000));
        assertEquals(VrrpState.MASTER, oldEngine.state("VI_1"));
        var stopHold = ReloadHold.none();
        stopHold.hold(carried);
        var stopping = new Ports(stopHold, false, before);
        stopping.apply(oldEngine.handle(new VrrpEvent.Shutdown(T0 + 5_000_000)), Map.of("VI_1", before.getFirst()));
        assertEquals(List.of("remove VI_1 [/192.0.2.101]"), stopping.delivered);

        var startHold = ReloadHold.none();
        startHold.hold(carried);
        var resumed = after.stream().map(p -> p.toBuilder().initialMaster(true).build()).toList();
        var newEngine = new VrrpEngine(resumed, List.of(), true);
        newEngine.resumeAsMaster(carried.masters());
        var starting = new Ports(startHold, true, resumed);
        long now = T0 + 6_000_000;
        starting.apply(newEngine.handle(new VrrpEvent.Start(now)), Map.of("VI_1", resumed.getFirst()));
        for (int i = 1; i <= 3; i++) {
            starting.apply(newEngine.handle(new VrrpEvent.TimerDue(now + i * 1_000_000L)), Map.of("VI_1", resumed.getFirst()));
        }
        assertEquals(VrrpState.MASTER, newEngine.state("VI_1"));
        assertTrue(starting.delivered.contains("add VI_1 [/192.0.2.100, /192.0.2.102]"), starting.delivered.toString());
        assertTrue(starting.delivered.stream().noneMatch(d -> d.startsWith("notify") || d.startsWith("remove")
                || d.endsWith(" 0")), starting.delivered.toString());
        assertTrue(starting.delivered.contains("advert VI_1 120"), starting.delivered.toString());
        assertEquals(Set.of(), startHold.instances(), "released once MASTER again");
    }
}
