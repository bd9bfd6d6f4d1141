package io.jkeepalived.config.build;

import io.jkeepalived.config.model.UrlSpec;
import java.util.Locale;

/** The url keywords of HTTP_GET / SSL_GET, each beside what it does to the {@link UrlDraft}. */
final class UrlKeywords {
    private UrlKeywords() {
    }

    static final KeywordTable<UrlDraft> TABLE = KeywordTable.<UrlDraft>of("url")
            .on("path", (u, w) -> u.path = w.required(0).orElse(null))
            .on("digest", UrlKeywords::digest)
            .on("status_code", UrlKeywords::statusCode)
            .on("virtualhost", (u, w) -> u.vhost = w.required(0))
            .on("regex", (u, w) -> u.regex = w.required(0))
            .on("regex_no_match", (u, w) -> u.noMatch = true)
            .on("regex_options", (u, w) -> u.options = w.node().argTexts())
            .on("regex_min_offset", (u, w) -> u.minOff = (int) w.integer(0, 0, Integer.MAX_VALUE).orElse(0))
            .on("regex_max_offset", (u, w) -> u.maxOff = (int) w.integer(0, 0, Integer.MAX_VALUE).orElse(0))
            .on("tls_compliant", (u, w) -> u.tls = w.bool(0))
            .build();

    private static void digest(UrlDraft u, Words w) {
        var d = w.required(0);
        if (d.isPresent() && d.get().length() != 32) {
            w.error("digest '" + d.get() + "' character length should be 32 rather than " + d.get().length());
        } else if (d.isPresent() && !isHex(d.get())) {
            w.error("digest '" + d.get() + "' is not a hex string - ignoring");
        } else {
            u.digest = d.map(s -> s.toLowerCase(Locale.ROOT));
        }
    }

    private static void statusCode(UrlDraft u, Words w) {
        for (var t : w.node().argTexts()) {
            var parts = t.split("-", 2);
            try {
                int from = Integer.parseInt(parts[0]);
                int to = parts.length > 1 ? Integer.parseInt(parts[1]) : from;
                if (from < 100 || to > 599 || from > to) {
                    w.error("Invalid HTTP_GET status code '" + t + "'");
                } else {
                    u.codes.add(new UrlSpec.StatusRange(from, to));
                }
            } catch (NumberFormatException e) {
                w.error("Invalid HTTP_GET status code '" + t + "' - ignoring");
            }
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
