package io.jkeepalived.check.checkers;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;

/**
 * One GET of one url on its own connection, with keepalived's request text and keepalived's words for
 * each way it can go wrong. Blocking I/O on the attempt's virtual thread; the attempt's deadline
 * closes the socket, which is what bounds a slow or endless server.
 */
final class HttpExchange {
    private static final int READ_CHUNK = 8192;

    /** What came back: a response to judge, or a failure in keepalived's words. */
    sealed interface Outcome {
        record Response(HttpResponseReader reader, byte[] digest) implements Outcome {
        }

        /** @param message keepalived's phrase, e.g. "Timeout connecting"; @param reason what we saw */
        record Failure(String message, String reason) implements Outcome {
        }
    }

    private final CheckTarget target;
    private final HttpOptions options;
    private final HttpUrl url;
    private final boolean alwaysDigest;
    private final HttpResponseReader.Listener listener;
    private volatile String phase = "Timeout connecting";

    HttpExchange(CheckTarget target, HttpOptions options, HttpUrl url, boolean alwaysDigest,
                 HttpResponseReader.Listener listener) {
        this.target = target;
        this.options = options;
        this.url = url;
        this.alwaysDigest = alwaysDigest;
        this.listener = listener;
    }

    /** keepalived's phrase for a timeout in the phase the exchange is in now. */
    String timeoutPhrase() {
        return phase;
    }

    /** The Host header value (and SNI name): the url's virtual host, the checker's, or address:port. */
    String virtualHost() {
        return url.virtualhost().or(options::virtualhost).orElse(null);
    }

    String requestText() {
        String vhost = virtualHost();
        String host;
        if (vhost != null) {
            host = vhost;
        } else {
            var address = target.connectTo().getAddress();
            String literal = CheckTarget.literal(address);
            host = (address instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + target.connectTo().getPort();
        }
        return "GET " + url.path() + " HTTP/1." + options.protocol().minorVersion() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (options.protocol().connectionClose() ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
    }

    Outcome run(Attempt attempt) {
        Socket socket = attempt.own(new Socket());
        if (target.bindTo().isPresent()) {
            try {
                socket.bind(target.bindTo().get());
            } catch (IOException e) {
                return new Outcome.Failure("WEB socket bind failed", reason(e));
            }
        }
        try {
            socket.connect(target.connectTo(), attempt.remainingMillis());
        } catch (SocketTimeoutException e) {
            return new Outcome.Failure("Timeout connecting", "no answer to SYN");
        } catch (ConnectException | NoRouteToHostException e) {
            // keepalived: the connect was started, then SO_ERROR said why it did not complete
            return new Outcome.Failure("Connection failed", reason(e));
        } catch (IOException e) {
            return new Outcome.Failure("Error connecting", reason(e));
        }
        Socket io = socket;
        if (options.tls().isPresent()) {
            try {
                io = handshake(attempt, socket);
            } catch (HandshakeFailed e) {
                return e.failure;
            }
        }
        phase = "Cannot send get request to";
        try {
            io.getOutputStream().write(requestText().getBytes(StandardCharsets.ISO_8859_1));
            io.getOutputStream().flush();
        } catch (IOException e) {
            return new Outcome.Failure("Cannot send get request to", reason(e));
        }
        Outcome outcome = read(io);
        if (io instanceof SSLSocket ssl) {
            endTls(ssl, socket);
        }
        return outcome;
    }

    /**
     * keepalived sets SSL_set_quiet_shutdown unless tls_compliant: the TCP connection is closed with no
     * close_notify. With tls_compliant, SSL_shutdown sends one first, which SSLSocket.close() does. (A read
     * timeout closes the socket from the deadline thread, which must not block in a TLS write: no alert then.)
     */
    private void endTls(SSLSocket ssl, Socket plain) {
        try {
            if (url.tlsCompliant()) {
                ssl.close();
            } else {
                plain.close();
            }
        } catch (IOException ignored) {
            // the answer is already read; a peer that went away first changes nothing
        }
    }

    /** Carries a handshake failure out of {@link #handshake}. */
    private static final class HandshakeFailed extends Exception {
        private final transient Outcome.Failure failure;

        HandshakeFailed(Outcome.Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    private SSLSocket handshake(Attempt attempt, Socket plain) throws HandshakeFailed {
        try {
            var factory = options.tls().orElseThrow().getSocketFactory();
            String vhost = virtualHost();
            var ssl = (SSLSocket) factory.createSocket(plain, CheckTarget.literal(target.connectTo().getAddress()),
                    target.connectTo().getPort(), true);
            attempt.own(ssl);
            var params = ssl.getSSLParameters();
            // keepalived sends SNI only with enable_sni, and then the virtual host name.
            params.setServerNames(options.enableSni() && vhost != null ? List.of(new SNIHostName(vhost)) : List.of());
            ssl.setSSLParameters(params);
            ssl.setSoTimeout(attempt.remainingMillis());
            ssl.startHandshake();
            return ssl;
        } catch (SocketTimeoutException e) {
            throw new HandshakeFailed(new Outcome.Failure("Timeout connecting", "TLS handshake not finished"));
        } catch (IOException | IllegalArgumentException e) {
            throw new HandshakeFailed(new Outcome.Failure("SSL handshake/communication error connecting to", reason(e)));
        }
    }

    private Outcome read(Socket io) {
        boolean ssl = options.tls().isPresent();
        phase = "Timeout WEB read";
        var reader = new HttpResponseReader(alwaysDigest || url.digest().isPresent(), url.regexWindow(), listener);
        byte[] buf = new byte[READ_CHUNK];
        try {
            InputStream in = io.getInputStream();
            boolean more = true;
            while (more) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                phase = ssl ? "Timeout SSL read" : "Timeout HTTP read";
                more = reader.feed(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return new Outcome.Failure(phase, "no data within the timeout");
        } catch (IOException e) {
            if (!ssl || !reader.headerComplete()) {
                return new Outcome.Failure("Read error with", reason(e));
            }
            // Like keepalived's SSL reader, an error after the header still judges what arrived
            // (TLS peers often close without close_notify).
        }
        return new Outcome.Response(reader, reader.digest());
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
