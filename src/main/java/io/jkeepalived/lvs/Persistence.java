package io.jkeepalived.lvs;

import java.util.Optional;

/**
 * {@code persistence_timeout} with its granularity and engine: clients of one network go to one server.
 *
 * @param timeoutSeconds  1..2678400
 * @param prefixLength    the granularity as a prefix length (32 or 128 = one client address)
 * @param engine          persistence_engine (e.g. sip), empty for the address-based default
 */
public record Persistence(int timeoutSeconds, int prefixLength, Optional<String> engine) {
    public Persistence {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("persistence timeout must be >= 1 s, got " + timeoutSeconds);
        }
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("persistence granularity /" + prefixLength);
        }
    }

    /**
     * keepalived's {@code persistence_granularity}: a dotted netmask for IPv4 ({@code 255.255.255.0}), a
     * prefix length for IPv6 ({@code 64}); empty means one address.
     *
     * @return the prefix length, or -1 when the text is neither
     */
    public static int prefixOf(Optional<String> granularity, boolean ipv6) {
        int full = ipv6 ? 128 : 32;
        if (granularity.isEmpty()) {
            return full;
        }
        var text = granularity.get().trim();
        if (text.indexOf('.') < 0) {
            try {
                int len = Integer.parseInt(text.startsWith("/") ? text.substring(1) : text);
                return len >= 0 && len <= full ? len : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        var parts = text.split("\\.");
        if (parts.length != 4 || ipv6) {
            return -1;
        }
        long mask = 0;
        try {
            for (var p : parts) {
                int b = Integer.parseInt(p);
                if (b < 0 || b > 255) {
                    return -1;
                }
                mask = mask << 8 | b;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        int len = Long.numberOfLeadingZeros(~mask << 32);
        // a mask must be contiguous ones
        long expected = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        return mask == expected ? len : -1;
    }
}
