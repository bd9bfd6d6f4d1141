package io.jkeepalived.config.build;

import io.jkeepalived.config.model.SslSpec;
import java.util.Optional;

/** The SSL block's keywords (the client certificate SSL_GET checkers use), each beside what it does. */
final class SslKeywords {
    private SslKeywords() {
    }

    /** The SSL block while it is read. */
    static final class Draft {
        Optional<String> password = Optional.empty();
        Optional<String> ca = Optional.empty();
        Optional<String> certificate = Optional.empty();
        Optional<String> key = Optional.empty();

        SslSpec finish() {
            return new SslSpec(password, ca, certificate, key);
        }
    }

    static final KeywordTable<Draft> TABLE = KeywordTable.<Draft>of("SSL")
            .on("password", (ssl, w) -> ssl.password = w.required(0))
            .on("ca", (ssl, w) -> ssl.ca = w.required(0))
            .on("certificate", (ssl, w) -> ssl.certificate = w.required(0))
            .on("key", (ssl, w) -> ssl.key = w.required(0))
            .build();
}
