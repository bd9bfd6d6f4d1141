package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.ThreadWatch;
import io.jkeepalived.linux.EventPoller;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The thread of a netlink watcher (links, static routes, tracked processes): waits on the poller that holds the
 * watcher's socket, hands each wake-up to the watcher's step, and runs until closed. A failing step is logged and
 * retried after 100 ms rather than ending the watch. {@link #close()} stops it, then closes the socket and poller.
 * Started with {@link #startWatched}, the thread is supervised: its death (an Error) or a step stuck longer than
 * {@link ThreadWatch#MIN_STALL} is reported by {@link #death()}, and the VRRP subsystem restarts the run.
 */
final class NetlinkWatchThread implements AutoCloseable, Supervised {
    /** One wake-up's work: drain the socket (and whatever fell due). */
    interface Step {
        void run() throws Exception;
    }

    private final EventPoller poller;
    private final Runnable closeSocket;
    private final String errorPrefix;
    private final Log log;
    private volatile boolean running = true;
    private Thread thread;
    private volatile ThreadWatch watch;

    /** Registers {@code fd} with {@code poller}; {@code errorPrefix} starts the log line of a failed step. */
    NetlinkWatchThread(EventPoller poller, int fd, Runnable closeSocket, String errorPrefix, Log log) throws Exception {
        this.poller = poller;
        this.closeSocket = closeSocket;
        this.errorPrefix = errorPrefix;
        this.log = log;
        poller.register(fd);
    }

    /** Starts a supervised daemon thread {@code name}, stamping a heartbeat of its own (see {@link #death()}). */
    void startWatched(String name, IntSupplier timeoutMillis, Step step) {
        var own = new ThreadWatch(d -> log.error("VRRP thread " + d.describe() + " - the VRRP subsystem will be restarted"));
        watch = own;
        var beat = own.heartbeat(name, java.time.Duration.ofSeconds(1));
        thread = own.start(name, true, () -> run(timeoutMillis, step, beat));
    }

    @Override
    public java.util.Optional<ThreadWatch.Death> death() {
        ThreadWatch own = watch;
        return own == null ? java.util.Optional.empty() : own.death();
    }

    private void run(IntSupplier timeoutMillis, Step step, ThreadWatch.Heartbeat beat) {
        while (running) {
            try {
                beat.waiting();
                poller.await(timeoutMillis.getAsInt(), fd -> { });
                beat.working();
                if (!running) {
                    return;
                }
                step.run();
            } catch (Exception e) {
                if (running) {
                    log.error(errorPrefix + e.getMessage());
                    LockSupport.parkNanos(100_000_000L);
                }
            }
        }
    }

    /** Stops the thread (waiting up to a second), then closes the socket and the poller. */
    @Override
    public void close() {
        running = false;
        poller.wakeup();
        if (thread != null) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeSocket.run();
        poller.close();
    }
}
