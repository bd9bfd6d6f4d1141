package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code vrrp_instance NAME { ... }} with every default resolved the way keepalived resolves it
 * (priority 255 for state MASTER without priority, else 100; state from priority when unset; garp_*
 * and other per-instance settings inherited from global_defs; accept on unless strict; version from
 * vrrp_version, 3 for IPv6).
 *
 * @param initialState    what {@code state} asked for (keepalived's "Wantstate"): MASTER or BACKUP
 * @param interfaceName   empty only for interface-less unicast instances
 * @param advertInterval  advert_int (v2: whole seconds, v3: centiseconds)
 * @param preemptDelay    ZERO when not set
 * @param accept          RFC 5798 Accept_Mode after strict/owner rules
 * @param strict          strict_mode or global vrrp_strict
 * @param noAcceptPos     where accept mode was turned off (no_accept, strict_mode or vrrp_strict); NONE when accept
 * @param smtpAlert       smtp_alert, or the global default (smtp_alert_vrrp, then smtp_alert)
 */
public record VrrpInstanceSpec(
        String name,
        InitialState initialState,
        Optional<String> interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInterval,
        int version,
        AddressFamily family,
        Optional<AuthSpec> authentication,
        List<VirtualIpSpec> virtualIpAddresses,
        List<VirtualIpSpec> virtualIpAddressesExcluded,
        boolean noVirtualIpAddress,
        List<RouteSpec> virtualRoutes,
        List<RuleSpec> virtualRules,
        List<UnicastPeerSpec> unicastPeers,
        Optional<InetAddress> mcastSrcIp,
        Optional<InetAddress> unicastSrcIp,
        Optional<InetAddress> mcastDstIp,
        OptionalInt unicastTtl,
        boolean unicastFaultNoPeer,
        boolean checkUnicastSrc,
        boolean trackSrcIp,
        List<TrackRef> trackInterfaces,
        List<TrackRef> trackScripts,
        List<TrackRef> trackFiles,
        List<TrackRef> trackProcesses,
        List<TrackRef> trackBfds,
        boolean dontTrackPrimary,
        NotifySpec notifyScripts,
        boolean smtpAlert,
        boolean notifyPriorityChanges,
        boolean preempt,
        Duration preemptDelay,
        boolean accept,
        boolean strict,
        boolean skipCheckAdvAddr,
        boolean promoteSecondaries,
        GarpSettings garp,
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        boolean ownerIgnoreAdverts,
        OptionalInt timerExpiredBackup,
        Optional<VmacSpec> vmac,
        boolean useVmacAddr,
        boolean vmacXmitBase,
        Optional<Duration> garpExtraIf,
        boolean garpExtraIfAll,
        boolean v3ChecksumAsV2,
        OldUnicastChecksum oldUnicastChecksum,
        OptionalInt kernelRxBufSize,
        Optional<String> vrf,
        Optional<String> lvsSyncDaemonInterface,
        boolean linkbeatUsePolling,
        boolean nativeIpv6,
        SourcePos noAcceptPos,
        SourcePos pos) {

    public VrrpInstanceSpec {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        virtualIpAddressesExcluded = List.copyOf(virtualIpAddressesExcluded);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }

    public enum InitialState { MASTER, BACKUP }

    /** Priority 255: the address owner. */
    public boolean isAddressOwner() {
        return priority == 255;
    }

    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    /**
     * keepalived's num_config_faults (the instance stays in FAULT): unicast_fault_no_peer without peers; an IPv4
     * use_ipvlan without an address, or one whose address is of the other family.
     */
    public int configFaults() {
        return (unicastFaultNoPeer && !isUnicast() ? 1 : 0) + (ipvlanConfigFault() ? 1 : 0);
    }

    /** use_ipvlan on an IPv4 instance without an address, or with one of the other family: keepalived's config fault. */
    public boolean ipvlanConfigFault() {
        if (vmac.isEmpty() || vmac.get().kind() != VmacSpec.Kind.IPVLAN) {
            return false;
        }
        var address = vmac.get().ipvlanAddress();
        return address.isEmpty() ? family == AddressFamily.INET : address.get().family() != family;
    }

    /** The adverts' configured source: mcast_src_ip / unicast_src_ip, else use_ipvlan's address (keepalived's saddr). */
    public java.util.Optional<java.net.InetAddress> configuredSource() {
        var src = isUnicast() ? unicastSrcIp.or(() -> mcastSrcIp) : mcastSrcIp.or(() -> unicastSrcIp);
        return src.or(() -> vmac.flatMap(VmacSpec::ipvlanAddress).filter(a -> a.family() == family)
                .map(VmacSpec.IpvlanAddress::address));
    }

    /** This instance with other tracking (keepalived drops or unweights some trackers of sync group members). */
    public VrrpInstanceSpec withTracking(List<TrackRef> interfaces, List<TrackRef> scripts, List<TrackRef> files) {
        return new VrrpInstanceSpec(name, initialState, interfaceName, virtualRouterId, priority, advertInterval,
                version, family, authentication, virtualIpAddresses, virtualIpAddressesExcluded, noVirtualIpAddress,
                virtualRoutes, virtualRules, unicastPeers, mcastSrcIp, unicastSrcIp, mcastDstIp, unicastTtl,
                unicastFaultNoPeer, checkUnicastSrc, trackSrcIp, interfaces, scripts, files, trackProcesses,
                trackBfds, dontTrackPrimary, notifyScripts, smtpAlert, notifyPriorityChanges, preempt, preemptDelay,
                accept, strict, skipCheckAdvAddr, promoteSecondaries, garp, downTimerAdverts, lowerPrioNoAdvert,
                higherPrioSendAdvert, ownerIgnoreAdverts, timerExpiredBackup, vmac, useVmacAddr, vmacXmitBase,
                garpExtraIf, garpExtraIfAll, v3ChecksumAsV2, oldUnicastChecksum, kernelRxBufSize, vrf,
                lvsSyncDaemonInterface, linkbeatUsePolling, nativeIpv6, noAcceptPos, pos);
    }
}
