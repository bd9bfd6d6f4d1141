package io.jkeepalived.check.tcp;

import io.jkeepalived.check.CheckResult;
import io.jkeepalived.check.Checker;
import io.jkeepalived.check.loop.Reactor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * TCP_CHECK: a non-blocking connect that must complete within connect_timeout. Runs on the event loop's
 * own Selector - no thread, no executor per check - so tens of thousands of servers cost little.
 * {@link #start} must be called on the loop thread.
 */
public final class TcpChecker implements Checker {
    private final Reactor reactor;
    private final InetSocketAddress target;
    private final Optional<InetSocketAddress> bindTo;
    private final String description;

    public TcpChecker(Reactor reactor, InetSocketAddress target, Optional<InetSocketAddress> bindTo, String description) {
        this.reactor = reactor;
        this.target = target;
        this.bindTo = bindTo;
        this.description = description;
    }

    @Override
    public String describe() {
        return "TCP connection to " + description;
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            done.accept(CheckResult.failure("cannot create socket: " + e.getMessage()));
            return;
        }
        try {
            channel.configureBlocking(false);
            if (bindTo.isPresent()) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(bindTo.get());
            }
            if (channel.connect(target)) {
                close(channel);
                done.accept(CheckResult.success());
                return;
            }
            var attempt = new Attempt(channel, done);
            attempt.key = reactor.register(channel, SelectionKey.OP_CONNECT, attempt);
            attempt.timer = reactor.schedule(reactor.now() + timeout.toNanos(), attempt::timedOut);
        } catch (IOException e) {
            close(channel);
            done.accept(CheckResult.failure(describe(e)));
        }
    }

    private static String describe(IOException e) {
        return switch (e) {
            case ConnectException c -> "connection refused";
            case NoRouteToHostException n -> "no route to host";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a failed close of a check socket changes nothing about the result
        }
    }

    /** One connect in flight: finished by readiness or by its deadline, whichever comes first. */
    private static final class Attempt implements Reactor.IoHandler {
        final SocketChannel channel;
        final Consumer<CheckResult> done;
        SelectionKey key;
        Reactor.Timer timer;
        boolean finished;

        Attempt(SocketChannel channel, Consumer<CheckResult> done) {
            this.channel = channel;
            this.done = done;
        }

        @Override
        public void ready(SelectionKey selected) {
            CheckResult result;
            try {
                result = channel.finishConnect() ? CheckResult.success() : null;
            } catch (IOException e) {
                result = CheckResult.failure(TcpChecker.describe(e));
            }
            if (result != null) {
                finish(result);
            }
        }

        void timedOut() {
            finish(CheckResult.failure("timeout"));
        }

        void finish(CheckResult result) {
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
            close(channel);
            done.accept(result);
        }
    }
}
