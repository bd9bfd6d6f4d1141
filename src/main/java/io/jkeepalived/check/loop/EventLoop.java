package io.jkeepalived.check.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One single-threaded event loop: a Selector for non-blocking sockets, a deadline queue for timers, and an
 * inbox for work handed over from other threads (script results). The only place of the check subsystem
 * that reads the clock and waits.
 */
public final class EventLoop implements Reactor, AutoCloseable {
    private final Selector selector;
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile Thread thread;

    public EventLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
        }
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    @Override
    public Reactor.Timer schedule(long deadlineNanos, Runnable action) {
        return timers.add(deadlineNanos, action);
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon; callable from any thread. */
    public void execute(Runnable task) {
        if (inLoop()) {
            local.add(task);
        } else {
            inbox.add(task);
            selector.wakeup();
        }
    }

    /** Runs the loop on the calling thread until {@link #stop()}. */
    public void run() {
        thread = Thread.currentThread();
        try {
            while (running) {
                runQueued();
                timers.runDue(now());
                runQueued();
                if (!running) {
                    break;
                }
                long next = timers.nextDeadline();
                if (!local.isEmpty() || !inbox.isEmpty()) {
                    selector.selectNow(this::dispatch);
                } else if (next == Long.MAX_VALUE) {
                    selector.select(this::dispatch);
                } else {
                    long waitNanos = next - now();
                    if (waitNanos <= 0) {
                        selector.selectNow(this::dispatch);
                    } else {
                        // round up so we never wake just before the deadline and spin
                        selector.select(this::dispatch, Math.max(1, (waitNanos + 999_999) / 1_000_000));
                    }
                }
            }
            runQueued();
        } catch (IOException e) {
            throw new UncheckedIOException("event loop selector failed: " + e.getMessage(), e);
        }
    }

    private void dispatch(SelectionKey key) {
        if (key.isValid() && key.attachment() instanceof IoHandler handler) {
            handler.ready(key);
        }
    }

    private void runQueued() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            task.run();
        }
        while ((task = local.poll()) != null) {
            task.run();
        }
    }

    /** Asks the loop to end after the current step; callable from any thread. */
    public void stop() {
        running = false;
        selector.wakeup();
    }

    int pendingTimers() {
        return timers.size();
    }

    @Override
    public void close() {
        try {
            for (var key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with a selector that fails to close
        }
    }
}
