package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.linux.EventPoller;
import java.util.function.IntConsumer;

/**
 * An {@link EventPoller} for unit tests of the netlink watchers: never ready ({@link #idle()}), or its socket
 * readable every few milliseconds ({@link #tickingEvery}), so that a watcher's step runs again and again.
 */
final class ScriptedPoller implements EventPoller {
    private final long tickMillis;

    private ScriptedPoller(long tickMillis) {
        this.tickMillis = tickMillis;
    }

    static ScriptedPoller idle() {
        return new ScriptedPoller(0);
    }

    static ScriptedPoller tickingEvery(long millis) {
        return new ScriptedPoller(millis);
    }

    @Override
    public void register(int fd) {
    }

    @Override
    public void registerWritable(int fd) {
    }

    @Override
    public void unregister(int fd) {
    }

    @Override
    public int await(int timeoutMillis, IntConsumer ready) {
        if (tickMillis == 0) {
            return 0;
        }
        try {
            Thread.sleep(tickMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.accept(3);
        return 1;
    }

    @Override
    public void wakeup() {
    }

    @Override
    public void close() {
    }
}
