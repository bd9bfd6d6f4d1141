package io.jkeepalived.config.build;

import io.jkeepalived.config.model.UrlSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One HTTP_GET / SSL_GET url block while it is read; {@link #finish} applies keepalived's defaults and checks. */
final class UrlDraft {
    String path;
    Optional<String> digest = Optional.empty();
    final List<UrlSpec.StatusRange> codes = new ArrayList<>();
    Optional<String> vhost = Optional.empty();
    Optional<String> regex = Optional.empty();
    boolean noMatch;
    List<String> options = List.of();
    long minOff;
    long maxOff = -1;
    boolean tls;

    /** The url; empty when keepalived drops it (no path, said at {@code line}). */
    Optional<UrlSpec> finish(Words line) {
        if (path == null) {
            line.error("Url path not specified - ignoring");
            return Optional.empty();
        }
        // keepalived's url_check: offsets mean nothing without a regex, and a window that ends before it starts
        // is dropped (both are only logged there, so -t still passes)
        if (regex.isEmpty() && (minOff != 0 || maxOff >= 0)) {
            line.info("regex parameters specified without regex");
            minOff = 0;
            maxOff = -1;
        }
        if (maxOff >= 0 && minOff > maxOff) {
            line.info("regex min offset " + minOff + " > regex_max_offset " + maxOff + " - ignoring");
            minOff = 0;
            maxOff = -1;
        }
        return Optional.of(new UrlSpec(path, digest, codes.isEmpty() ? UrlSpec.DEFAULT_STATUS : codes, vhost, regex, noMatch,
                options, minOff, maxOff, tls, line.pos()));
    }
}
