package io.jkeepalived.check.port;

import io.jkeepalived.check.engine.CheckResult;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Non-blocking TCP connects driven by an event loop. Two implementations: java.nio on a Selector
 * ({@code adapters.check.NioTcpConnector}), and direct socket/connect/epoll calls through FFM
 * ({@code io.jkeepalived.linux.checkio.EpollTcpConnector}), which needs about half the system calls.
 */
public interface TcpConnector {

    /** Prepares connects to one target (addresses are encoded once, not per check). */
    Target target(InetSocketAddress target, Optional<InetSocketAddress> bindTo);

    interface Target {
        /**
         * Starts one connect on the loop thread; {@code done} gets exactly one result: success, or a
         * failure whose detail says {@code connection refused}, {@code timeout}, ...
         */
        void connect(long timeoutNanos, Consumer<CheckResult> done);
    }
}
