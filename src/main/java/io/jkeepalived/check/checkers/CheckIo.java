package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The threads the protocol checkers share: one virtual thread per attempt doing plain blocking I/O,
 * and one timer thread that ends every attempt at its deadline by closing its sockets. This is the
 * only place in the package that owns threads or reads the clock.
 */
public final class CheckIo implements AutoCloseable {
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("jkp-check-", 0).factory());
    private final ScheduledThreadPoolExecutor deadlines;

    public CheckIo() {
        deadlines = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("jkp-check-deadline").factory());
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts {@code body} on its own virtual thread. {@code done} gets exactly one result: the body's
     * (via {@link Attempt#finish}) or, at {@code timeout}, whatever {@link Attempt#timeoutResult} says
     * then; the attempt's sockets are closed either way.
     */
    public Attempt start(Duration timeout, Consumer<CheckResult> done, Consumer<Attempt> body) {
        var attempt = new Attempt(System.nanoTime() + timeout.toNanos(), done);
        attempt.armTimer(deadlines.schedule(attempt::expire, Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
        try {
            workers.execute(() -> {
                try {
                    body.accept(attempt);
                } catch (RuntimeException | Error e) {
                    attempt.finish(CheckResult.failure("internal error: " + e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            attempt.finish(CheckResult.failure("checker stopped"));
        }
        return attempt;
    }

    /** Runs a blocking task that is not an attempt (e.g. an ICMP probe) on a virtual thread. */
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        workers.shutdownNow();
    }
}
