package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.GarpSettings;
import io.jkeepalived.config.model.UnicastPeerSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.UnicastChecksum;
import io.jkeepalived.vrrp.codec.UnicastPeer;
import io.jkeepalived.vrrp.engine.GarpParams;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.StrictMode;
import io.jkeepalived.vrrp.engine.SyncGroupParams;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Maps the resolved config model (VrrpInstanceSpec, VrrpSyncGroupSpec) onto the engine's own
 * parameters, so the engine never sees config types. The only runtime input is the interface's
 * primary address, used as source / tie-break address unless mcast_src_ip or unicast_src_ip is set.
 */
public final class VrrpParamsFromConfig {
    private VrrpParamsFromConfig() {
    }

    public static InstanceParams instance(VrrpInstanceSpec spec, InetAddress interfaceAddress) {
        InetAddress source = spec.mcastSrcIp().or(spec::unicastSrcIp).orElse(interfaceAddress);
        var b = InstanceParams.builder(spec.name(), spec.virtualRouterId(), source)
                .interfaceName(spec.interfaceName().orElse(""))
                .version(spec.version())
                .priority(spec.priority())
                .advertIntervalMicros(micros(spec.advertInterval()))
                .initialMaster(spec.initialState() == VrrpInstanceSpec.InitialState.MASTER)
                .preempt(spec.preempt())
                .preemptDelayMicros(micros(spec.preemptDelay()))
                .vips(addresses(spec.virtualIpAddresses()))
                .excludedVips(addresses(spec.virtualIpAddressesExcluded()))
                .garp(garp(spec.garp()))
                .downTimerAdverts(spec.downTimerAdverts())
                .lowerPrioNoAdvert(spec.lowerPrioNoAdvert())
                .higherPrioSendAdvert(spec.higherPrioSendAdvert())
                .skipCheckAdvAddr(spec.skipCheckAdvAddr())
                .dontTrackPrimary(spec.dontTrackPrimary())
                .accept(spec.accept())
                .unicast(spec.isUnicast())
                .v3ChecksumAsV2(spec.v3ChecksumAsV2())
                .timerExpiredBackup(spec.timerExpiredBackup().orElse(0))
                .unicastChecksum(switch (spec.oldUnicastChecksum()) {
                    case DETECT -> UnicastChecksum.RFC_DETECT_OLD;
                    case NEVER -> UnicastChecksum.RFC_ONLY;
                    case CONFIGURED -> UnicastChecksum.OLD;
                })
                .unicastPeers(unicastPeers(spec.unicastPeers()))
                .ownerIgnoreAdverts(spec.ownerIgnoreAdverts())
                // unicast_fault_no_peer without peers, an IPv4 ipvlan without address: keepalived's config faults
                .configFault(spec.unicastFaultNoPeer() && !spec.isUnicast() || spec.ipvlanConfigFault())
                // keepalived: a peer's min_ttl or max_ttl turns the source check on for the instance
                .checkUnicastSource(spec.checkUnicastSrc() || spec.unicastPeers().stream()
                        .anyMatch(u -> u.minTtl().isPresent() || u.maxTtl().isPresent()));
        spec.authentication().ifPresent(a -> b.auth(a.type() == AuthSpec.Type.PASS ? AuthType.PASS : AuthType.AH, key(a)));
        InstanceParams params = b.build();
        // the config layer reports strict-mode conflicts; here they are only applied
        return spec.strict() ? StrictMode.apply(params).params() : params;
    }

    public static SyncGroupParams syncGroup(VrrpSyncGroupSpec spec) {
        return new SyncGroupParams(spec.name(), spec.members());
    }

    /** keepalived keeps at most 8 bytes of auth_pass, zero padded. */
    static byte[] key(AuthSpec auth) {
        return Arrays.copyOf(auth.password().getBytes(StandardCharsets.UTF_8), 8);
    }

    static GarpParams garp(GarpSettings g) {
        return new GarpParams(micros(g.masterDelay()), g.masterRepeat(), micros(g.masterRefresh()),
                g.masterRefreshRepeat(), micros(g.lowerPrioDelay()), g.lowerPrioRepeat());
    }

    static List<UnicastPeer> unicastPeers(List<UnicastPeerSpec> peers) {
        return peers.stream().map(u -> new UnicastPeer(u.address(), u.minTtl().orElse(UnicastPeer.ANY_MIN),
                u.maxTtl().orElse(UnicastPeer.ANY_MAX))).toList();
    }

    static List<InetAddress> addresses(List<VirtualIpSpec> vips) {
        return vips.stream().map(VirtualIpSpec::address).toList();
    }

    static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
