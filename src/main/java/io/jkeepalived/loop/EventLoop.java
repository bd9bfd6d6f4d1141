package io.jkeepalived.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One single-threaded event loop: a {@link Poller} for non-blocking sockets (epoll for descriptors, or a
 * Selector for java.nio channels), a deadline queue for timers, and an inbox for work handed over from other threads (script results). The only place of the check subsystem
 * that reads the clock and waits.
 */
public final class EventLoop implements Reactor, AutoCloseable {
    private final Poller poller;
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile io.jkeepalived.common.ThreadWatch.Heartbeat beat;
    private volatile java.util.function.LongConsumer lateWakeups;

    /** A loop on a java.nio Selector. */
    public EventLoop() {
        this(new NioPoller());
    }

    public EventLoop(Poller poller) {
        this.poller = poller;
    }

    /**
     * Stamps {@code heartbeat} around each poll: working after it wakes, waiting before it blocks (a task stuck on
     * the loop stops its progress; set before {@link #run()}).
     */
    public void watchedBy(io.jkeepalived.common.ThreadWatch.Heartbeat heartbeat) {
        this.beat = heartbeat;
    }

    /**
     * Told, on the loop thread, how many nanoseconds after the earliest timer's deadline the poll returned, when it
     * returned late at all (keepalived's check after each epoll_wait: max_auto_priority).
     */
    public void onLateWakeup(java.util.function.LongConsumer lateNanos) {
        this.lateWakeups = lateNanos;
    }

    public Poller poller() {
        return poller;
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException {
        if (poller instanceof NioPoller nio) {
            return nio.register(channel, ops, handler);
        }
        throw new IllegalStateException("this loop polls with " + poller.getClass().getSimpleName() + ", not a Selector");
    }

    @Override
    public Reactor.Timer schedule(long deadlineNanos, Runnable action) {
        return timers.add(deadlineNanos, action);
    }

    @Override
    public Reactor.Timer scheduleAfter(long delayNanos, Runnable action) {
        return timers.addInLane(delayNanos << 1, now() + delayNanos, action);
    }

    /**
     * Like {@link #scheduleAfter} but from a given start: due at {@code from + delayNanos} (a lane of its
     * own, apart from timeouts of the same length).
     */
    public Reactor.Timer scheduleAfter(long from, long delayNanos, Runnable action) {
        return timers.addInLane((delayNanos << 1) | 1, from + delayNanos, action);
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
            poller.wakeup();
        }
    }

    /** Runs the loop on the calling thread until {@link #stop()}. */
    public void run() {
        thread = Thread.currentThread();
        if (beat != null) {
            beat.working();
        }
        try {
            while (running) {
                runQueued();
                if (!running) {
                    break;
                }
                long next = timers.nextDeadline();
                var b = beat;
                if (b != null) {
                    b.waiting();
                }
                if (!local.isEmpty() || !inbox.isEmpty()) {
                    poller.poll(0);
                } else if (next == Long.MAX_VALUE) {
                    poller.poll(-1);
                } else {
                    poller.poll(Math.max(0, next - now()));
                }
                if (b != null) {
                    b.working();
                }
                var late = lateWakeups;
                if (late != null && next != Long.MAX_VALUE && now() - next > 0) {
                    late.accept(now() - next);
                }
                // I/O before timers: after a stall, a connect that completed meanwhile is not called a timeout
                runQueued();
                timers.runDue(now());
            }
            runQueued();
        } catch (IOException e) {
            throw new UncheckedIOException("event loop poll failed: " + e.getMessage(), e);
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
        poller.wakeup();
    }

    int pendingTimers() {
        return timers.size();
    }

    @Override
    public void close() {
        poller.close();
    }
}
