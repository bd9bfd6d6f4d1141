package io.jkeepalived.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scripts started while stopping (notify_stop, omega's notify_down/quorum_down): the daemon waits for
 * them, all together for a bounded time, as keepalived does, before it exits.
 */
public final class ScriptsAtStop {
    private final List<ScriptHandle> started = new ArrayList<>();

    public synchronized void add(ScriptHandle handle) {
        started.add(handle);
    }

    /**
     * Waits until every one has ended or {@code limit} passed; with {@code terminateLate} those still running
     * then get SIGTERM on their process group.
     */
    public void await(Duration limit, boolean terminateLate) {
        List<ScriptHandle> handles;
        synchronized (this) {
            handles = List.copyOf(started);
            started.clear();
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (var h : handles) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    h.outcome().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // the bound passed: keepalived also stops waiting
            }
        }
        if (terminateLate) {
            handles.stream().filter(ScriptHandle::running).forEach(ScriptHandle::terminate);
        }
    }
}
