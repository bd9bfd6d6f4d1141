package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One health check of one real server (TCP_CHECK, HTTP_GET, ...). Implementations do their own I/O
 * but never decide the server's state: they report one {@link CheckResult} per attempt to the check
 * engine, which applies retry, delay_before_retry, alpha, weights and quorum.
 */
public interface Checker extends AutoCloseable {

    /** keepalived's words for the target, e.g. {@code TCP connection to [192.0.2.11]:tcp:80}. */
    String describe();

    /**
     * Starts one attempt. {@code done} is called exactly once, from any thread, no later than
     * {@code timeout} after this call (plus scheduling slack), whatever the server does.
     */
    void start(Duration timeout, Consumer<CheckResult> done);

    @Override
    default void close() {
    }
}
