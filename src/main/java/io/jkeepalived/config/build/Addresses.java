package io.jkeepalived.config.build;

import io.jkeepalived.common.AddressText;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Literal IPv4/IPv6 addresses only: never a DNS lookup while reading a configuration. */
public final class Addresses {
    private Addresses() {
    }

    /** A literal address, or empty. */
    public static Optional<InetAddress> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            var t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            int pct = t.indexOf('%');
            var bare = pct >= 0 ? t.substring(0, pct) : t;
            for (int i = 0; i < bare.length(); i++) {
                char c = bare.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(InetAddress.getByName(bare));
            } catch (UnknownHostException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        // Four dot-separated groups of 1-3 decimal digits, each <= 255 (scanned by hand: no regex per address).
        var bytes = new byte[4];
        int group = 0;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            if (end < text.length() && text.charAt(end) != '.') {
                continue;
            }
            if (group == 4 || end == start || end - start > 3) {
                return Optional.empty();
            }
            int v = 0;
            for (int k = start; k < end; k++) {
                char c = text.charAt(k);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return Optional.empty();
            }
            bytes[group++] = (byte) v;
            start = end + 1;
        }
        if (group != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static int maxPrefix(InetAddress a) {
        return a.getAddress().length * 8;
    }

    /** The text keepalived prints: dotted quad, or RFC 5952 compressed IPv6 ({@code 2001:db8::1}). */
    public static String format(InetAddress a) {
        return io.jkeepalived.common.AddressText.of(a);
    }
}
