package io.jkeepalived.linux;

import java.util.function.IntConsumer;

/**
 * Waits on many descriptors at once (epoll), so a single event-loop thread can serve its sockets, netlink
 * and its timers: {@code await(untilNextDeadline, ...)}. {@link #wakeup()} is the only method other threads
 * may call; it makes the current or next await return (an eventfd registered internally).
 */
public interface EventPoller extends AutoCloseable {
    /** Watches {@code fd} for readability. */
    void register(int fd) throws SyscallException;

    /**
     * Watches {@code fd} for writability (a non-blocking connect that finished, either way). Closing the
     * descriptor ends the watch; no {@link #unregister} needed.
     */
    void registerWritable(int fd) throws SyscallException;

    void unregister(int fd) throws SyscallException;

    /**
     * Waits up to {@code timeoutMillis} (0 = just look, negative = forever) and calls {@code ready} with
     * every ready registered fd. When a batch fills the event array it takes the next at once, without
     * waiting, so that after a stall no ready descriptor waits behind the caller's timers. Returns how many
     * were ready; 0 on timeout, wakeup or signal. Allocates nothing.
     */
    int await(int timeoutMillis, IntConsumer ready) throws SyscallException;

    /** Thread-safe. */
    void wakeup();

    @Override
    void close();
}
