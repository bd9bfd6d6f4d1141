package io.jkeepalived.check.checkers;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code url {}} of HTTP_GET/SSL_GET.
 *
 * @param path         the request path, sent as written
 * @param digest       the expected MD5 of the body, 32 hex digits
 * @param statusCodes  accepted status codes
 * @param virtualhost  the Host header (and SNI name) for this url, overriding the checker's
 * @param regex        a pattern the body must contain (or must not, with {@code regexNoMatch})
 * @param regexMinOffset the first body offset a match may start at ({@code regex_min_offset})
 * @param regexMaxOffset the last body offset a match may start at ({@code regex_max_offset}); -1: no limit
 * @param tlsCompliant SSL_GET ends the connection with a TLS close_notify ({@code tls_compliant} of the url or
 *                     its checker); otherwise it just closes the socket, as keepalived's quiet shutdown does
 */
public record HttpUrl(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualhost,
                      Optional<Pattern> regex, boolean regexNoMatch, long regexMinOffset, long regexMaxOffset,
                      boolean tlsCompliant) {
    public HttpUrl {
        Objects.requireNonNull(path, "path");
        if (regexMinOffset < 0 || (regexMaxOffset >= 0 && regexMinOffset > regexMaxOffset)) {
            throw new IllegalArgumentException("regex offsets: min " + regexMinOffset + " max " + regexMaxOffset);
        }
        digest = digest.map(d -> d.toLowerCase(java.util.Locale.ROOT));
        digest.ifPresent(d -> {
            if (d.length() != 32 || !d.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("digest '" + d + "' must be 32 hex digits");
            }
        });
    }

    public static HttpUrl of(String path) {
        return new HttpUrl(path, Optional.empty(), StatusCodes.defaults(), Optional.empty(), Optional.empty(), false, 0, -1, false);
    }

    public HttpUrl withDigest(String hex) {
        return new HttpUrl(path, Optional.of(hex), statusCodes, virtualhost, regex, regexNoMatch, regexMinOffset, regexMaxOffset, tlsCompliant);
    }

    public HttpUrl withStatusCodes(StatusCodes codes) {
        return new HttpUrl(path, digest, codes, virtualhost, regex, regexNoMatch, regexMinOffset, regexMaxOffset, tlsCompliant);
    }

    public HttpUrl withVirtualhost(String host) {
        return new HttpUrl(path, digest, statusCodes, Optional.of(host), regex, regexNoMatch, regexMinOffset, regexMaxOffset, tlsCompliant);
    }

    public HttpUrl withRegex(Pattern pattern, boolean noMatch) {
        return new HttpUrl(path, digest, statusCodes, virtualhost, Optional.of(pattern), noMatch, regexMinOffset, regexMaxOffset, tlsCompliant);
    }

    /** keepalived's regex_min_offset / regex_max_offset ({@code max} -1: none). */
    public HttpUrl withRegexOffsets(long min, long max) {
        return new HttpUrl(path, digest, statusCodes, virtualhost, regex, regexNoMatch, min, max, tlsCompliant);
    }

    public HttpUrl withTlsCompliant(boolean compliant) {
        return new HttpUrl(path, digest, statusCodes, virtualhost, regex, regexNoMatch, regexMinOffset, regexMaxOffset, compliant);
    }

    /** A fresh window for one response; null when the url has no regex. */
    RegexWindow regexWindow() {
        return regex.map(p -> new RegexWindow(p, regexMinOffset, regexMaxOffset)).orElse(null);
    }

    byte[] digestBytes() {
        return digest.map(HexFormat.of()::parseHex).orElse(null);
    }
}
