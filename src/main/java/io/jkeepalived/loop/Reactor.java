package io.jkeepalived.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * What the event loop offers checkers that do non-blocking I/O on the loop thread itself (TCP_CHECK):
 * readiness callbacks and deadlines, without a thread or executor per check. Every method must be
 * called on the loop thread.
 */
public interface Reactor {

    /** Monotonic time of the loop, in nanoseconds. */
    long now();

    /** Calls {@code handler} on the loop thread when the channel is ready for {@code ops}. */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException;

    /** Runs {@code action} on the loop thread at (or just after) {@code deadlineNanos}. */
    Timer schedule(long deadlineNanos, Runnable action);

    /**
     * Runs {@code action} about {@code delayNanos} from now. Cheaper than {@link #schedule} for the
     * fixed delays checks use (timeouts): such timers are kept in arrival order, no heap.
     */
    Timer scheduleAfter(long delayNanos, Runnable action);

    /** Readiness callback. */
    @FunctionalInterface
    interface IoHandler {
        void ready(SelectionKey key);
    }

    /** A scheduled action that can be cancelled before it runs. */
    interface Timer {
        void cancel();
    }
}
