package io.jkeepalived.check.checkers;

import io.jkeepalived.check.port.TcpConnector;
import io.jkeepalived.check.engine.CheckResult;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * TCP_CHECK: a non-blocking connect that must complete within connect_timeout, driven by the checker's
 * event loop - no thread, no executor per check - so tens of thousands of servers cost little.
 * {@link #start} must be called on the loop thread.
 */
public final class TcpChecker implements Checker {
    private final TcpConnector.Target target;
    private final String description;

    public TcpChecker(TcpConnector.Target target, String description) {
        this.target = target;
        this.description = description;
    }

    @Override
    public String describe() {
        return "TCP connection to " + description;
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        target.connect(timeout.toNanos(), done);
    }
}
