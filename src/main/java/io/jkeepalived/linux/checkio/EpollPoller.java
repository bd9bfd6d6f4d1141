package io.jkeepalived.linux.checkio;

import io.jkeepalived.loop.Poller;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * An event-loop poller on epoll(7) through FFM: file descriptors registered with a handler, an eventfd for
 * wakeups from other threads. A descriptor is forgotten when its owner closes it (close removes it from
 * the epoll set), so a finished check costs no epoll_ctl call.
 */
public final class EpollPoller implements Poller {
    private static final int MAX_EVENTS = 1024;

    /** Readiness of one registered descriptor. */
    interface FdHandler {
        void ready(int fd, int events);
    }

    final Libc libc = new Libc();
    private final int epfd;
    private final int wakeFd;
    private final MemorySegment events;
    private FdHandler[] handlers = new FdHandler[4096];
    private volatile boolean closed;

    public EpollPoller() throws IOException {
        epfd = libc.epollCreate();
        if (epfd < 0) {
            throw new IOException("epoll_create1: " + Libc.strerror(libc.errno()));
        }
        wakeFd = libc.eventfd();
        if (wakeFd < 0 || libc.epollAdd(epfd, wakeFd, Libc.EPOLLIN) < 0) {
            int errno = libc.errno();
            libc.close(epfd);
            throw new IOException("eventfd for wakeups: " + Libc.strerror(errno));
        }
        // 12 KiB per loop from the global arena (see Libc): no per-call liveness checks
        events = libc.arena().allocate((long) MAX_EVENTS * Libc.EPOLL_EVENT_SIZE, 8);
    }

    /** Watches {@code fd} for {@code eventMask} (EPOLLOUT, ...); returns 0 or an errno. */
    int add(int fd, int eventMask, FdHandler handler) {
        if (fd >= handlers.length) {
            handlers = Arrays.copyOf(handlers, Math.max(fd + 1, handlers.length * 2));
        }
        if (libc.epollAdd(epfd, fd, eventMask) < 0) {
            return libc.errno();
        }
        handlers[fd] = handler;
        return 0;
    }

    /** The owner is about to close {@code fd}. */
    void forget(int fd) {
        handlers[fd] = null;
    }

    @Override
    public void poll(long timeoutNanos) throws IOException {
        int millis = timeoutNanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        // a full batch means more may be ready: take them all now, so that after a stall no finished connect
        // waits behind the timers and is called a timeout
        while (pollOnce(millis) == MAX_EVENTS) {
            millis = 0;
        }
    }

    private int pollOnce(int millis) throws IOException {
        int n = libc.epollWait(epfd, events, MAX_EVENTS, millis);
        if (n < 0) {
            int errno = libc.errno();
            if (errno == Libc.EINTR) {
                return 0;
            }
            throw new IOException("epoll_wait: " + Libc.strerror(errno));
        }
        for (int i = 0; i < n; i++) {
            long base = (long) i * Libc.EPOLL_EVENT_SIZE;
            int mask = events.get(ValueLayout.JAVA_INT_UNALIGNED, base);
            int fd = (int) events.get(ValueLayout.JAVA_LONG_UNALIGNED, base + 4);
            if (fd == wakeFd) {
                libc.drain(wakeFd);
                continue;
            }
            var handler = fd < handlers.length ? handlers[fd] : null;
            if (handler != null) {
                handler.ready(fd, mask);
            }
        }
        return n;
    }

    @Override
    public void wakeup() {
        if (!closed) {
            Libc.signal(wakeFd);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int fd = 0; fd < handlers.length; fd++) {
            if (handlers[fd] != null) {
                handlers[fd] = null;
                libc.close(fd);
            }
        }
        libc.close(wakeFd);
        libc.close(epfd);
        libc.close();
    }
}
