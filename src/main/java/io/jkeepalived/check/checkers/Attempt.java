package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One running check attempt: reports exactly one {@link CheckResult}, either the worker's or the
 * timeout's, and closes every socket it was given when it ends, so a blocked read or connect returns.
 */
public final class Attempt {
    private final long deadlineNanos;
    private final Consumer<CheckResult> done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<Closeable> resources = new ArrayList<>(2);
    private volatile Supplier<CheckResult> onTimeout = () -> CheckResult.failure("timeout");
    private volatile ScheduledFuture<?> timer;

    Attempt(long deadlineNanos, Consumer<CheckResult> done) {
        this.deadlineNanos = deadlineNanos;
        this.done = done;
    }

    void armTimer(ScheduledFuture<?> future) {
        this.timer = future;
        if (finished.get()) {
            future.cancel(false);
        }
    }

    /** What to report if the deadline comes first; set it as the attempt moves from phase to phase. */
    public void timeoutResult(Supplier<CheckResult> result) {
        this.onTimeout = result;
    }

    /** Closed when the attempt ends; closed at once if it already has. */
    public <T extends Closeable> T own(T resource) {
        synchronized (resources) {
            resources.add(resource);
        }
        if (finished.get()) {
            closeAll();
        }
        return resource;
    }

    /** Time left before the deadline, at least one millisecond (0 means "no timeout" to the JDK). */
    public int remainingMillis() {
        long left = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    public boolean isFinished() {
        return finished.get();
    }

    /** Reports the result unless the attempt already ended; returns whether this call reported. */
    public boolean finish(CheckResult result) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        var t = timer;
        if (t != null) {
            t.cancel(false);
        }
        closeAll();
        done.accept(result);
        return true;
    }

    void expire() {
        if (!finished.get()) {
            finish(onTimeout.get());
        }
    }

    private void closeAll() {
        List<Closeable> copy;
        synchronized (resources) {
            copy = List.copyOf(resources);
            resources.clear();
        }
        for (Closeable c : copy) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is best effort; the socket is unusable either way
            }
        }
    }
}
