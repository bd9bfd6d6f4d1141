package io.jkeepalived.adapters.check;

import io.jkeepalived.check.port.TcpConnector;
import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.loop.Reactor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.Consumer;

/** TCP connects with java.nio SocketChannels on the event loop's Selector. */
public final class NioTcpConnector implements TcpConnector {
    static final CheckResult SUCCESS = CheckResult.success();
    static final CheckResult TIMEOUT = CheckResult.failure("timeout");

    private final Reactor reactor;

    public NioTcpConnector(Reactor reactor) {
        this.reactor = reactor;
    }

    @Override
    public Target target(InetSocketAddress target, Optional<InetSocketAddress> bindTo) {
        return (timeoutNanos, done) -> connect(target, bindTo, timeoutNanos, done);
    }

    private void connect(InetSocketAddress target, Optional<InetSocketAddress> bindTo, long timeoutNanos,
                         Consumer<CheckResult> done) {
        SocketChannel channel;
        try {
            // the target's own family: no dual-stack socket and its extra setup for an IPv4 server
            channel = SocketChannel.open(target.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
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
                done.accept(SUCCESS);
                return;
            }
            var attempt = new Attempt(channel, done);
            attempt.key = reactor.register(channel, SelectionKey.OP_CONNECT, attempt);
            attempt.timer = reactor.scheduleAfter(timeoutNanos, attempt);
        } catch (IOException e) {
            close(channel);
            done.accept(CheckResult.failure(describe(e)));
        }
    }

    static String describe(IOException e) {
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
    private static final class Attempt implements Reactor.IoHandler, Runnable {
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
                result = channel.finishConnect() ? SUCCESS : null;
            } catch (IOException e) {
                result = CheckResult.failure(describe(e));
            }
            if (result != null) {
                finish(result);
            }
        }

        /** The deadline passed first. */
        @Override
        public void run() {
            finish(TIMEOUT);
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
