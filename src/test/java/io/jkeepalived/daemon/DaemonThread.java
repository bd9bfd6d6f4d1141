package io.jkeepalived.daemon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Daemon} run on a thread of a test and driven by the requests its signals would post. */
final class DaemonThread {
    private final SignalEvents signals = new SignalEvents();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private DaemonThread(Daemon daemon) {
        thread = Thread.ofPlatform().start(() -> {
            try {
                exit.set(daemon.run(new String[0], signals));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static DaemonThread start(Daemon daemon) {
        return new DaemonThread(daemon);
    }

    /** What SIGHUP, SIGTERM ... would ask for. */
    void post(SignalEvents.Request request) {
        signals.post(request);
    }

    /** Waits at most {@code timeout} for the daemon to end; its exit status, -1 while it still runs. */
    int exitWithin(Duration timeout) throws InterruptedException {
        thread.join(timeout);
        return exit.get();
    }
}
