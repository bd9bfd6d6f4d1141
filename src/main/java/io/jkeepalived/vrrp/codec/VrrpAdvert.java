package io.jkeepalived.vrrp.codec;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The VRRP header fields of one advertisement (RFC 3768 section 5.1 for v2, RFC 5798 section 5.1 for v3).
 *
 * @param version       2 or 3
 * @param type          1 (ADVERTISEMENT) in every valid packet
 * @param vrid          virtual router id, 0..255
 * @param priority      0..255; 0 means "master is stopping", 255 "address owner"
 * @param authType      v2 auth type (0 none, 1 PASS, 2 AH); always 0 for v3
 * @param intervalField v2: advert interval in seconds (8 bits); v3: in centiseconds (12 bits)
 * @param checksum      the checksum as carried on the wire
 * @param addresses     the virtual addresses, all of one family
 * @param authData      v2: the 8 authentication bytes after the addresses (password for PASS, zero
 *                      otherwise); empty for v3
 */
public record VrrpAdvert(int version, int type, int vrid, int priority, int authType, int intervalField,
                         int checksum, List<InetAddress> addresses, byte[] authData) {

    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int V2_AUTH_LENGTH = 8;

    public VrrpAdvert {
        addresses = List.copyOf(addresses);
        authData = authData.clone();
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
        }
        if (version == 2 && authData.length != V2_AUTH_LENGTH) {
            throw new IllegalArgumentException("VRRPv2 carries exactly 8 authentication bytes, not " + authData.length);
        }
    }

    /** An advert as a router builds it: type ADVERTISEMENT, checksum left for the encoder. */
    public static VrrpAdvert of(int version, int vrid, int priority, AuthType auth, int intervalField,
                                List<InetAddress> addresses, byte[] authData) {
        return new VrrpAdvert(version, TYPE_ADVERTISEMENT, vrid, priority, version == 2 ? auth.wire() : 0,
                intervalField, 0, addresses, version == 2 ? authData : new byte[0]);
    }

    /** The advertisement interval in microseconds. */
    public long intervalMicros() {
        return version == 2 ? intervalField * 1_000_000L : intervalField * 10_000L;
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    /** Whether the auth bytes equal {@code expected} (constant time, as keepalived compares passwords). */
    public boolean authDataEquals(byte[] expected) {
        return java.security.MessageDigest.isEqual(authData, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpAdvert a && version == a.version && type == a.type && vrid == a.vrid
                && priority == a.priority && authType == a.authType && intervalField == a.intervalField
                && checksum == a.checksum && addresses.equals(a.addresses) && Arrays.equals(authData, a.authData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, type, vrid, priority, authType, intervalField, checksum, addresses)
                * 31 + Arrays.hashCode(authData);
    }

    @Override
    public String toString() {
        return "VrrpAdvert[v" + version + " type " + type + " vrid " + vrid + " prio " + priority + " auth " + authType
                + " intvl " + intervalField + " csum 0x" + Integer.toHexString(checksum) + " " + addresses + "]";
    }
}
