package io.jkeepalived.daemon;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import sun.misc.Signal;

/**
 * Turns keepalived's control signals into events on a queue read by the daemon's main thread, so no
 * work runs inside the JVM's signal dispatcher.
 */
public final class SignalEvents {
    /** What an operator asked for, by keepalived's --signum names. */
    public enum Request { STOP, RELOAD, DATA, STATS }

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();

    public SignalEvents install() {
        on("TERM", Request.STOP);
        on("INT", Request.STOP);
        on("HUP", Request.RELOAD);
        on("USR1", Request.DATA);
        on("USR2", Request.STATS);
        return this;
    }

    private void on(String name, Request request) {
        Signal.handle(new Signal(name), s -> queue.add(request));
    }

    /** Blocks until the next request. */
    public Request next() throws InterruptedException {
        return queue.take();
    }

    /** Waits at most {@code timeout} for the next request; empty when none came. */
    public java.util.Optional<Request> next(java.time.Duration timeout) throws InterruptedException {
        return java.util.Optional.ofNullable(queue.poll(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /** For the daemon itself (e.g. a fatal subsystem error) to ask for a stop. */
    public void post(Request request) {
        queue.add(request);
    }
}
