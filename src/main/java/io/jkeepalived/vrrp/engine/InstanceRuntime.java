package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.AdvertExpectations;
import io.jkeepalived.vrrp.codec.AdvertValidator;
import io.jkeepalived.vrrp.codec.AhReplayGuard;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** The runtime state of one VRRP instance (keepalived's vrrp_t fields that change). Engine-private. */
final class InstanceRuntime {
    static final long NEVER = Long.MAX_VALUE;

    final InstanceParams p;
    final String tag;
    final AdvertValidator validator;
    final AhReplayGuard ah = new AhReplayGuard();
    final InstanceStats stats = new InstanceStats();
    final Map<String, Tracker> trackers = new HashMap<>();
    final SourceLogLimit sourceLogLimit = new SourceLogLimit(SourceLogLimit.DEFAULT_INTERVAL_MICROS, 64);
    SyncGroupRuntime group;

    VrrpState state = VrrpState.INIT;
    VrrpState wantState;
    int basePriority;
    int effectivePriority;
    long masterAdverInt;
    long msDownTimer;
    long sands = NEVER;
    long preemptTime;
    boolean preemptArmed;
    boolean vipSet;
    InetAddress masterAddress;
    int masterPriority;
    long garpDelayedAt = NEVER;
    long lowerPrioGarpAt = NEVER;
    long garpRefreshAt = NEVER;
    long extraIfGarpAt = NEVER;    // garp_extra_if: next GARP on the extra interfaces
    boolean linkUp = true;
    int faultCount;
    long lastTransition;
    long lastAdvertSent = Long.MIN_VALUE;     // timer_expired_backup: keepalived's last_advert_sent
    VrrpAction.SendAdvert advertAtEffective;

    record Tracker(int delta, boolean fault) {
    }

    InstanceRuntime(InstanceParams p) {
        this.p = p;
        this.tag = "(" + p.name() + ") ";
        this.validator = new AdvertValidator(new AdvertExpectations(p.name(), p.vrid(), p.version(), p.family(),
                p.authType(), p.authKey(), p.advertIntervalMicros(), p.vips(), p.unicast(), p.v3ChecksumAsV2(), p.checkUnicastSource(),
                p.unicastPeers(), p.unicastChecksum()));
        this.basePriority = p.priority();
        this.effectivePriority = p.priority();
        this.masterAdverInt = p.advertIntervalMicros();
        this.wantState = p.initialMaster() || p.owner() ? VrrpState.MASTER : VrrpState.BACKUP;
        this.msDownTimer = masterDown();
        this.advertAtEffective = new VrrpAction.SendAdvert(p.name(), effectivePriority);
        this.faultCount = p.configFault() ? 1 : 0;     // never taken away: the instance stays in FAULT
    }

    long skew() {
        return VrrpTimers.skewMicros(p.version(), effectivePriority, masterAdverInt);
    }

    long masterDown() {
        return VrrpTimers.masterDownMicros(p.version(), effectivePriority, masterAdverInt, p.downTimerAdverts());
    }

    int trackerDelta() {
        int sum = 0;
        for (Tracker t : trackers.values()) {
            sum += t.delta();
        }
        return sum;
    }

    /** The SendAdvert for the current effective priority, reused while the priority stays. */
    VrrpAction.SendAdvert advert() {
        if (advertAtEffective.priority() != effectivePriority) {
            advertAtEffective = new VrrpAction.SendAdvert(p.name(), effectivePriority);
        }
        return advertAtEffective;
    }
}
