package io.jkeepalived.vrrp.codec;

import java.net.InetAddress;
import java.util.List;

/**
 * What one VRRP instance expects of the adverts it accepts (keepalived's vrrp_check_packet context).
 *
 * @param name            instance name, for log texts
 * @param version         2 or 3
 * @param family          address family of the instance
 * @param authType        v2 auth type configured
 * @param authKey         8 bytes: PASS password or AH key, zero-padded; empty without auth
 * @param advertIntervalMicros our configured interval (v2 adverts must carry the same)
 * @param vips            the instance's virtual addresses, in config order
 * @param unicast         whether the instance uses unicast peers (no TTL check, expects unicast)
 * @param v3ChecksumAsV2  keepalived's v3_checksum_as_v2: any v3 IPv4 checksum is accepted
 * @param checkUnicastSource check_unicast_src / vrrp_check_unicast_src (or a peer's min_ttl/max_ttl): a unicast
 *                        advert must come from one of {@code unicastPeers}, within that peer's TTL range
 * @param unicastPeers    the configured peers with their TTL ranges
 * @param unicastChecksum old_unicast_checksum: which v3 IPv4 unicast checksum is expected (at the start)
 */
public record AdvertExpectations(String name, int vrid, int version, IpFamily family, AuthType authType,
                                 byte[] authKey, long advertIntervalMicros, List<InetAddress> vips, boolean unicast,
                                 boolean v3ChecksumAsV2, boolean checkUnicastSource, List<UnicastPeer> unicastPeers,
                                 UnicastChecksum unicastChecksum) {
    public AdvertExpectations {
        authKey = authKey.clone();
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
    }

    /** With the RFC unicast checksum (keepalived's default: switching to the old one on an old advert). */
    public AdvertExpectations(String name, int vrid, int version, IpFamily family, AuthType authType, byte[] authKey,
                              long advertIntervalMicros, List<InetAddress> vips, boolean unicast, boolean v3ChecksumAsV2,
                              boolean checkUnicastSource, List<UnicastPeer> unicastPeers) {
        this(name, vrid, version, family, authType, authKey, advertIntervalMicros, vips, unicast, v3ChecksumAsV2,
                checkUnicastSource, unicastPeers, UnicastChecksum.RFC_DETECT_OLD);
    }

    /** Without unicast source checks. */
    public AdvertExpectations(String name, int vrid, int version, IpFamily family, AuthType authType, byte[] authKey,
                              long advertIntervalMicros, List<InetAddress> vips, boolean unicast, boolean v3ChecksumAsV2) {
        this(name, vrid, version, family, authType, authKey, advertIntervalMicros, vips, unicast, v3ChecksumAsV2,
                false, List.of());
    }

    byte[] key() {
        return authKey;
    }
}
