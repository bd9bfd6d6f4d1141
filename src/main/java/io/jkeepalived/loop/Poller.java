package io.jkeepalived.loop;

import java.io.IOException;

/** How an event loop waits: for readiness of its file descriptors, a deadline, or a wakeup from another thread. */
public interface Poller extends AutoCloseable {

    /**
     * Waits at most {@code timeoutNanos} (0: do not wait, negative: no limit) and runs the handlers of
     * whatever became ready.
     */
    void poll(long timeoutNanos) throws IOException;

    /** Makes a current or the next {@link #poll} return; callable from any thread. */
    void wakeup();

    @Override
    void close();
}
