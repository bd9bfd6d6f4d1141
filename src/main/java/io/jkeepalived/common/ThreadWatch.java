package io.jkeepalived.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The threads (and scheduled tasks) one component owns, watched: whatever a body throws - an {@code Error}
 * included, which would otherwise end a thread or silently cancel a scheduled task - is recorded as that
 * component's death and reported once to {@code onDeath}. A loop that is alive but stuck counts as dead too:
 * each loop stamps a {@link Heartbeat}, and one that has been busy on a single step for longer than its bound
 * is reported (with where it is stuck) when the supervisor next asks. A supervisor asks {@link #alive()} (or
 * {@link #unhealthy()}) and restarts the component; a body that returns normally (on stop) is no death.
 */
public final class ThreadWatch {
    /** A loop never waits on its own work longer than this before it is called stuck (at least). */
    public static final Duration MIN_STALL = Duration.ofSeconds(5);

    /** The first thread or task that died (or stalled) and why. */
    public record Death(String thread, Throwable cause) {
        public String describe() {
            if (cause instanceof Stalled s) {
                var text = new StringBuilder(thread).append(" is stuck: ").append(s.getMessage());
                StackTraceElement[] frames = s.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, 24); i++) {
                    text.append("\n\tat ").append(frames[i]);
                }
                return text.toString();
            }
            return thread + " died: " + cause;
        }
    }

    /** A loop that made no progress: its stack trace is the stuck thread's, taken when it was found. */
    public static final class Stalled extends Exception {
        Stalled(String message, StackTraceElement[] where) {
            super(message, null, false, true);
            setStackTrace(where);
        }
    }

    /**
     * One loop's progress, stamped by its own thread: {@link #working()} when it wakes with something to do
     * (each step), {@link #waiting()} just before it blocks for input. Blocked waiting for the kernel is healthy
     * however long it lasts; busy on one step longer than the bound is not (a blocking call on the loop, a
     * lock that is never released, an endless loop in a task).
     */
    public final class Heartbeat {
        private static final long WAITING = Long.MIN_VALUE;
        private final String name;
        private final long boundNanos;
        private volatile long busySince = WAITING;
        private volatile Thread thread;
        private volatile long steps;

        private Heartbeat(String name, long boundNanos) {
            this.name = name;
            this.boundNanos = boundNanos;
        }

        public void working() {
            thread = Thread.currentThread();
            steps++;            // only the loop's own thread writes it
            busySince = nanos.getAsLong();
        }

        public void waiting() {
            busySince = WAITING;
        }

        /** One step of work between {@link #working()} and {@link #waiting()} (for executor tasks). */
        public void step(Runnable body) {
            working();
            try {
                body.run();
            } finally {
                waiting();
            }
        }

        /** The loop's steps so far (a progress counter for dumps and tests). */
        public long steps() {
            return steps;
        }

        /** The stall, if this loop has been busy on one step for longer than its bound at {@code now}. */
        private Optional<Stalled> stalled(long now) {
            long since = busySince;
            Thread t = thread;
            if (since == WAITING || now - since <= boundNanos || t == null) {
                return Optional.empty();
            }
            return Optional.of(new Stalled(String.format("no progress for %.1f s (bound %.1f s), in state %s",
                    (now - since) / 1e9, boundNanos / 1e9, t.getState()), t.getStackTrace()));
        }
    }

    private final AtomicReference<Death> death = new AtomicReference<>();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final Consumer<Death> onDeath;
    private final LongSupplier nanos;
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

    /** {@code onDeath} runs on the dying thread (for a stall: on the supervisor's), once, for the first death only. */
    public ThreadWatch(Consumer<Death> onDeath) {
        this(onDeath, System::nanoTime);
    }

    /** With the time source stalls are measured on (tests). */
    public ThreadWatch(Consumer<Death> onDeath, LongSupplier nanos) {
        this.onDeath = onDeath;
        this.nanos = nanos;
    }

    /**
     * A heartbeat for the loop {@code name}, which wakes at least every {@code period} when it has work: it is
     * stuck once busy on one step for max(3 x period, {@link #MIN_STALL}).
     */
    public Heartbeat heartbeat(String name, Duration period) {
        long bound = Math.max(3 * period.toNanos(), MIN_STALL.toNanos());
        var h = new Heartbeat(name, bound);
        heartbeats.add(h);
        return h;
    }

    /** Starts a platform thread running {@code body}, watched. */
    public Thread start(String name, boolean daemon, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(daemon).start(guarded(name, body));
    }

    /** {@code body} wrapped so that anything it throws is recorded (for executors and other threads). */
    public Runnable guarded(String name, Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable t) {
                died(name, t);
            }
        };
    }

    /** Records a death seen elsewhere (e.g. a thread that must never return did). */
    public void died(String name, Throwable cause) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        var d = new Death(name, cause);
        try {
            onDeath.accept(d);
        } catch (Throwable ignored) {
            // reporting must not hide the death itself: it is recorded below
        } finally {
            death.set(d);       // after the report: whoever sees the death can also read why in the log
        }
    }

    /** The first death, a stall found now included. */
    public Optional<Death> death() {
        checkHeartbeats();
        return Optional.ofNullable(death.get());
    }

    /** True while no thread died and no loop is stuck: what a supervisor (and a systemd watchdog) asks. */
    public boolean alive() {
        return death().isEmpty();
    }

    /**
     * What is wrong, one line each: the recorded death and every loop stuck now; empty when all is well.
     * Stuck loops found here are recorded as the death as well (the first one), so the component is restarted.
     */
    public List<String> unhealthy() {
        var lines = new ArrayList<String>();
        long now = nanos.getAsLong();
        for (Heartbeat h : heartbeats) {
            h.stalled(now).ifPresent(s -> lines.add(h.name + " is stuck: " + s.getMessage()));
        }
        Death d = death().orElse(null);
        if (d != null && !(d.cause() instanceof Stalled)) {
            lines.addFirst(d.thread() + " died: " + d.cause());
        }
        return List.copyOf(lines);
    }

    private void checkHeartbeats() {
        if (death.get() != null || heartbeats.isEmpty()) {
            return;
        }
        long now = nanos.getAsLong();
        for (Heartbeat h : heartbeats) {
            var stall = h.stalled(now);
            if (stall.isPresent()) {
                died(h.name, stall.get());
                return;
            }
        }
    }
}
