package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.GarpSettings;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.OldUnicastChecksum;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.UnicastPeerSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VmacSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One vrrp_instance while it is read: what was written (nulls = not written), then {@link #finish}
 * resolves defaults and keepalived's per-instance checks into a {@link VrrpInstanceSpec}.
 */
final class VrrpInstanceDraft {
    final String name;
    final SourcePos pos;
    // What the keyword handlers need besides the draft: where findings go, address lines, host interfaces.
    final DiagnosticSink sink;
    final AddressLines addressLines;
    final InterfaceCheck interfaces;

    String state;
    String interfaceName;
    SourcePos interfacePos;
    Integer vrid;
    boolean vridWritten;
    Integer priority;
    Duration advertInt;
    String advertText;
    Integer version;
    boolean nativeIpv6;
    AuthSpec auth;
    final List<VirtualIpSpec> vips = new ArrayList<>();
    final List<VirtualIpSpec> evips = new ArrayList<>();
    boolean noVip;
    final List<RouteSpec> routes = new ArrayList<>();
    final List<RuleSpec> rules = new ArrayList<>();
    final List<UnicastPeerSpec> peers = new ArrayList<>();
    boolean unicastPeerBlock;
    InetAddress mcastSrc;
    InetAddress unicastSrc;
    InetAddress mcastDst;
    Integer unicastTtl;
    boolean unicastFaultNoPeer;
    boolean checkUnicastSrc;
    boolean trackSrcIp;
    final List<TrackRef> trackInterfaces = new ArrayList<>();
    final List<TrackRef> trackScripts = new ArrayList<>();
    final List<TrackRef> trackFiles = new ArrayList<>();
    final List<TrackRef> trackProcesses = new ArrayList<>();
    final List<TrackRef> trackBfds = new ArrayList<>();
    boolean dontTrackPrimary;
    ScriptSpec notifyMaster;
    ScriptSpec notifyBackup;
    ScriptSpec notifyFault;
    ScriptSpec notifyStop;
    ScriptSpec notifyDeleted;
    boolean notifyDeletedSet;
    ScriptSpec notifyGeneric;
    ScriptSpec notifyRxLowerPri;
    Boolean smtpAlert;
    Boolean notifyPriorityChanges;
    Boolean groupNotifyPriorityChanges;     // its sync group's notify_priority_changes, if written
    boolean nopreempt;
    Duration preemptDelay = Duration.ZERO;
    Boolean accept;
    SourcePos acceptPos = SourcePos.NONE;
    SourcePos strictPos = SourcePos.NONE;
    /** strict_mode; null = not set, so global vrrp_strict decides (keepalived's PARAMETER_UNSET). */
    Boolean strict;
    Boolean skipCheckAdvAddr;
    boolean promoteSecondaries;
    Duration garpMasterDelay;
    Integer garpMasterRepeat;
    Duration garpMasterRefresh;
    Integer garpMasterRefreshRepeat;
    Duration garpLowerPrioDelay;
    Integer garpLowerPrioRepeat;
    Integer downTimerAdverts;
    Boolean lowerPrioNoAdvert;
    Boolean higherPrioSendAdvert;
    Boolean ownerIgnoreAdverts;
    OptionalInt timerExpiredBackup = OptionalInt.empty();
    VmacSpec vmac;
    boolean useVmacAddr;
    boolean vmacXmitBase;
    boolean linkbeatUsePolling;
    Duration garpExtraIf;
    boolean garpExtraIfAll;
    Boolean v3ChecksumAsV2;
    OldUnicastChecksum oldUnicastChecksum = OldUnicastChecksum.DETECT;
    Integer kernelRxBufSize;
    String vrf;
    String lvsSyncDaemonInterface;

    VrrpInstanceDraft(ConfigNode node, DiagnosticSink sink, AddressLines addressLines, InterfaceCheck interfaces) {
        this.name = node.args().isEmpty() ? "" : node.args().get(0).text();
        this.pos = node.pos();
        this.sink = sink;
        this.addressLines = addressLines;
        this.interfaces = interfaces;
    }

    String tag() {
        return "(" + name + ")";
    }

    boolean anyScript() {
        return notifyMaster != null || notifyBackup != null || notifyFault != null || notifyStop != null
                || notifyDeleted != null || notifyGeneric != null || notifyRxLowerPri != null;
    }

    List<ScriptSpec> scripts() {
        var out = new ArrayList<ScriptSpec>();
        for (var s : new ScriptSpec[] {notifyMaster, notifyBackup, notifyFault, notifyStop, notifyDeleted, notifyGeneric,
                notifyRxLowerPri}) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    AddressFamily family() {
        if (nativeIpv6) {
            return AddressFamily.INET6;
        }
        var ipvlanFamily = Optional.ofNullable(vmac).flatMap(VmacSpec::ipvlanAddress).map(VmacSpec.IpvlanAddress::family);
        return vips.isEmpty() ? (peers.isEmpty() ? ipvlanFamily.orElse(AddressFamily.INET) : AddressFamily.of(peers.get(0).address()))
                : vips.get(0).family();
    }

    /** Resolves defaults and runs keepalived's per-instance checks (its words, its order). */
    VrrpInstanceSpec finish(GlobalDefs g) {
        var family = family();
        int ver = version != null ? version : g.vrrpVersion();
        if (family == AddressFamily.INET6 && ver == 2) {
            sink.report(io.jkeepalived.config.Severity.INFO, pos, tag() + " VRRPv2 cannot carry IPv6 addresses - using version 3");
            ver = 3;
        }
        boolean isStrict = strict != null ? strict : g.vrrpStrict();
        if (isStrict) {
            ver = version != null ? ver : 3;
        }
        var wantMaster = state == null ? (priority != null && priority == 255) : state.equals("MASTER");
        int prio = priority != null ? priority : (wantMaster && state != null ? 255 : 100);
        var adv = advertInt == null ? Duration.ofSeconds(1) : advertInt;
        if (ver == 2 && adv.getNano() != 0) {
            sink.warning(SourcePos.NONE, String.format("%s VRRPv2 advertisement interval %fs must be an integer. rounding",
                    tag(), adv.toNanos() / 1e9));
            long secs = Math.max(1, Math.round(adv.toNanos() / 1e9));
            adv = Duration.ofSeconds(secs);
        }
        if (ver == 3 && adv.toNanos() % 10_000_000 != 0) {
            // VRRPv3 carries the interval in centiseconds: keepalived rounds to the nearest one.
            sink.warning(SourcePos.NONE, String.format("%s VRRPv3 advertisement interval %fs must be in units of 10ms - rounding",
                    tag(), adv.toNanos() / 1e9));
            adv = Duration.ofMillis(Math.max(10, Math.round(adv.toNanos() / 1e7) * 10));
        }
        if (interfaceName != null) {
            // Tracking the interface the instance runs on is implied; keepalived drops the row and says so.
            trackInterfaces.removeIf(r -> {
                boolean own = r.name().equals(interfaceName);
                if (own) {
                    sink.warning(SourcePos.NONE, tag() + " Ignoring track_interface " + r.name() + " since own interface");
                }
                return own;
            });
        }
        if (isStrict && wantMaster && prio != 255) {
            sink.warning(SourcePos.NONE, tag() + " State MASTER must match being address owner");
            wantMaster = false;
        }
        Optional<AuthSpec> authSpec = Optional.ofNullable(auth);
        if (authSpec.isPresent() && authSpec.get().type() == AuthSpec.Type.AH && wantMaster) {
            sink.warning(SourcePos.NONE, tag() + " Initial state master is incompatible with AH authentication - clearing");
            wantMaster = false;
        }
        if (authSpec.isPresent() && isStrict) {
            sink.warning(SourcePos.NONE, tag() + " Strict mode does not support authentication. Ignoring.");
            authSpec = Optional.empty();
        } else if (authSpec.isPresent() && ver == 3) {
            sink.warning(SourcePos.NONE, tag() + " VRRP version 3 does not support authentication. Ignoring.");
            authSpec = Optional.empty();
        }
        boolean preempt = !nopreempt;
        if (nopreempt && wantMaster) {
            sink.warning(SourcePos.NONE, tag() + " Warning - nopreempt will not work with initial state MASTER - clearing");
            preempt = true;
        }
        var delay = preemptDelay;
        if (!delay.isZero() && isStrict) {
            sink.warning(SourcePos.NONE, tag() + " preempt_delay is incompatible with strict mode - resetting");
            delay = Duration.ZERO;
        } else if (!delay.isZero() && wantMaster) {
            sink.warning(SourcePos.NONE, tag() + " Warning - preempt delay will not work with initial state MASTER - clearing");
            delay = Duration.ZERO;
        }
        var expiredBackup = timerExpiredBackup;
        if (expiredBackup.isPresent() && preempt) {
            sink.warning(SourcePos.NONE, tag() + " expired_timer_backup requires nopreempt - resetting");
            expiredBackup = OptionalInt.empty();
        }
        if (peers.isEmpty() && unicastFaultNoPeer) {
            // keepalived counts a config fault: the instance stays in FAULT rather than fall back to multicast
            sink.report(io.jkeepalived.config.Severity.INFO, SourcePos.NONE, tag()
                    + " Cannot use unicast without any peers - going to fault state");
        } else if (peers.isEmpty() && (unicastPeerBlock || unicastSrc != null)) {
            sink.warning(SourcePos.NONE, tag() + " A unicast keyword has been specified without any unicast peers."
                    + " Defaulting to multicast. This usage is deprecated - please update your configuration.");
        }
        if (vips.isEmpty() && !noVip) {
            sink.warning(SourcePos.NONE, tag() + " No VIP specified; at least one is sensible");
        }
        if (family == AddressFamily.INET6 && peers.isEmpty() && !vips.isEmpty() && !vips.get(0).address().isLinkLocalAddress()) {
            // RFC 5798: a multicast IPv6 router's first address is its link-local one
            if (isStrict) {
                sink.warning(SourcePos.NONE, tag() + " the first IPv6 VIP address must be link local");
            } else {
                sink.report(io.jkeepalived.config.Severity.INFO, SourcePos.NONE, tag() + " the first IPv6 VIP address should be link local");
            }
        }
        if (vmac != null && vmac.kind() == VmacSpec.Kind.IPVLAN) {
            if (vmac.ipvlanAddress().isEmpty() && family == AddressFamily.INET) {
                sink.warning(SourcePos.NONE, tag() + " IPv4 ipvlan requires a source ip address to be configured."
                        + " setting instance to fault state");
            } else if (vmac.ipvlanAddress().isPresent() && vmac.ipvlanAddress().get().family() != family) {
                sink.warning(SourcePos.NONE, tag() + " IPv4 ipvlan address family does not match instance."
                        + " setting instance to fault state");
            }
        }
        boolean promote = promoteSecondaries;
        if (promote && vmac != null) {
            sink.warning(SourcePos.NONE, tag() + " promote_secondaries is automatically set for vmacs - ignoring");
            promote = false;
        }
        var garp = new GarpSettings(
                garpMasterDelay != null ? garpMasterDelay : g.garp().masterDelay(),
                garpMasterRepeat != null ? garpMasterRepeat : g.garp().masterRepeat(),
                garpMasterRefresh != null ? garpMasterRefresh : g.garp().masterRefresh(),
                garpMasterRefreshRepeat != null ? garpMasterRefreshRepeat : g.garp().masterRefreshRepeat(),
                garpLowerPrioDelay != null ? garpLowerPrioDelay : g.garp().lowerPrioDelay(),
                garpLowerPrioRepeat != null ? garpLowerPrioRepeat : g.garp().lowerPrioRepeat());
        boolean acc = accept != null ? accept : !isStrict;
        // the line that turned accept mode off: no_accept, else strict_mode, else global vrrp_strict
        SourcePos noAcceptPos = accept != null ? acceptPos : strict != null ? strictPos : g.vrrpStrictPos();
        if (prio == 255) {
            acc = true;
        }
        boolean ignoreAdverts = ownerIgnoreAdverts(prio, isStrict, g);
        var notify = new NotifySpec(Optional.ofNullable(notifyMaster), Optional.ofNullable(notifyBackup),
                Optional.ofNullable(notifyFault), Optional.ofNullable(notifyStop), Optional.ofNullable(notifyDeleted),
                notifyDeletedSet, Optional.ofNullable(notifyGeneric), Optional.ofNullable(notifyRxLowerPri));
        boolean smtp = smtpAlert != null ? smtpAlert
                : g.smtpAlertVrrp().or(g::smtpAlert).orElse(false);
        return new VrrpInstanceSpec(name, wantMaster ? VrrpInstanceSpec.InitialState.MASTER : VrrpInstanceSpec.InitialState.BACKUP,
                Optional.ofNullable(interfaceName), vrid == null ? 0 : vrid, prio, adv, ver, family, authSpec, vips, evips,
                noVip, routes, rules, peers, Optional.ofNullable(mcastSrc), Optional.ofNullable(unicastSrc),
                Optional.ofNullable(mcastDst), unicastTtl == null ? OptionalInt.empty() : OptionalInt.of(unicastTtl),
                unicastFaultNoPeer, checkUnicastSrc || g.vrrpCheckUnicastSrc(), trackSrcIp, trackInterfaces, trackScripts,
                trackFiles, trackProcesses, trackBfds, dontTrackPrimary, notify, smtp,
                notifyPriorityChanges != null ? notifyPriorityChanges : groupNotifyPriorityChanges != null
                        ? groupNotifyPriorityChanges : g.vrrpNotifyPriorityChanges(), preempt, delay,
                acc, isStrict, skipCheckAdvAddr != null ? skipCheckAdvAddr : g.vrrpSkipCheckAdvAddr(), promote,
                garp, isStrict ? 3 : downTimerAdverts != null ? downTimerAdverts : g.vrrpDownTimerAdverts(),
                isStrict || (lowerPrioNoAdvert != null ? lowerPrioNoAdvert : g.vrrpLowerPrioNoAdvert()),
                !isStrict && (higherPrioSendAdvert != null ? higherPrioSendAdvert : g.vrrpHigherPrioSendAdvert()),
                ignoreAdverts, expiredBackup, Optional.ofNullable(vmac),
                useVmacAddr, vmacXmitBase, Optional.ofNullable(garpExtraIf).or(g::vrrpGarpExtraIf),
                garpExtraIf != null ? garpExtraIfAll : g.vrrpGarpExtraIfAll(),
                v3ChecksumAsV2 != null ? v3ChecksumAsV2 : g.v3ChecksumAsV2(), oldUnicastChecksum,
                kernelRxBufSize == null ? OptionalInt.empty() : OptionalInt.of(kernelRxBufSize), Optional.ofNullable(vrf),
                Optional.ofNullable(lvsSyncDaemonInterface), linkbeatUsePolling, nativeIpv6, acc ? SourcePos.NONE : noAcceptPos, pos);
    }

    /**
     * owner_ignore_adverts as keepalived 2.3.3+ resolves it: only for an address owner (priority 255); unset, it is
     * on in strict mode and otherwise follows global vrrp_owner_ignore_adverts. (keepalived also forces it on for an
     * owner that turned it off explicitly, with a message about strict mode: here only in strict mode.)
     */
    private boolean ownerIgnoreAdverts(int prio, boolean isStrict, GlobalDefs g) {
        if (prio != 255) {
            if (Boolean.TRUE.equals(ownerIgnoreAdverts)) {
                sink.warning(SourcePos.NONE, tag() + " ignoring owner_ignore_adverts since priority is not 255");
            }
            return false;
        }
        if (ownerIgnoreAdverts == null) {
            return isStrict || g.vrrpOwnerIgnoreAdverts();
        }
        if (!ownerIgnoreAdverts && isStrict) {
            sink.warning(SourcePos.NONE, tag() + " strict_mode with priority 255 requires owner_ignore_adverts");
            return true;
        }
        return ownerIgnoreAdverts;
    }
}
