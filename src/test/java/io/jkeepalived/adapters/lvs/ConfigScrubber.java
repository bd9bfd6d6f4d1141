package io.jkeepalived.adapters.lvs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes the health checks out of a keepalived.conf so that every real server stays up in both daemons: the
 * differential test compares what each programs into IPVS, not how fast two checkers notice dead addresses.
 * (A real server without a checker is always up, in keepalived as in jkeepalived.)
 */
final class ConfigScrubber {
    private static final List<String> CHECKERS = List.of("HTTP_GET", "SSL_GET", "TCP_CHECK", "SMTP_CHECK", "DNS_CHECK",
            "MISC_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");
    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*(" + String.join("|", CHECKERS) + ")\\s*\\{");

    private ConfigScrubber() {
    }

    static String withoutCheckers(String config) {
        var out = new StringBuilder(config);
        while (true) {
            var m = BLOCK.matcher(out);
            if (!m.find()) {
                return out.toString();
            }
            int depth = 0;
            int end = m.end() - 1;
            for (; end < out.length(); end++) {
                char c = out.charAt(end);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
            }
            out.delete(m.start(), Math.min(out.length(), end + 1));
        }
    }
}
