package io.jkeepalived.check.checkers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How one HTTP_GET/SSL_GET checker talks to its server.
 *
 * @param urls        checked one after the other (in parallel within one attempt); all must pass
 * @param protocol    {@code http_protocol}
 * @param virtualhost Host header when a url sets none (checker, then real server, then virtual server)
 * @param tls         present for SSL_GET: the context built from the {@code SSL {}} block
 * @param enableSni   send the virtual host as SNI ({@code enable_sni})
 */
public record HttpOptions(List<HttpUrl> urls, HttpProtocol protocol, Optional<String> virtualhost,
                          Optional<SSLContext> tls, boolean enableSni) {
    public HttpOptions {
        urls = List.copyOf(urls);
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(tls, "tls");
    }

    public static HttpOptions http(List<HttpUrl> urls) {
        return new HttpOptions(urls, HttpProtocol.HTTP_1_0, Optional.empty(), Optional.empty(), false);
    }

    public HttpOptions withProtocol(HttpProtocol p) {
        return new HttpOptions(urls, p, virtualhost, tls, enableSni);
    }

    public HttpOptions withVirtualhost(String host) {
        return new HttpOptions(urls, protocol, Optional.of(host), tls, enableSni);
    }

    public HttpOptions withTls(SSLContext context, boolean sni) {
        return new HttpOptions(urls, protocol, virtualhost, Optional.of(context), sni);
    }

    public boolean isSsl() {
        return tls.isPresent();
    }
}
