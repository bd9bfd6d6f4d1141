package io.jkeepalived.check.checkers;

import io.jkeepalived.loop.Reactor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One plain-HTTP GET driven by the checker's event loop (its Selector and timers): no thread per check,
 * which is what keeps thousands of HTTP_GET checks per second cheap. Same request text, same response
 * judging and same words as {@link HttpExchange}; must be started and run on the loop thread.
 */
final class ReactorHttpExchange implements Reactor.IoHandler {
    private static final int READS_PER_EVENT = 8;
    /** Size of the shared read buffer. */
    static final int READ_CHUNK = 8192;

    private enum State { CONNECTING, WRITING, READING }

    private final Reactor reactor;
    private final CheckTarget target;
    private final byte[] requestBytes;
    private final byte[] chunk;
    private final HttpResponseReader reader;
    private final Consumer<HttpExchange.Outcome> done;
    private SocketChannel channel;
    private SelectionKey key;
    private Reactor.Timer timer;
    private State state = State.CONNECTING;
    private ByteBuffer request;
    private String phase = "Timeout connecting";
    private boolean finished;
    /** The outcome once the response is judged; we then only drain until the server closes. */
    private HttpExchange.Outcome judged;

    /**
     * @param request the request bytes (built once per url)
     * @param scratch read buffer shared by every exchange of this loop: each read is consumed before
     *                the loop handles the next event, so one buffer serves them all
     */
    ReactorHttpExchange(Reactor reactor, CheckTarget target, byte[] request, byte[] scratch, HttpUrl url,
                        Consumer<HttpExchange.Outcome> done) {
        this.reactor = reactor;
        this.target = target;
        this.requestBytes = request;
        this.chunk = scratch;
        this.reader = new HttpResponseReader(url.digest().isPresent(), url.regexWindow(), null);
        this.done = done;
    }

    void start(long timeoutNanos) {
        try {
            channel = SocketChannel.open(target.connectTo().getAddress() instanceof java.net.Inet6Address
                    ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        } catch (IOException e) {
            finish(new HttpExchange.Outcome.Failure("WEB connection fail to create socket", HttpExchange.reason(e)));
            return;
        }
        timer = reactor.schedule(reactor.now() + timeoutNanos, this::timedOut);
        try {
            channel.configureBlocking(false);
            if (target.bindTo().isPresent()) {
                try {
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(target.bindTo().get());
                } catch (IOException e) {
                    finish(new HttpExchange.Outcome.Failure("WEB socket bind failed", HttpExchange.reason(e)));
                    return;
                }
            }
            // A server on the same host or LAN has often answered the SYN by the time connect() returns:
            // asking once saves a selector round trip per check.
            if (channel.connect(target.connectTo()) || channel.finishConnect()) {
                connected();
            } else {
                key = reactor.register(channel, SelectionKey.OP_CONNECT, this);
            }
        } catch (ConnectException | NoRouteToHostException e) {
            finish(new HttpExchange.Outcome.Failure("Connection failed", HttpExchange.reason(e)));
        } catch (IOException e) {
            finish(new HttpExchange.Outcome.Failure("Error connecting", HttpExchange.reason(e)));
        }
    }

    @Override
    public void ready(SelectionKey selected) {
        if (finished) {
            return;
        }
        try {
            switch (state) {
                case CONNECTING -> {
                    try {
                        if (!channel.finishConnect()) {
                            return;
                        }
                    } catch (IOException e) {
                        finish(new HttpExchange.Outcome.Failure("Connection failed", HttpExchange.reason(e)));
                        return;
                    }
                    connected();
                }
                case WRITING -> write();
                case READING -> read();
            }
        } catch (IOException e) {
            finish(new HttpExchange.Outcome.Failure(state == State.READING ? "Read error with" : "Cannot send get request to",
                    HttpExchange.reason(e)));
        }
    }

    private void connected() throws IOException {
        state = State.WRITING;
        phase = "Cannot send get request to";
        request = ByteBuffer.wrap(requestBytes);
        write();
    }

    private void write() throws IOException {
        channel.write(request);
        if (request.hasRemaining()) {
            interest(SelectionKey.OP_WRITE);
            return;
        }
        state = State.READING;
        phase = "Timeout WEB read";
        interest(SelectionKey.OP_READ);
    }

    private void interest(int ops) throws IOException {
        if (key == null) {
            key = reactor.register(channel, ops, this);
        } else {
            key.interestOps(ops);
        }
    }

    /**
     * Reads what is there, at most {@link #READS_PER_EVENT} chunks: a fast endless body must not keep the
     * loop from its timers and other checks (the selector reports the rest again).
     */
    private void read() throws IOException {
        var buf = ByteBuffer.wrap(chunk);
        for (int reads = 0; reads < READS_PER_EVENT; reads++) {
            buf.clear();
            int n = channel.read(buf);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                finish(judged != null ? judged : new HttpExchange.Outcome.Response(reader, reader.digest()));
                return;
            }
            if (judged != null) {
                continue; // draining: the answer is known, the server's FIN is awaited
            }
            phase = "Timeout HTTP read";
            if (!reader.feed(chunk, 0, n)) {
                // Everything that decides the check is here. Wait (within the timeout) for the server to
                // close first, as keepalived does: its side, not ours, then holds TIME_WAIT - which matters
                // at thousands of checks per second. A server that never closes still passes at the deadline.
                judged = new HttpExchange.Outcome.Response(reader, reader.digest());
            }
        }
    }

    private void timedOut() {
        finish(judged != null ? judged : new HttpExchange.Outcome.Failure(phase, "no answer within connect_timeout"));
    }

    private void finish(HttpExchange.Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the outcome is decided; a failed close changes nothing
            }
        }
        done.accept(outcome);
    }
}
