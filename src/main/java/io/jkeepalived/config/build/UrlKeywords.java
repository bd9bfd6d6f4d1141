package io.jkeepalived.config.build;

import io.jkeepalived.config.model.UrlSpec;
import java.util.Locale;

/** The url keywords of HTTP_GET / SSL_GET, each beside what it does to the {@link UrlDraft}. */
final class UrlKeywords {
    private UrlKeywords() {
    }

    static final KeywordTable<UrlDraft> TABLE = KeywordTable.<UrlDraft>of("url")
            .on("path", (u, w) -> u.path = w.required(0).orElse(null))
                .applied(UrlSpec::path)
            .on("digest", UrlKeywords::digest)
                .applied(UrlSpec::digest)
            .on("status_code", UrlKeywords::statusCode)
                .applied(UrlSpec::statusCodes)
            .on("virtualhost", (u, w) -> u.vhost = w.required(0))
                .applied(UrlSpec::virtualhost)
            .on("regex", (u, w) -> u.regex = w.required(0))
                .applied(UrlSpec::regex)
            .on("regex_no_match", (u, w) -> u.noMatch = true)
                .applied(UrlSpec::regexNoMatch)
            .on("regex_options", (u, w) -> u.options = w.node().argTexts())
                .applied(UrlSpec::regexOptions)
            .on("regex_min_offset", (u, w) -> offset(w, "min").ifPresent(v -> u.minOff = v))
                .applied(UrlSpec::regexMinOffset)
            .on("regex_max_offset", (u, w) -> offset(w, "max").ifPresent(v -> u.maxOff = v))
                .applied(UrlSpec::regexMaxOffset)
            .on("tls_compliant", (u, w) -> u.tls = w.bool(0))
                .applied(UrlSpec::tlsCompliant)
            .accepted("regex_stack")
                .unsupported("PCRE2 JIT stack size")
            .build();

    /** keepalived's regex_offset_handler: one decimal number; anything else is logged and ignored. */
    private static java.util.OptionalLong offset(Words w, String which) {
        if (w.count() != 1) {
            w.info("Missing or too may options for regex_" + which + "_offset");
            return java.util.OptionalLong.empty();
        }
        String text = w.arg(0).orElse("");
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 18) {
            w.info("Invalid regex_" + which + "_offset " + text + " specified");
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(text));
    }

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
