package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.IntConsumer;

/** EventPoller on epoll(7) with an eventfd(2) for wakeups. await() allocates nothing. */
final class EpollPoller implements EventPoller {
    private static final int MAX_EVENTS = 64;
    private static final ValueLayout.OfLong DATA = JAVA_LONG.withByteAlignment(4); // packed on x86_64

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = arena.allocate(Libc.CAPTURE_LAYOUT);
    private final MemorySegment wakeErrno = arena.allocate(Libc.CAPTURE_LAYOUT);
    private final MemorySegment events = arena.allocate((long) Sys.EPOLL_EVENT_SIZE * MAX_EVENTS, 8);
    private final MemorySegment ctlEvent = arena.allocate(Sys.EPOLL_EVENT_SIZE, 8);
    private final MemorySegment counter = arena.allocate(JAVA_LONG);
    private final MemorySegment one = arena.allocate(JAVA_LONG);
    private final int epfd;
    private final int wakeFd;
    private boolean closed;

    EpollPoller() throws SyscallException {
        epfd = Libc.epollCreate1(errno, Sys.EPOLL_CLOEXEC);
        if (epfd < 0) {
            var e = Libc.error("epoll_create1", "EPOLL_CLOEXEC", errno);
            arena.close();
            throw e;
        }
        wakeFd = Libc.eventfd(errno, 0, Sys.EFD_NONBLOCK | Sys.EFD_CLOEXEC);
        if (wakeFd < 0) {
            var e = Libc.error("eventfd", "0, EFD_NONBLOCK|EFD_CLOEXEC", errno);
            Libc.close(errno, epfd);
            arena.close();
            throw e;
        }
        one.set(JAVA_LONG, 0, 1L);
        register(wakeFd);
    }

    @Override
    public void register(int fd) throws SyscallException {
        ctlEvent.set(JAVA_INT, 0, Sys.EPOLLIN);
        ctlEvent.set(DATA, Sys.EPOLL_DATA_OFFSET, fd);
        if (Libc.epollCtl(errno, epfd, Sys.EPOLL_CTL_ADD, fd, ctlEvent) < 0) {
            throw Libc.error("epoll_ctl", "epfd=" + epfd + ", EPOLL_CTL_ADD, fd=" + fd + ", EPOLLIN", errno);
        }
    }

    @Override
    public void unregister(int fd) throws SyscallException {
        if (Libc.epollCtl(errno, epfd, Sys.EPOLL_CTL_DEL, fd, ctlEvent) < 0) {
            throw Libc.error("epoll_ctl", "epfd=" + epfd + ", EPOLL_CTL_DEL, fd=" + fd, errno);
        }
    }

    @Override
    public int await(int timeoutMillis, IntConsumer ready) throws SyscallException {
        int n = Libc.epollWait(errno, epfd, events, MAX_EVENTS, timeoutMillis < 0 ? -1 : timeoutMillis);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Errno.EINTR) {
                return 0;
            }
            throw Libc.error("epoll_wait", "epfd=" + epfd + ", timeout=" + timeoutMillis + "ms", e);
        }
        int reported = 0;
        for (int i = 0; i < n; i++) {
            int fd = (int) events.get(DATA, (long) i * Sys.EPOLL_EVENT_SIZE + Sys.EPOLL_DATA_OFFSET);
            if (fd == wakeFd) {
                Libc.read(errno, wakeFd, counter, 8); // reset the eventfd counter
            } else {
                reported++;
                ready.accept(fd);
            }
        }
        return reported;
    }

    @Override
    public void wakeup() {
        synchronized (wakeErrno) {
            if (!closed) {
                Libc.write(wakeErrno, wakeFd, one, 8);
            }
        }
    }

    @Override
    public void close() {
        synchronized (wakeErrno) {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(errno, wakeFd);
            Libc.close(errno, epfd);
            arena.close();
        }
    }
}
