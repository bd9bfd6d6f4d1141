package io.jkeepalived.common;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The threads (and scheduled tasks) one component owns, watched: whatever a body throws - an {@code Error}
 * included, which would otherwise end a thread or silently cancel a scheduled task - is recorded as that
 * component's death and reported once to {@code onDeath}. A supervisor asks {@link #death()} and restarts the
 * component; a body that returns normally (on stop) is no death.
 */
public final class ThreadWatch {
    /** The first thread or task that died and why. */
    public record Death(String thread, Throwable cause) {
        public String describe() {
            return thread + " died: " + cause;
        }
    }

    private final AtomicReference<Death> death = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();
    private final Consumer<Death> onDeath;

    /** {@code onDeath} runs on the dying thread, once, for the first death only. */
    public ThreadWatch(Consumer<Death> onDeath) {
        this.onDeath = onDeath;
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

    public Optional<Death> death() {
        return Optional.ofNullable(death.get());
    }

    public boolean alive() {
        return death.get() == null;
    }
}
