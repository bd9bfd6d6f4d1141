package io.jkeepalived.check.runtime;

import io.jkeepalived.loop.EventLoop;
import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.checkers.Checker;
import io.jkeepalived.check.engine.Action;
import io.jkeepalived.check.engine.CheckEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the check engine on an event loop: starts each checker when it is due, feeds its result to the
 * engine, hands the engine's actions on, and re-arms the checker's deadline. Normal checks keep the
 * cadence of delay_loop from their start; a retry waits delay_before_retry after the failure, as keepalived.
 * All methods run on the loop thread.
 */
public final class CheckScheduler {
    private final EventLoop loop;
    private final CheckEngine engine;
    private final List<Checker> checkers;
    private final Consumer<Action> actions;
    private final long[] startedAt;
    /** When each checker was due: the cadence is kept from deadlines, so late starts do not add up. */
    private final long[] dueAt;
    private final Runnable[] dueTasks;
    private final java.util.function.Consumer<CheckResult>[] doneCallbacks;
    private final List<Action> out = new ArrayList<>();
    private long checksStarted;
    private long checksCompleted;
    private boolean stopped;

    private final CheckEngine previous;

    public CheckScheduler(EventLoop loop, CheckEngine engine, List<Checker> checkers, Consumer<Action> actions) {
        this(loop, engine, checkers, actions, null);
    }

    /** @param previous  on reload, the engine whose state servers present in both configs keep (else null) */
    public CheckScheduler(EventLoop loop, CheckEngine engine, List<Checker> checkers, Consumer<Action> actions,
                          CheckEngine previous) {
        if (checkers.size() != engine.checkerCount()) {
            throw new IllegalArgumentException(checkers.size() + " checkers for " + engine.checkerCount() + " planned");
        }
        this.loop = loop;
        this.engine = engine;
        this.checkers = List.copyOf(checkers);
        this.actions = actions;
        this.previous = previous;
        this.startedAt = new long[checkers.size()];
        this.dueAt = new long[checkers.size()];
        this.dueTasks = new Runnable[checkers.size()];
        @SuppressWarnings("unchecked")
        java.util.function.Consumer<CheckResult>[] callbacks = new java.util.function.Consumer[checkers.size()];
        this.doneCallbacks = callbacks;
        for (int id = 0; id < dueTasks.length; id++) {
            int checkerId = id;
            dueTasks[id] = () -> due(checkerId);
            // results from the loop thread (TCP) go straight in; others are handed over
            doneCallbacks[id] = result -> {
                if (loop.inLoop()) {
                    completed(checkerId, result);
                } else {
                    loop.execute(() -> completed(checkerId, result));
                }
            };
        }
    }

    /** Initial pool and first deadlines. */
    public void start() {
        start(java.util.Set.of());
    }

    /** Initial pool and first deadlines, knowing the local addresses present now (ha_suspend). */
    public void start(java.util.Set<String> localAddresses) {
        if (previous != null) {
            engine.adopt(previous);
        }
        engine.start(localAddresses, out);
        flush();
        long now = loop.now();
        for (int id = 0; id < checkers.size(); id++) {
            int checkerId = id;
            dueAt[checkerId] = now + engine.initialDelayNanos(id);
            loop.schedule(dueAt[checkerId], dueTasks[checkerId]);
        }
    }

    private void due(int id) {
        if (stopped) {
            return;
        }
        long now = loop.now();
        if (!engine.isEnabled(id)) {
            dueAt[id] = now + engine.plan(id).delayLoop().toNanos();
            loop.scheduleAfter(now, engine.plan(id).delayLoop().toNanos(), dueTasks[id]);
            return;
        }
        startedAt[id] = now;
        checksStarted++;
        var checker = checkers.get(id);
        try {
            checker.start(engine.plan(id).timeout(), doneCallbacks[id]);
        } catch (RuntimeException e) {
            loop.execute(() -> completed(id, CheckResult.failure("checker error: " + e.getMessage())));
        }
    }

    private void completed(int id, CheckResult result) {
        if (stopped) {
            return;
        }
        checksCompleted++;
        long delay = engine.onResult(id, result, out);
        flush();
        // a retry waits delay_before_retry from now; a normal re-check is due delay_loop after the previous
        // deadline (not after a late start), unless that is already past
        long now = loop.now();
        long from = engine.isRetrying(id) ? now : Math.max(dueAt[id], now - delay);
        dueAt[id] = from + delay;
        loop.scheduleAfter(from, delay, dueTasks[id]);
    }

    /** An address appeared on or left this host (ha_suspend). */
    public void addressChanged(String address, boolean present) {
        engine.onAddressChange(address, present, out);
        flush();
    }

    /** Shutdown: pool cleared, omega notifies, checkers closed. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        engine.stop(out);
        flush();
        for (var c : checkers) {
            c.close();
        }
    }

    /** Reload: checkers closed, the engine's state left as it is for the next configuration. */
    public void suspend() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (var c : checkers) {
            c.close();
        }
    }

    public long checksStarted() {
        return checksStarted;
    }

    public long checksCompleted() {
        return checksCompleted;
    }

    public List<CheckEngine.VirtualServerStatus> status() {
        return engine.status();
    }

    private void flush() {
        for (var a : out) {
            actions.accept(a);
        }
        out.clear();
    }
}
