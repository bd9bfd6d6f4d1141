package io.jkeepalived.check.port;

import io.jkeepalived.check.engine.CheckResult;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Non-blocking TCP connects driven by an event loop (TCP_CHECK), with the checker's socket settings.
 * Implemented by {@code adapters.check.EpollTcpConnector}.
 */
public interface TcpConnector {

    /**
     * Where and how a checker connects.
     *
     * @param bindTo source address and port ({@code bindto}, {@code bind_port})
     * @param fwmark SO_MARK of the socket ({@code fwmark})
     * @param bindIf the device the socket is bound to ({@code bind_if})
     */
    record Endpoint(InetSocketAddress connectTo, Optional<InetSocketAddress> bindTo, OptionalInt fwmark,
                    Optional<String> bindIf) {
    }

    /** Prepares connects to one endpoint (addresses are encoded once, not per check). */
    Target target(Endpoint endpoint);

    interface Target {
        /**
         * Starts one connect on the loop thread; {@code done} gets exactly one result: success, or a
         * failure whose detail says {@code connection refused}, {@code timeout}, ...
         */
        void connect(long timeoutNanos, Consumer<CheckResult> done);
    }
}
