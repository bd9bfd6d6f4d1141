package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;
import java.util.Optional;

/**
 * One {@code url { path; digest; status_code; virtualhost; regex... }} of HTTP_GET/SSL_GET.
 *
 * @param statusCodes  inclusive ranges; {@code [200-299]} when none was given
 * @param digest       lower-case hex MD5 of the body, when given
 * @param regexMinOffset the first body offset a regex match may start at (0: the start)
 * @param regexMaxOffset the last body offset a regex match may start at; -1: no limit
 */
public record UrlSpec(String path, Optional<String> digest, List<StatusRange> statusCodes, Optional<String> virtualhost,
        Optional<String> regex, boolean regexNoMatch, List<String> regexOptions, long regexMinOffset,
        long regexMaxOffset, boolean tlsCompliant, SourcePos pos) {
    public UrlSpec {
        statusCodes = List.copyOf(statusCodes);
        regexOptions = List.copyOf(regexOptions);
    }

    public record StatusRange(int from, int to) {
        public boolean contains(int code) {
            return code >= from && code <= to;
        }
    }

    public static final List<StatusRange> DEFAULT_STATUS = List.of(new StatusRange(200, 299));

    public boolean accepts(int status) {
        return statusCodes.stream().anyMatch(r -> r.contains(status));
    }
}
