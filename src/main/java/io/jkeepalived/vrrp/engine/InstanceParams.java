package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.codec.UnicastChecksum;
import io.jkeepalived.vrrp.codec.UnicastPeer;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the VRRP engine needs to know about one vrrp_instance, already resolved (globals
 * applied, strict mode applied - see {@link StrictMode}). Times are microseconds.
 *
 * @param name                 instance name (VI_1), used in every log line
 * @param interfaceName        the interface the instance runs on (link events are matched by it)
 * @param vrid                 virtual router id 1..255
 * @param version              2 or 3
 * @param family               address family of the VIPs and adverts
 * @param priority             configured (base) priority 1..255; 255 = address owner
 * @param advertIntervalMicros advert_int
 * @param initialMaster        "state MASTER" (only an address owner goes straight to master)
 * @param preempt              false for nopreempt
 * @param preemptDelayMicros   preempt_delay (0 = none)
 * @param vips                 virtual_ipaddress, in config order (these are in the adverts)
 * @param excludedVips         virtual_ipaddress_excluded: added and removed with the VIPs, never advertised
 * @param sourceAddress        our address on the interface (or mcast_src_ip): the tie-break address
 * @param authType             v2 authentication
 * @param authKey              8 bytes, zero padded (PASS password or AH key); empty without auth
 * @param garp                 gratuitous ARP / NA settings
 * @param downTimerAdverts     down_timer_adverts (3)
 * @param lowerPrioNoAdvert    lower_prio_no_advert
 * @param higherPrioSendAdvert higher_prio_send_advert
 * @param skipCheckAdvAddr     skip_check_adv_addr
 * @param dontTrackPrimary     dont_track_primary: link down of {@code interfaceName} does not mean FAULT
 * @param accept               accept mode (carried to AddVips/RemoveVips for the firewall)
 * @param unicast              unicast peers configured
 * @param v3ChecksumAsV2       v3_checksum_as_v2
 * @param checkUnicastSource   check_unicast_src, vrrp_check_unicast_src or a peer's min_ttl/max_ttl
 * @param unicastPeers         the unicast peers with their TTL ranges (empty for multicast)
 * @param ownerIgnoreAdverts   owner_ignore_adverts: while at priority 255, drop every received advert
 * @param unicastChecksum      old_unicast_checksum: the VRRPv3 IPv4 unicast checksum's pseudo-header destination
 * @param configFault          keepalived's num_config_faults (unicast_fault_no_peer without peers): the
 *                             instance starts in FAULT and never leaves it
 * @param extraIfGarpMicros    garp_extra_if / vrrp_garp_extra_if: while master, re-send one GARP/NA per extra
 *                             interface at (the first advert after) this interval (0 = never)
 * @param extraIfGarpAddresses the first VIP of each such interface (keepalived's vrrp_send_vmac_update)
 * @param highestOtherPriority timer_expired_backup: the highest priority another router of the VRID may have (1..254);
 *                             a MASTER whose loop was late long enough for such a router to have taken over goes
 *                             BACKUP instead of advertising again (0: off)
 */
public record InstanceParams(String name, String interfaceName, int vrid, int version, IpFamily family, int priority,
                             long advertIntervalMicros, boolean initialMaster, boolean preempt, long preemptDelayMicros,
                             List<InetAddress> vips, List<InetAddress> excludedVips, InetAddress sourceAddress, AuthType authType, byte[] authKey,
                             GarpParams garp, int downTimerAdverts, boolean lowerPrioNoAdvert,
                             boolean higherPrioSendAdvert, boolean skipCheckAdvAddr, boolean dontTrackPrimary,
                             boolean accept, boolean unicast, boolean v3ChecksumAsV2, boolean checkUnicastSource,
                             List<UnicastPeer> unicastPeers, boolean ownerIgnoreAdverts, boolean configFault,
                             UnicastChecksum unicastChecksum, long extraIfGarpMicros, List<InetAddress> extraIfGarpAddresses,
                             int highestOtherPriority) {
    public static final int PRIO_OWNER = 255;

    public InstanceParams {
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        unicastPeers = List.copyOf(unicastPeers);
        extraIfGarpAddresses = List.copyOf(extraIfGarpAddresses);
        authKey = authKey.clone();
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException(name + ": virtual_router_id " + vrid + " is outside 1..255");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException(name + ": priority " + priority + " is outside 1..255");
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException(name + ": VRRP version " + version + " is neither 2 nor 3");
        }
        if (advertIntervalMicros <= 0) {
            throw new IllegalArgumentException(name + ": advert_int must be positive");
        }
        if (highestOtherPriority < 0 || highestOtherPriority >= PRIO_OWNER) {
            throw new IllegalArgumentException(name + ": timer_expired_backup priority " + highestOtherPriority
                    + " is outside 1..254");
        }
        if (downTimerAdverts < 1) {
            throw new IllegalArgumentException(name + ": down_timer_adverts must be at least 1");
        }
    }

    @Override
    public byte[] authKey() {
        return authKey.clone();
    }

    public boolean owner() {
        return priority == PRIO_OWNER;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String name, int vrid, InetAddress sourceAddress) {
        return new Builder(name, vrid, sourceAddress);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceParams p && toBuilder().same(p);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + vrid;
    }

    /** Builds parameters with keepalived's defaults for everything not set. */
    public static final class Builder {
        private String name;
        private String interfaceName = "eth0";
        private int vrid;
        private int version = 2;
        private IpFamily family;
        private int priority = 100;
        private long advertIntervalMicros = 1_000_000;
        private boolean initialMaster;
        private boolean preempt = true;
        private long preemptDelayMicros;
        private List<InetAddress> vips = List.of();
        private List<InetAddress> excludedVips = List.of();
        private InetAddress sourceAddress;
        private AuthType authType = AuthType.NONE;
        private byte[] authKey = new byte[0];
        private GarpParams garp = GarpParams.DEFAULTS;
        private int downTimerAdverts = 3;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private boolean skipCheckAdvAddr;
        private boolean dontTrackPrimary;
        private boolean accept = true;
        private boolean unicast;
        private boolean v3ChecksumAsV2;
        private boolean checkUnicastSource;
        private List<UnicastPeer> unicastPeers = List.of();
        private boolean ownerIgnoreAdverts;
        private boolean configFault;
        private UnicastChecksum unicastChecksum = UnicastChecksum.RFC_DETECT_OLD;
        private long extraIfGarpMicros;
        private List<InetAddress> extraIfGarpAddresses = List.of();
        private int highestOtherPriority;

        private Builder(String name, int vrid, InetAddress sourceAddress) {
            this.name = name;
            this.vrid = vrid;
            this.sourceAddress = sourceAddress;
        }

        private Builder(InstanceParams p) {
            name = p.name; interfaceName = p.interfaceName; vrid = p.vrid; version = p.version; family = p.family;
            priority = p.priority; advertIntervalMicros = p.advertIntervalMicros; initialMaster = p.initialMaster;
            preempt = p.preempt; preemptDelayMicros = p.preemptDelayMicros; vips = p.vips; excludedVips = p.excludedVips;
            sourceAddress = p.sourceAddress; authType = p.authType; authKey = p.authKey; garp = p.garp;
            downTimerAdverts = p.downTimerAdverts; lowerPrioNoAdvert = p.lowerPrioNoAdvert;
            higherPrioSendAdvert = p.higherPrioSendAdvert; skipCheckAdvAddr = p.skipCheckAdvAddr;
            dontTrackPrimary = p.dontTrackPrimary; accept = p.accept; unicast = p.unicast;
            v3ChecksumAsV2 = p.v3ChecksumAsV2; checkUnicastSource = p.checkUnicastSource;
            unicastPeers = p.unicastPeers; ownerIgnoreAdverts = p.ownerIgnoreAdverts; configFault = p.configFault;
            unicastChecksum = p.unicastChecksum;
            extraIfGarpMicros = p.extraIfGarpMicros; extraIfGarpAddresses = p.extraIfGarpAddresses;
            highestOtherPriority = p.highestOtherPriority;
        }

        private boolean same(InstanceParams o) {
            return name.equals(o.name) && interfaceName.equals(o.interfaceName) && vrid == o.vrid
                    && version == o.version && family == o.family && priority == o.priority
                    && advertIntervalMicros == o.advertIntervalMicros && initialMaster == o.initialMaster
                    && preempt == o.preempt && preemptDelayMicros == o.preemptDelayMicros && vips.equals(o.vips)
                    && excludedVips.equals(o.excludedVips)
                    && sourceAddress.equals(o.sourceAddress) && authType == o.authType
                    && Arrays.equals(authKey, o.authKey) && garp.equals(o.garp)
                    && downTimerAdverts == o.downTimerAdverts && lowerPrioNoAdvert == o.lowerPrioNoAdvert
                    && higherPrioSendAdvert == o.higherPrioSendAdvert && skipCheckAdvAddr == o.skipCheckAdvAddr
                    && dontTrackPrimary == o.dontTrackPrimary && accept == o.accept && unicast == o.unicast
                    && v3ChecksumAsV2 == o.v3ChecksumAsV2 && checkUnicastSource == o.checkUnicastSource
                    && unicastPeers.equals(o.unicastPeers) && ownerIgnoreAdverts == o.ownerIgnoreAdverts
                    && configFault == o.configFault && unicastChecksum == o.unicastChecksum
                    && extraIfGarpMicros == o.extraIfGarpMicros && extraIfGarpAddresses.equals(o.extraIfGarpAddresses)
                    && highestOtherPriority == o.highestOtherPriority;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder vrid(int v) { vrid = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder advertIntervalMicros(long v) { advertIntervalMicros = v; return this; }
        public Builder initialMaster(boolean v) { initialMaster = v; return this; }
        public Builder preempt(boolean v) { preempt = v; return this; }
        public Builder preemptDelayMicros(long v) { preemptDelayMicros = v; return this; }
        public Builder vips(List<InetAddress> v) { vips = v; return this; }
        public Builder excludedVips(List<InetAddress> v) { excludedVips = v; return this; }
        public Builder sourceAddress(InetAddress v) { sourceAddress = v; return this; }
        public Builder auth(AuthType type, byte[] key8) { authType = type; authKey = key8; return this; }
        public Builder garp(GarpParams v) { garp = v; return this; }
        public Builder downTimerAdverts(int v) { downTimerAdverts = v; return this; }
        public Builder lowerPrioNoAdvert(boolean v) { lowerPrioNoAdvert = v; return this; }
        public Builder higherPrioSendAdvert(boolean v) { higherPrioSendAdvert = v; return this; }
        public Builder skipCheckAdvAddr(boolean v) { skipCheckAdvAddr = v; return this; }
        public Builder dontTrackPrimary(boolean v) { dontTrackPrimary = v; return this; }
        public Builder accept(boolean v) { accept = v; return this; }
        public Builder unicast(boolean v) { unicast = v; return this; }
        public Builder v3ChecksumAsV2(boolean v) { v3ChecksumAsV2 = v; return this; }
        public Builder checkUnicastSource(boolean v) { checkUnicastSource = v; return this; }
        public Builder unicastPeers(List<UnicastPeer> v) { unicastPeers = v; return this; }
        public Builder ownerIgnoreAdverts(boolean v) { ownerIgnoreAdverts = v; return this; }
        public Builder configFault(boolean v) { configFault = v; return this; }
        public Builder unicastChecksum(UnicastChecksum v) { unicastChecksum = v; return this; }
        public Builder extraIfGarp(long micros, List<InetAddress> addresses) { extraIfGarpMicros = micros; extraIfGarpAddresses = addresses; return this; }

        public Builder timerExpiredBackup(int highestOtherPriority) { this.highestOtherPriority = highestOtherPriority; return this; }

        public InstanceParams build() {
            IpFamily f = family != null ? family : IpFamily.of(sourceAddress);
            return new InstanceParams(name, interfaceName, vrid, version, f, priority, advertIntervalMicros,
                    initialMaster, preempt, preemptDelayMicros, vips, excludedVips, sourceAddress, authType, authKey, garp,
                    downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, skipCheckAdvAddr, dontTrackPrimary,
                    accept, unicast, v3ChecksumAsV2, checkUnicastSource, unicastPeers, ownerIgnoreAdverts, configFault,
                    unicastChecksum, extraIfGarpMicros, extraIfGarpAddresses, highestOtherPriority);
        }
    }
}
