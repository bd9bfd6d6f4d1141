package io.jkeepalived.daemon;

import io.jkeepalived.linux.IgnoredSignals;
import io.jkeepalived.linux.InheritedSignals;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.linux.WaitedSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import sun.misc.Signal;

/**
 * Turns keepalived's control signals into events on a queue read by the daemon's main thread, so no
 * work runs inside the JVM's signal dispatcher. Signals that whoever started us set to "ignore" are taken
 * back first (see InheritedSignals); {@link #takenBack()} and {@link #stillIgnored()} say which, for the log.
 */
public final class SignalEvents {
    /**
     * What an operator asked for, by keepalived's --signum names; and RELOAD_TIME_FILE, posted by the daemon's
     * reload_time_file watcher: the file may have changed.
     */
    public enum Request { STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON, RELOAD_TIME_FILE }

    private record Wanted(String name, int number, Request request) {
    }

    private static final List<Wanted> WANTED = List.of(
            new Wanted("TERM", InheritedSignals.SIGTERM, Request.STOP),
            new Wanted("INT", InheritedSignals.SIGINT, Request.STOP),
            new Wanted("HUP", InheritedSignals.SIGHUP, Request.RELOAD),
            new Wanted("USR1", InheritedSignals.SIGUSR1, Request.DATA),
            new Wanted("USR2", InheritedSignals.SIGUSR2, Request.STATS));

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<String> takenBack = new ArrayList<>();
    private final List<String> stillIgnored = new ArrayList<>();
    private java.util.Set<Integer> waited;

    public SignalEvents install() {
        for (Wanted w : WANTED) {
            boolean inherited = InheritedSignals.ignored(w.number());
            if (inherited) {
                InheritedSignals.restoreDefault(w.number());    // the JVM only hands over a signal not ignored
            }
            Signal.handle(new Signal(w.name()), s -> queue.add(w.request()));
            if (InheritedSignals.ignored(w.number())) {
                stillIgnored.add("SIG" + w.name());
            } else if (inherited) {
                takenBack.add("SIG" + w.name());
            }
        }
        return this;
    }

    /**
     * keepalived's real-time signals, JSON (SIGRTMIN+2, 36) and STATS_CLEAR (SIGRTMAX-1, 63): the JVM cannot hand
     * them to Java code, so a thread takes them with sigtimedwait - possible only for those the launcher blocked for
     * every thread (see WaitedSignals). Returns the ones served; the others stay ignored.
     */
    public java.util.Set<Integer> waitForRealtime() {
        if (waited != null) {
            return waited;
        }
        waited = IgnoredSignals.REALTIME.stream().filter(WaitedSignals::blockedHere)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (waited.isEmpty()) {
            return waited;
        }
        int[] signos = waited.stream().mapToInt(Integer::intValue).toArray();
        Thread.ofPlatform().daemon().name("signal-realtime").start(() -> {
            while (true) {
                try {
                    WaitedSignals.await(java.time.Duration.ofSeconds(5), signos).ifPresent(
                            signo -> queue.add(signo == IgnoredSignals.JSON ? Request.JSON : Request.STATS_CLEAR));
                } catch (SyscallException e) {
                    return;     // cannot happen with a valid set; the signal then stays pending and harmless
                }
            }
        });
        return waited;
    }

    /** Signals that were ignored when we started and are handled now. */
    public List<String> takenBack() {
        return List.copyOf(takenBack);
    }

    /** Signals that stay ignored: what they ask for cannot happen. */
    public List<String> stillIgnored() {
        return List.copyOf(stillIgnored);
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
