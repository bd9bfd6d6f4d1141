package io.jkeepalived.vrrp.engine;

import io.jkeepalived.common.AddressText;

import static io.jkeepalived.vrrp.engine.InstanceRuntime.NEVER;

import io.jkeepalived.vrrp.codec.AhReplayGuard;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.codec.RejectReason;
import io.jkeepalived.vrrp.codec.VrrpAddresses;
import io.jkeepalived.vrrp.codec.VrrpPacket;
import io.jkeepalived.vrrp.engine.VrrpAction.GarpReason;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's VRRP state machines (vrrp.c, vrrp_scheduler.c, vrrp_sync.c, vrrp_track.c) as a pure
 * function of events: no clock, no sockets. {@link #handle} takes one event and returns the actions
 * to carry out, in order, ending with a {@link VrrpAction.ScheduleAt} for the next TimerDue.
 *
 * <p>The returned list is a view of a buffer reused by the next call. On the steady-state path (a
 * master sending adverts, a backup accepting them) the engine creates no objects apart from the
 * ScheduleAt record.
 *
 * <p>One deliberate difference: keepalived re-arms a master's advert timer after every packet
 * received for its VRID, even a bogus one, so a flood of bad packets silences the master; here
 * only a packet that made the master send an advert re-arms it.
 */
public final class VrrpEngine {
    /** The Transition reason of set_vrrp_backup (which, unlike a higher priority advert, sends priority 0). */
    static final String VIRTUAL_DELETED = "virtual address, route or rule deleted";
    private final List<InstanceRuntime> instances = new ArrayList<>();
    private final Map<String, InstanceRuntime> byName = new LinkedHashMap<>();
    private final Map<String, InstanceRuntime[]> byInterface = new HashMap<>();
    private final List<SyncGroupRuntime> groups = new ArrayList<>();
    private final boolean logDetail;
    private final boolean logUnknownVrids;
    private final List<VrrpAction> out = new ArrayList<>();
    private final List<VrrpAction> view = Collections.unmodifiableList(out);
    private boolean started;
    private final java.util.Set<String> resumeAsMaster = new java.util.HashSet<>();
    private boolean stopped;
    private long lastScheduled = Long.MIN_VALUE;
    private VrrpAction.ScheduleAt lastSchedule;
    private long now;                       // the event's time, for keepalived's last_advert_sent
    private final long timerExpiredMinimum; // the shortest time a timer_expired_backup instance may be replaced in

    /**
     * @param logDetail keepalived's -D: also log "setting VIPs.", "Receive advertisement timeout" ...
     */
    public VrrpEngine(List<InstanceParams> instances, List<SyncGroupParams> syncGroups, boolean logDetail) {
        this(instances, syncGroups, logDetail, false);
    }

    /**
     * @param logUnknownVrids keepalived's log_unknown_vrids: log an advert for a VRID no instance on that
     *                        interface (and address family) has
     */
    public VrrpEngine(List<InstanceParams> instances, List<SyncGroupParams> syncGroups, boolean logDetail,
                      boolean logUnknownVrids) {
        this.logDetail = logDetail;
        this.logUnknownVrids = logUnknownVrids;
        for (InstanceParams p : instances) {
            var inst = new InstanceRuntime(p);
            if (byName.putIfAbsent(p.name(), inst) != null) {
                throw new IllegalArgumentException("duplicate vrrp_instance " + p.name());
            }
            InstanceRuntime[] table = byInterface.computeIfAbsent(p.interfaceName(), k -> new InstanceRuntime[512]);
            int slot = slot(p.family(), p.vrid());
            if (table[slot] != null) {
                throw new IllegalArgumentException(p.name() + ": VRID " + p.vrid() + " is already used by "
                        + table[slot].p.name() + " on " + p.interfaceName());
            }
            table[slot] = inst;
            this.instances.add(inst);
        }
        for (SyncGroupParams g : syncGroups) {
            var group = new SyncGroupRuntime(g);
            for (String member : g.members()) {
                InstanceRuntime inst = byName.get(member);
                if (inst == null) {
                    throw new IllegalArgumentException("sync group " + g.name() + ": no vrrp_instance " + member);
                }
                if (inst.group != null) {
                    throw new IllegalArgumentException(member + " is in sync groups " + inst.group.params.name()
                            + " and " + g.name());
                }
                inst.group = group;
                group.members.add(inst);
            }
            groups.add(group);
        }
        this.timerExpiredMinimum = this.instances.stream().filter(i -> i.p.highestOtherPriority() > 0)
                .mapToLong(i -> VrrpTimers.takeoverMicros(i.p.version(), i.p.highestOtherPriority(),
                        i.p.advertIntervalMicros(), 2))
                .min().orElse(Long.MAX_VALUE);
    }

    private static int slot(IpFamily family, int vrid) {
        return (family == IpFamily.IPV4 ? 0 : 256) + vrid;
    }

    /**
     * Instances a configuration reload carries over as MASTER (they must also want MASTER): at Start they
     * take the address owner's path - no BACKUP (init) transition, no VIP removal, MASTER on the first
     * timer - so a reload neither flaps their VIPs nor lets a backup take over. Call before Start.
     */
    public void resumeAsMaster(java.util.Collection<String> instanceNames) {
        resumeAsMaster.addAll(instanceNames);
    }

    // ------------------------------------------------------------------ queries

    public VrrpState state(String instance) {
        return instance(instance).state;
    }

    public int effectivePriority(String instance) {
        return instance(instance).effectivePriority;
    }

    /** The Master_Adver_Interval in use (v3 backups adopt the master's). */
    public long masterAdverIntervalMicros(String instance) {
        return instance(instance).masterAdverInt;
    }

    /** The state the instance works towards (keepalived's wantstate). */
    public VrrpState wantState(String instance) {
        return instance(instance).wantState;
    }

    /** The priority of the last advert taken from the master while not master (0 before any: keepalived's master_priority). */
    public int masterPriority(String instance) {
        return instance(instance).masterPriority;
    }

    /** When the instance last changed state, on the clock of the events (0 before its first transition). */
    public long lastTransitionMicros(String instance) {
        return instance(instance).lastTransition;
    }

    /** Whether the instance's VIPs are set (keepalived's vipset). */
    public boolean vipSet(String instance) {
        return instance(instance).vipSet;
    }

    public InstanceStats stats(String instance) {
        return instance(instance).stats;
    }

    /** keepalived's STATS_CLEAR: the instance's counters start again from zero. */
    public void clearStats(String instance) {
        instance(instance).stats.clear();
    }

    /** The instance's AH sequence state, shared with its AdvertWriter as keepalived shares it. */
    public AhReplayGuard ahCounter(String instance) {
        return instance(instance).ah;
    }

    /** Whether the instance sends the old (keepalived ≤ 1.3.5) VRRPv3 unicast checksum: configured or switched to. */
    public boolean oldUnicastChecksum(String instance) {
        return instance(instance).validator.oldUnicastChecksum();
    }

    /**
     * How late the loop must be for a {@link VrrpEvent.TimerLate} to matter (keepalived's thread_timeout_min): the
     * shortest time a timer_expired_backup MASTER may have been replaced in; Long.MAX_VALUE without one.
     */
    public long timerLateThreshold() {
        return timerExpiredMinimum;
    }

    public VrrpState groupState(String group) {
        return groups.stream().filter(g -> g.params.name().equals(group)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sync group " + group)).state;
    }

    public List<InstanceParams> instances() {
        return instances.stream().map(i -> i.p).toList();
    }

    private InstanceRuntime instance(String name) {
        InstanceRuntime inst = byName.get(name);
        if (inst == null) {
            throw new IllegalArgumentException("no vrrp_instance " + name);
        }
        return inst;
    }

    // ------------------------------------------------------------------ events

    /** Processes one event; the returned actions are valid until the next call. */
    public List<VrrpAction> handle(VrrpEvent event) {
        out.clear();
        if (stopped) {
            return view;
        }
        now = event.now();
        switch (event) {
            case VrrpEvent.Start s -> start(s.now());
            case VrrpEvent.TimerLate l -> timerLate(l.lateMicros(), l.now());
            case VrrpEvent.TimerDue t -> timerDue(t.now());
            case VrrpEvent.AdvertReceived a -> advertReceived(a.interfaceName(), a.packet(), a.now());
            case VrrpEvent.LinkChanged l -> linkChanged(l.interfaceName(), l.up(), l.now());
            case VrrpEvent.TrackerChanged t -> trackerChanged(t, t.now());
            case VrrpEvent.VirtualDeleted d -> virtualDeleted(instance(d.instance()), d.report(), d.now());
            case VrrpEvent.Shutdown s -> shutdown(s.now());
        }
        schedule();
        return view;
    }

    private void start(long now) {
        if (started) {
            return;
        }
        started = true;
        // vrrp_restore_interfaces_startup: clear any VIPs a previous run left behind, all instances first
        for (InstanceRuntime inst : instances) {
            if (!resumeAsMaster.contains(inst.p.name())) {     // a reload's carried-over master keeps its VIPs
                restoreInterface(inst, false, true);
            }
        }
        for (InstanceRuntime inst : instances) {
            if (inst.faultCount > 0) {
                inst.wantState = VrrpState.FAULT;
            }
            VrrpState newState = inst.group != null && inst.group.state != VrrpState.INIT ? inst.group.state : inst.wantState;
            boolean up = inst.faultCount == 0;
            boolean quick = inst.p.owner() || resumeAsMaster.contains(inst.p.name());
            if (up && newState == VrrpState.MASTER && quick && inst.wantState == VrrpState.MASTER) {
                // keepalived: "the simplest way to become master is to time out from backup very quickly"
                inst.state = VrrpState.BACKUP;
                inst.msDownTimer = 1;
            } else {
                if (newState == VrrpState.BACKUP && inst.wantState == VrrpState.MASTER) {
                    inst.msDownTimer = inst.masterAdverInt + VrrpTimers.minSkewMicros(inst.p.version(), inst.masterAdverInt);
                } else {
                    inst.msDownTimer = inst.masterDown();
                }
                transition(inst, up ? VrrpState.BACKUP : VrrpState.FAULT, now, "init");
            }
            initSands(inst, now);
        }
        for (SyncGroupRuntime g : groups) {
            boolean fault = g.members.stream().anyMatch(m -> m.state == VrrpState.FAULT);
            g.numMemberFault = (int) g.members.stream().filter(m -> m.faultCount > 0).count();
            g.state = fault ? VrrpState.FAULT : VrrpState.BACKUP;
            out.add(new VrrpAction.RunNotify(NotifyTarget.GROUP, g.params.name(),
                    fault ? NotifyState.FAULT : NotifyState.BACKUP, 0));
        }
    }

    private void timerDue(long now) {
        if (!started) {
            return;
        }
        for (int i = 0; i < instances.size(); i++) {
            InstanceRuntime inst = instances.get(i);
            if (inst.garpDelayedAt <= now) {
                inst.garpDelayedAt = NEVER;
                sendLinkUpdate(inst, inst.p.garp().masterRepeat(), GarpReason.MASTER_DELAYED);
            }
            if (inst.lowerPrioGarpAt <= now) {
                inst.lowerPrioGarpAt = NEVER;
                sendLinkUpdate(inst, inst.p.garp().lowerPrioRepeat(), GarpReason.LOWER_PRIO_DELAYED);
            }
            if (inst.sands > now) {
                continue;
            }
            VrrpState prev = inst.state;
            if (inst.state == VrrpState.BACKUP) {
                detail(inst, "Receive advertisement timeout");
                inst.wantState = VrrpState.MASTER;
                gotoMaster(inst, now);
            } else if (inst.state == VrrpState.MASTER) {
                masterTx(inst, now);
            }
            syncOnTransition(prev, inst, now);
            initSands(inst, now);
        }
    }

    /**
     * keepalived's vrrp_thread_timeout_handler (timer_expired_backup, nopreempt instances only): once the loop is late
     * by at least the shortest such takeover time (2 adverts plus the other router's skew), each MASTER whose last
     * advert is 3 adverts plus that skew old goes BACKUP without advertising - another router has probably taken
     * over, and with nopreempt it should stay so. VIPs are removed without priority 0, as keepalived leaves master.
     */
    private void timerLate(long lateMicros, long now) {
        if (!started || lateMicros < timerExpiredMinimum) {
            return;
        }
        boolean logged = false;
        for (InstanceRuntime inst : instances) {
            int other = inst.p.highestOtherPriority();
            if (inst.state != VrrpState.MASTER || other == 0
                    || inst.lastAdvertSent + VrrpTimers.takeoverMicros(inst.p.version(), other, inst.p.advertIntervalMicros(), 3) > now) {
                continue;
            }
            if (!logged) {
                out.add(new VrrpAction.Log(String.format("VRRP thread timer expired %d.%06d seconds ago",
                        lateMicros / 1_000_000, lateMicros % 1_000_000)));
                logged = true;
            }
            inst.wantState = VrrpState.BACKUP;
            transition(inst, VrrpState.BACKUP, now, "timer expired");
        }
    }

    private void advertReceived(String ifname, VrrpPacket packet, long now) {
        InstanceRuntime[] table = byInterface.get(ifname);
        if (table == null || !started) {
            return;
        }
        InstanceRuntime inst = table[slot(packet.family(), packet.advert().vrid())];
        if (inst == null) {
            unknownVrid(ifname, table, packet);
            return;
        }
        if (inst.state == VrrpState.FAULT || inst.state == VrrpState.INIT) {
            return;         // not listening: keepalived ignores it
        }
        VrrpState prev = inst.state;
        if (inst.state == VrrpState.BACKUP) {
            if (backupRx(inst, packet, now)) {
                initSands(inst, now);
            }
        } else {
            int before = out.size();
            if (masterRx(inst, packet, now)) {
                transition(inst, VrrpState.BACKUP, now, "higher priority advert");
                initSands(inst, now);
            } else if (sentAdvertSince(before)) {
                initSands(inst, now);
            }
        }
        syncOnTransition(prev, inst, now);
    }

    /** keepalived ignores it, naming it with log_unknown_vrids if it has a socket of that family there. */
    private void unknownVrid(String ifname, InstanceRuntime[] table, VrrpPacket packet) {
        if (!logUnknownVrids) {
            return;
        }
        int first = slot(packet.family(), 0);
        for (int i = first; i < first + 256; i++) {
            if (table[i] != null) {
                out.add(new VrrpAction.Log("Unknown VRID(" + packet.advert().vrid() + ") received on interface("
                        + ifname + "). ignoring..."));
                return;
            }
        }
    }

    private boolean sentAdvertSince(int index) {
        for (int i = index; i < out.size(); i++) {
            if (out.get(i) instanceof VrrpAction.SendAdvert) {
                return true;
            }
        }
        return false;
    }

    private void linkChanged(String ifname, boolean up, long now) {
        for (InstanceRuntime inst : instances) {
            if (!inst.p.interfaceName().equals(ifname) || inst.p.dontTrackPrimary() || inst.linkUp == up) {
                continue;
            }
            inst.linkUp = up;
            if (up) {
                upInstance(inst, now);
            } else {
                downInstance(inst, now);
            }
        }
    }

    private void trackerChanged(VrrpEvent.TrackerChanged t, long now) {
        InstanceRuntime inst = instance(t.instance());
        InstanceRuntime.Tracker old = inst.trackers.put(t.tracker(), new InstanceRuntime.Tracker(t.priorityDelta(), t.fault()));
        boolean wasFault = old != null && old.fault();
        setEffectivePriority(inst, now);
        if (t.fault() && !wasFault) {
            downInstance(inst, now);
        } else if (!t.fault() && wasFault) {
            upInstance(inst, now);
        }
    }

    /**
     * set_vrrp_backup: priority 0, drop what is left, BACKUP with only the skew time to wait so that, when no
     * other master speaks up, the instance takes MASTER back (and puts the VIPs back) quickly. The sync group's
     * other masters do the same; keepalived marks the group BACKUP without a group notify.
     */
    private void virtualDeleted(InstanceRuntime inst, String report, long now) {
        if (!started || inst.state != VrrpState.MASTER) {
            return;         // not ours to react to: BACKUP/FAULT have no VIPs, and our own removals left MASTER first
        }
        if (logDetail && !report.isEmpty()) {
            out.add(new VrrpAction.Log(report));
        }
        leaveMasterQuickly(inst, now);
        if (inst.group != null) {
            for (InstanceRuntime other : inst.group.members) {
                if (other != inst && other.state == VrrpState.MASTER) {
                    leaveMasterQuickly(other, now);
                }
            }
            inst.group.state = VrrpState.BACKUP;
        }
    }

    private void leaveMasterQuickly(InstanceRuntime inst, long now) {
        inst.wantState = VrrpState.BACKUP;
        transition(inst, VrrpState.BACKUP, now, VIRTUAL_DELETED);
        inst.msDownTimer = inst.skew();
        initSands(inst, now);
    }

    private void shutdown(long now) {
        for (InstanceRuntime inst : instances) {
            if (inst.state == VrrpState.MASTER) {
                restoreInterface(inst, true, false);
            }
        }
        for (InstanceRuntime inst : instances) {
            out.add(new VrrpAction.RunNotify(NotifyTarget.INSTANCE, inst.p.name(), NotifyState.STOP, inst.effectivePriority));
            inst.sands = NEVER;
            inst.garpDelayedAt = NEVER;
            inst.lowerPrioGarpAt = NEVER;
        }
        for (SyncGroupRuntime g : groups) {
            out.add(new VrrpAction.RunNotify(NotifyTarget.GROUP, g.params.name(), NotifyState.STOP, 0));
        }
        stopped = true;
    }

    // ------------------------------------------------------------------ receive paths

    /** vrrp_state_backup; returns whether the down timer is re-armed from now. */
    private boolean backupRx(InstanceRuntime inst, VrrpPacket pkt, long now) {
        boolean checkAddresses = !inst.p.skipCheckAdvAddr() || inst.masterAddress == null
                || !inst.masterAddress.equals(pkt.source());
        if (rejected(inst, pkt, checkAddresses, now)) {
            return false;
        }
        int prio = pkt.advert().priority();
        if (prio == 0) {
            detail(inst, "Backup received priority 0 advertisement");
            inst.msDownTimer = inst.skew();
            return true;
        }
        boolean inPreemptDelay = inst.p.preemptDelayMicros() > 0 && (!inst.preemptArmed || inst.preemptTime > now);
        if (!inst.p.preempt() || prio >= inst.effectivePriority || inPreemptDelay) {
            adoptMasterInterval(inst, pkt);
            inst.msDownTimer = inst.masterDown();
            inst.masterAddress = pkt.source();
            inst.masterPriority = prio;
            if (inst.p.preemptDelayMicros() > 0) {
                if (prio >= inst.effectivePriority) {
                    if (inst.preemptArmed) {
                        detail(inst, "stop preempt delay");
                        inst.preemptArmed = false;
                    }
                } else if (!inst.preemptArmed) {
                    long d = inst.p.preemptDelayMicros();
                    detail(inst, "start preempt delay (" + d / 1_000_000 + "." + String.format("%06d", d % 1_000_000) + ")");
                    inst.preemptArmed = true;
                    inst.preemptTime = now + d;
                }
            }
            inst.wantState = VrrpState.BACKUP;
            return true;
        }
        log(inst, "received lower priority (" + prio + ") advert from " + AddressText.of(pkt.source()) + " - discarding");
        inst.masterAddress = pkt.source();
        return false;
    }

    /** vrrp_state_master_rx; returns true when the instance must leave MASTER for BACKUP. */
    private boolean masterRx(InstanceRuntime inst, VrrpPacket pkt, long now) {
        if (rejected(inst, pkt, true, now)) {
            return false;
        }
        int prio = pkt.advert().priority();
        int addrCmp = VrrpAddresses.compare(pkt.source(), inst.p.sourceAddress());
        int ours = inst.effectivePriority;
        if (prio == 0 || (inst.p.higherPrioSendAdvert() && (prio > ours || (prio == ours && addrCmp > 0)))) {
            sendAdvert(inst, inst.advert());
            if (prio == 0) {
                detail(inst, "Master received priority 0 message");
                return false;
            }
        }
        if (prio == ours) {
            if (addrCmp == 0) {
                log(inst, "WARNING - equal priority advert received from remote host with our IP address.");
            } else if (ours == InstanceParams.PRIO_OWNER) {
                log(inst, "CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner, please fix - reducing local priority");
                inst.effectivePriority = InstanceParams.PRIO_OWNER - 1;
                inst.basePriority = InstanceParams.PRIO_OWNER - 1;
                ours = inst.effectivePriority;
            }
        }
        if (prio < ours || (prio == ours && addrCmp < 0)) {
            log(inst, "Received advert from " + AddressText.of(pkt.source()) + " with lower priority " + prio + ", ours "
                    + ours + (inst.p.lowerPrioNoAdvert() ? "" : ", forcing new election"));
            if (pkt.ah() != null) {
                log(inst, "IPSEC-AH : Syncing seq_num - Increment seq");
                inst.ah.sequence(pkt.ah().sequence() + 1);
                inst.ah.cycled(false);
            }
            if (!inst.p.lowerPrioNoAdvert()) {
                sendAdvert(inst, inst.advert());
            }
            lowerPrioGarp(inst, now);
            if (inst.group != null) {
                for (InstanceRuntime other : inst.group.members) {
                    if (other != inst) {
                        lowerPrioGarp(other, now);
                    }
                }
            }
            out.add(new VrrpAction.RunNotify(NotifyTarget.INSTANCE, inst.p.name(), NotifyState.MASTER_RX_LOWER_PRI, ours));
            if (prio > 0) {
                inst.stats.splitBrain++;
                out.add(new VrrpAction.SplitBrain(inst.p.name(), pkt.source(), prio, ours, now));
            }
            return false;
        }
        if (prio > ours || addrCmp > 0) {
            if (prio > ours) {
                log(inst, "Master received advert from " + AddressText.of(pkt.source()) + " with higher priority " + prio
                        + ", ours " + ours);
            } else {
                log(inst, "Master received advert from " + AddressText.of(pkt.source()) + " with same priority " + prio
                        + " but higher IP address than ours");
            }
            inst.ah.cycled(false);
            adoptMasterInterval(inst, pkt);
            inst.msDownTimer = inst.masterDown();
            inst.masterPriority = prio;
            inst.masterAddress = pkt.source();
            inst.wantState = VrrpState.BACKUP;
            return true;
        }
        return false;
    }

    private void lowerPrioGarp(InstanceRuntime inst, long now) {
        if (inst.p.garp().lowerPrioRepeat() > 0) {
            sendLinkUpdate(inst, inst.p.garp().lowerPrioRepeat(), GarpReason.LOWER_PRIO);
            if (inst.p.garp().lowerPrioDelayMicros() > 0) {
                inst.lowerPrioGarpAt = now + inst.p.garp().lowerPrioDelayMicros();
            }
        }
    }

    private boolean rejected(InstanceRuntime inst, VrrpPacket pkt, boolean checkAddresses, long now) {
        if (inst.p.ownerIgnoreAdverts() && inst.effectivePriority == InstanceParams.PRIO_OWNER) {
            // owner_ignore_adverts (RFC 9568): the owner is master whatever others send; one line per source and minute
            long suppressed = inst.sourceLogLimit.admit(pkt.source(), now);
            if (suppressed >= 0) {
                log(inst, "Dropping packet(s) from " + AddressText.of(pkt.source()) + " since we are address owner"
                        + (suppressed > 0 ? " (" + suppressed + " more from it not logged)" : ""));
            }
            return true;
        }
        Decoded.Rejected r = inst.validator.check(pkt, checkAddresses, inst.ah);
        if (r == null && inst.validator.takeSwitchToOldChecksum()) {
            log(inst, "Setting unicast VRRPv3 checksum to old version");
        }
        if (r == null) {
            inst.stats.advertRcvd++;
            if (pkt.advert().priority() == 0) {
                inst.stats.priZeroRcvd++;
            }
            return false;
        }
        inst.stats.count(r.reason());
        boolean fromStranger = r.reason() == RejectReason.UNICAST_SOURCE
                || (r.reason() == RejectReason.IP_TTL && inst.p.unicast());
        if (!fromStranger) {
            log(inst, r.detail());
        } else {
            // a host that is no peer (or too far away) may send thousands: one line per source and minute
            long suppressed = inst.sourceLogLimit.admit(pkt.source(), now);
            if (suppressed >= 0) {
                log(inst, r.detail() + (suppressed > 0 ? " (" + suppressed + " more from it not logged)" : ""));
            }
        }
        return true;
    }

    private void adoptMasterInterval(InstanceRuntime inst, VrrpPacket pkt) {
        if (inst.p.version() != 3) {
            return;
        }
        long theirs = pkt.advert().intervalMicros();
        if (theirs != inst.masterAdverInt) {
            detail(inst, "advertisement interval updated from " + inst.masterAdverInt / 1000 + "ms to " + theirs / 1000
                    + "ms by master");
            inst.masterAdverInt = theirs;
        }
    }

    // ------------------------------------------------------------------ master side

    /** vrrp_state_goto_master: become master unless the sync group holds us back. */
    private void gotoMaster(InstanceRuntime inst, long now) {
        if (inst.group != null && !canGotoMaster(inst, now)) {
            inst.wantState = VrrpState.MASTER;
            return;
        }
        if (inst.ah.cycled()) {
            inst.ah.cycled(false);
            inst.ah.sequence(0);
        }
        masterTx(inst, now);
        initSands(inst, now);
    }

    /** vrrp_state_master_tx: the advert first (so the old master drops the VIPs before our GARPs). */
    private void masterTx(InstanceRuntime inst, long now) {
        sendAdvert(inst, inst.advert());
        if (!inst.vipSet) {
            transition(inst, VrrpState.MASTER, now, "advertisement timeout");
        } else {
            if (inst.p.garp().masterRefreshMicros() > 0 && now > inst.garpRefreshAt) {
                sendLinkUpdate(inst, inst.p.garp().masterRefreshRepeat(), GarpReason.REFRESH);
                inst.garpRefreshAt = now + inst.p.garp().masterRefreshMicros();
            }
            if (inst.p.extraIfGarpMicros() > 0 && now > inst.extraIfGarpAt) {
                linkUpdate(inst, inst.p.extraIfGarpAddresses(), 1, GarpReason.EXTRA_IF);
                inst.extraIfGarpAt = now + inst.p.extraIfGarpMicros();
            }
        }
    }

    private void sendAdvert(InstanceRuntime inst, VrrpAction.SendAdvert advert) {
        out.add(advert);
        inst.lastAdvertSent = now;
        inst.stats.advertSent++;
    }

    /** vrrp_restore_interface: optionally priority 0, then drop VIPs and pending GARPs. */
    private void restoreInterface(InstanceRuntime inst, boolean sendStop, boolean force) {
        if (sendStop) {
            sendAdvert(inst, new VrrpAction.SendAdvert(inst.p.name(), 0));
            inst.stats.priZeroSent++;
            detail(inst, "sent 0 priority");
        }
        inst.garpDelayedAt = NEVER;
        inst.lowerPrioGarpAt = NEVER;
        inst.garpRefreshAt = NEVER;
        inst.extraIfGarpAt = NEVER;
        if (force || inst.vipSet) {
            if (!inst.p.vips().isEmpty()) {
                detail(inst, "removing VIPs.");
                out.add(new VrrpAction.RemoveVips(inst.p.name(), inst.p.vips(), inst.p.accept()));
            }
            if (!inst.p.excludedVips().isEmpty()) {
                detail(inst, "removing E-VIPs.");
                out.add(new VrrpAction.RemoveVips(inst.p.name(), inst.p.excludedVips(), inst.p.accept()));
            }
            inst.vipSet = false;
        }
    }

    /** vrrp_send_link_update: GARPs for IPv4 and NAs for IPv6 addresses, VIPs then E-VIPs. */
    private void sendLinkUpdate(InstanceRuntime inst, int repeat, GarpReason reason) {
        if (!inst.vipSet || repeat <= 0) {
            return;
        }
        linkUpdate(inst, inst.p.vips(), repeat, reason);
        linkUpdate(inst, inst.p.excludedVips(), repeat, reason);
    }

    private void linkUpdate(InstanceRuntime inst, List<java.net.InetAddress> addresses, int repeat, GarpReason reason) {
        if (addresses.isEmpty()) {
            return;
        }
        boolean v4 = IpFamily.of(addresses.getFirst()) == IpFamily.IPV4;
        if (logDetail) {
            for (var a : addresses) {
                out.add(new VrrpAction.Log(inst.tag + "Sending/queueing " + (IpFamily.of(a) == IpFamily.IPV4
                        ? "gratuitous ARPs" : "Unsolicited Neighbour Adverts") + " on " + inst.p.interfaceName()
                        + " for " + AddressText.of(a)));
            }
        }
        List<java.net.InetAddress> v4s = addresses;
        List<java.net.InetAddress> v6s = List.of();
        if (!addresses.stream().allMatch(a -> IpFamily.of(a) == IpFamily.of(addresses.getFirst()))) {
            v4s = addresses.stream().filter(a -> IpFamily.of(a) == IpFamily.IPV4).toList();
            v6s = addresses.stream().filter(a -> IpFamily.of(a) == IpFamily.IPV6).toList();
        } else if (!v4) {
            v6s = addresses;
            v4s = List.of();
        }
        if (!v4s.isEmpty()) {
            out.add(new VrrpAction.SendGarp(inst.p.name(), v4s, repeat, reason));
        }
        if (!v6s.isEmpty()) {
            out.add(new VrrpAction.SendNa(inst.p.name(), v6s, repeat, reason));
        }
    }

    // ------------------------------------------------------------------ transitions

    /**
     * The one place an instance changes state: logs keepalived's "Entering X STATE", counts, runs the
     * entry actions (VIPs, GARPs, priority 0, notify) and records a Transition.
     */
    private void transition(InstanceRuntime inst, VrrpState to, long now, String reason) {
        VrrpState from = inst.state;
        boolean init = reason.equals("init");
        if (from == to && !(init && from == VrrpState.INIT)) {
            return;
        }
        switch (to) {
            case MASTER -> {
                log(inst, "Entering MASTER STATE");
                inst.state = VrrpState.MASTER;
                becomeMaster(inst, now);
            }
            case BACKUP -> {
                log(inst, "Entering BACKUP STATE" + (init ? " (init)" : ""));
                inst.state = VrrpState.BACKUP;
                inst.preemptArmed = false;
                if (from == VrrpState.MASTER) {
                    restoreInterface(inst, reason.equals(VIRTUAL_DELETED), false);
                    inst.stats.releaseMaster++;
                } else if (from == VrrpState.FAULT) {
                    inst.masterAdverInt = inst.p.advertIntervalMicros();
                }
                inst.msDownTimer = inst.masterDown();
                notifyInstance(inst, NotifyState.BACKUP);
            }
            case FAULT -> {
                log(inst, "Entering FAULT STATE" + (init ? " (init)" : ""));
                inst.state = VrrpState.FAULT;
                if (from == VrrpState.MASTER) {
                    // keepalived sends priority 0 here and, when the instance itself went down, again
                    // from vrrp_restore_interface
                    sendAdvert(inst, new VrrpAction.SendAdvert(inst.p.name(), 0));
                    restoreInterface(inst, inst.faultCount > 0, false);
                    inst.stats.releaseMaster++;
                }
                inst.masterAdverInt = inst.p.advertIntervalMicros();
                inst.msDownTimer = inst.masterDown();
                // keepalived notifies a FAULT (init) only for a fault cause: a failed tracker or a config fault
                if (!init || inst.p.configFault() || inst.trackers.values().stream().anyMatch(InstanceRuntime.Tracker::fault)) {
                    notifyInstance(inst, NotifyState.FAULT);
                }
            }
            case INIT -> throw new IllegalStateException("no transition back to INIT");
        }
        inst.lastTransition = now;
        out.add(new VrrpAction.Transition(inst.p.name(), from, to, reason, now));
        if (to != VrrpState.MASTER) {
            initSands(inst, now);
        }
    }

    /** vrrp_state_become_master: VIPs, first GARP burst, refresh and delayed-GARP timers, notify. */
    private void becomeMaster(InstanceRuntime inst, long now) {
        inst.stats.becomeMaster++;
        if (inst.p.version() == 3 && inst.masterAdverInt != inst.p.advertIntervalMicros()) {
            detail(inst, "changing advert interval from " + inst.masterAdverInt / 1000 + "ms to locally configured "
                    + inst.p.advertIntervalMicros() / 1000 + "ms");
            inst.masterAdverInt = inst.p.advertIntervalMicros();
        }
        if (!inst.p.vips().isEmpty()) {
            detail(inst, "setting VIPs.");
            out.add(new VrrpAction.AddVips(inst.p.name(), inst.p.vips(), inst.p.accept()));
        }
        if (!inst.p.excludedVips().isEmpty()) {
            detail(inst, "setting E-VIPs.");
            out.add(new VrrpAction.AddVips(inst.p.name(), inst.p.excludedVips(), inst.p.accept()));
        }
        inst.vipSet = true;
        sendLinkUpdate(inst, inst.p.garp().masterRepeat(), GarpReason.MASTER_BURST);
        if (inst.p.garp().masterRefreshMicros() > 0) {
            inst.garpRefreshAt = now + inst.p.garp().masterRefreshMicros();
        }
        if (inst.p.extraIfGarpMicros() > 0) {
            inst.extraIfGarpAt = now + inst.p.extraIfGarpMicros();
        }
        notifyInstance(inst, NotifyState.MASTER);
        if (inst.p.garp().masterDelayMicros() > 0) {
            inst.garpDelayedAt = now + inst.p.garp().masterDelayMicros();
        }
    }

    private void notifyInstance(InstanceRuntime inst, NotifyState state) {
        out.add(new VrrpAction.RunNotify(NotifyTarget.INSTANCE, inst.p.name(), state, inst.effectivePriority));
    }

    /** down_instance: a fault cause appeared (link down, failed tracker with weight 0). */
    private void downInstance(InstanceRuntime inst, long now) {
        if (inst.faultCount++ != 0 && inst.state != VrrpState.INIT) {
            return;
        }
        if (!started) {
            return;         // Start will put it in FAULT (init)
        }
        inst.wantState = VrrpState.FAULT;
        VrrpState prev = inst.state;
        transition(inst, VrrpState.FAULT, now, "fault");
        if (inst.group != null && inst.group.numMemberFault++ == 0) {
            syncFault(inst, now);
        }
        if (prev != inst.state) {
            inst.sands = NEVER;
        }
    }

    /** try_up_instance: the last fault cause went away. */
    private void upInstance(InstanceRuntime inst, long now) {
        if (inst.faultCount == 0 || --inst.faultCount > 0) {
            return;
        }
        if (!started) {
            return;
        }
        inst.wantState = VrrpState.BACKUP;
        inst.masterAdverInt = inst.p.advertIntervalMicros();
        inst.msDownTimer = inst.masterDown();
        if (inst.group != null && --inst.group.numMemberFault > 0) {
            return;
        }
        transition(inst, VrrpState.BACKUP, now, "fault cleared");
        if (inst.group != null) {
            syncBackup(inst, now);
        }
    }

    /** vrrp_set_effective_priority: base + tracker deltas, kept within 1..254 (owners are not changed). */
    private void setEffectivePriority(InstanceRuntime inst, long now) {
        if (inst.basePriority == InstanceParams.PRIO_OWNER) {
            return;
        }
        int total = inst.basePriority + inst.trackerDelta();
        int prio = Math.max(1, Math.min(InstanceParams.PRIO_OWNER - 1, total));
        if (prio == inst.effectivePriority) {
            return;
        }
        log(inst, "Changing effective priority from " + inst.effectivePriority + " to " + prio);
        inst.effectivePriority = prio;
        out.add(new VrrpAction.PriorityChanged(inst.p.name(), inst.state, prio));
        long old = inst.msDownTimer;
        inst.msDownTimer = inst.masterDown();
        if (inst.state == VrrpState.BACKUP && inst.sands != NEVER) {
            // a higher priority shortens the wait; if that moves the deadline into the past it is due now
            inst.sands = Math.max(now, inst.sands + inst.msDownTimer - old);
        }
    }

    // ------------------------------------------------------------------ sync groups

    /** VRRP_TSM_HANDLE: after a member changed state, move the rest of its group. */
    private void syncOnTransition(VrrpState prev, InstanceRuntime inst, long now) {
        if (inst.group == null || prev == inst.state) {
            return;
        }
        if (inst.state == VrrpState.MASTER) {
            syncMaster(inst, now);
        } else if (inst.state == VrrpState.BACKUP && prev == VrrpState.MASTER) {
            syncBackup(inst, now);
        }
    }

    /** vrrp_sync_can_goto_master: only when every other member wants MASTER too (prefer BACKUP). */
    private boolean canGotoMaster(InstanceRuntime inst, long now) {
        if (inst.group.state == VrrpState.MASTER) {
            return true;
        }
        for (InstanceRuntime other : inst.group.members) {
            if (other != inst && other.wantState != VrrpState.MASTER) {
                inst.msDownTimer = inst.masterDown();
                initSands(inst, now);
                return false;
            }
        }
        return true;
    }

    private void syncMaster(InstanceRuntime inst, long now) {
        SyncGroupRuntime g = inst.group;
        if (g.state == VrrpState.MASTER || !canGotoMaster(inst, now)) {
            return;
        }
        out.add(new VrrpAction.Log("VRRP_Group(" + g.params.name() + ") Syncing instances to MASTER state"));
        g.state = VrrpState.MASTER;
        for (InstanceRuntime other : g.members) {
            if (other != inst && other.state != VrrpState.MASTER) {
                other.wantState = VrrpState.MASTER;
                gotoMaster(other, now);
            }
        }
        groupNotify(g, NotifyState.MASTER);
    }

    private void syncBackup(InstanceRuntime inst, long now) {
        SyncGroupRuntime g = inst.group;
        if (g.state == VrrpState.BACKUP) {
            return;
        }
        out.add(new VrrpAction.Log("VRRP_Group(" + g.params.name() + ") Syncing instances to BACKUP state"));
        for (InstanceRuntime other : g.members) {
            if (other == inst || other.state == VrrpState.BACKUP) {
                continue;
            }
            other.wantState = VrrpState.BACKUP;
            transition(other, VrrpState.BACKUP, now, "sync group " + g.params.name());
        }
        g.state = VrrpState.BACKUP;
        groupNotify(g, NotifyState.BACKUP);
    }

    private void syncFault(InstanceRuntime inst, long now) {
        SyncGroupRuntime g = inst.group;
        if (g.state == VrrpState.FAULT) {
            return;
        }
        out.add(new VrrpAction.Log("VRRP_Group(" + g.params.name() + ") Syncing instances to FAULT state"));
        for (InstanceRuntime other : g.members) {
            if (other != inst && other.state != VrrpState.FAULT) {
                other.wantState = VrrpState.FAULT;
                transition(other, VrrpState.FAULT, now, "sync group " + g.params.name());
                other.sands = NEVER;
            }
        }
        g.state = VrrpState.FAULT;
        groupNotify(g, NotifyState.FAULT);
    }

    private void groupNotify(SyncGroupRuntime g, NotifyState state) {
        out.add(new VrrpAction.RunNotify(NotifyTarget.GROUP, g.params.name(), state, 0));
    }

    // ------------------------------------------------------------------ timers and logging

    /** vrrp_init_instance_sands. */
    private void initSands(InstanceRuntime inst, long now) {
        inst.sands = switch (inst.state) {
            case MASTER -> now + inst.p.advertIntervalMicros();
            case BACKUP -> now + inst.msDownTimer;
            case FAULT, INIT -> NEVER;
        };
    }

    private void schedule() {
        long next = NEVER;
        for (int i = 0; i < instances.size(); i++) {
            InstanceRuntime inst = instances.get(i);
            next = Math.min(next, Math.min(inst.sands, Math.min(inst.garpDelayedAt, inst.lowerPrioGarpAt)));
        }
        if (stopped) {
            next = NEVER;
        }
        if (next != lastScheduled || lastSchedule == null) {
            lastSchedule = new VrrpAction.ScheduleAt(next);
            lastScheduled = next;
        }
        out.add(lastSchedule);
    }

    private void log(InstanceRuntime inst, String text) {
        out.add(new VrrpAction.Log(inst.tag + text));
    }

    private void detail(InstanceRuntime inst, String text) {
        if (logDetail) {
            log(inst, text);
        }
    }
}
