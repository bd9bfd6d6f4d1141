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
 */
public record AdvertExpectations(String name, int vrid, int version, IpFamily family, AuthType authType,
                                 byte[] authKey, long advertIntervalMicros, List<InetAddress> vips, boolean unicast,
                                 boolean v3ChecksumAsV2) {
    public AdvertExpectations {
        authKey = authKey.clone();
        vips = List.copyOf(vips);
    }

    byte[] key() {
        return authKey;
    }
}
