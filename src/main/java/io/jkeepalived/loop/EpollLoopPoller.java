package io.jkeepalived.loop;

import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.SyscallException;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The event loop's {@link Poller} on Linux's epoll set ({@link EventPoller}): each watched descriptor has a
 * handler, found by fd in an array so that dispatch allocates nothing. A descriptor is forgotten when its
 * owner closes it (close also takes it out of the epoll set), so a finished check costs no epoll_ctl call.
 */
public final class EpollLoopPoller implements Poller {
    /** Ready descriptors per epoll_wait: a stalled loop with thousands of connects in flight catches up in few calls. */
    private static final int CAPACITY = 1024;

    /** Readiness of one watched descriptor; runs on the loop thread. */
    @FunctionalInterface
    public interface FdHandler {
        void ready(int fd);
    }

    private final EventPoller epoll;
    private final IntConsumer dispatch = this::dispatch;
    private FdHandler[] handlers = new FdHandler[4096];

    public EpollLoopPoller() throws SyscallException {
        this.epoll = Linux.openEventPoller(CAPACITY);
    }

    /** Calls {@code handler} when {@code fd} becomes writable; the owner calls {@link #forget} before closing it. */
    public void watchWritable(int fd, FdHandler handler) throws SyscallException {
        if (fd >= handlers.length) {
            handlers = Arrays.copyOf(handlers, Math.max(fd + 1, handlers.length * 2));
        }
        epoll.registerWritable(fd);
        handlers[fd] = handler;
    }

    /** The owner is about to close {@code fd}. */
    public void forget(int fd) {
        handlers[fd] = null;
    }

    private void dispatch(int fd) {
        var handler = fd < handlers.length ? handlers[fd] : null;
        if (handler != null) {
            handler.ready(fd);
        }
    }

    @Override
    public void poll(long timeoutNanos) throws IOException {
        int millis = timeoutNanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        epoll.await(millis, dispatch);
    }

    @Override
    public void wakeup() {
        epoll.wakeup();
    }

    /** Closes the epoll set; descriptors still watched (connects in flight) are closed with it. */
    @Override
    public void close() {
        for (int fd = 0; fd < handlers.length; fd++) {
            if (handlers[fd] != null) {
                handlers[fd] = null;
                Linux.closeDescriptor(fd);
            }
        }
        epoll.close();
    }
}
