package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntConsumer;

/** EventPoller on epoll(7) with an eventfd(2) for wakeups. await() allocates nothing. */
final class EpollPoller implements EventPoller {
    private final int capacity;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = arena.allocate(Libc.CAPTURE_LAYOUT);
    private final MemorySegment wakeErrno = arena.allocate(Libc.CAPTURE_LAYOUT);
    private final MemorySegment events;
    private final MemorySegment ctlEvent = arena.allocate(EpollEvent.LAYOUT);
    private final MemorySegment counter = arena.allocate(JAVA_LONG);
    private final MemorySegment one = arena.allocate(JAVA_LONG);
    private final int epfd;
    private final int wakeFd;
    private boolean closed;

    /** @param capacity how many ready descriptors one epoll_wait can report */
    EpollPoller(int capacity) throws SyscallException {
        this.capacity = capacity;
        events = arena.allocate(EpollEvent.LAYOUT, capacity);
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
        add(fd, Sys.EPOLLIN, "EPOLLIN");
    }

    @Override
    public void registerWritable(int fd) throws SyscallException {
        add(fd, Sys.EPOLLOUT, "EPOLLOUT");
    }

    private void add(int fd, int events, String eventsName) throws SyscallException {
        EpollEvent.set(ctlEvent, 0, events, fd);
        if (Libc.epollCtl(errno, epfd, Sys.EPOLL_CTL_ADD, fd, ctlEvent) < 0) {
            throw Libc.error("epoll_ctl", "epfd=" + epfd + ", EPOLL_CTL_ADD, fd=" + fd + ", " + eventsName, errno);
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
        int millis = timeoutMillis < 0 ? -1 : timeoutMillis;
        int reported = 0;
        int n;
        do {
            n = Libc.epollWait(errno, epfd, events, capacity, millis);
            if (n < 0) {
                int e = Libc.errno(errno);
                if (e == Errno.EINTR) {
                    return reported;
                }
                throw Libc.error("epoll_wait", "epfd=" + epfd + ", timeout=" + timeoutMillis + "ms", e);
            }
            for (int i = 0; i < n; i++) {
                int fd = EpollEvent.fd(events, i);
                if (fd == wakeFd) {
                    Libc.read(errno, wakeFd, counter, 8); // reset the eventfd counter
                } else {
                    reported++;
                    ready.accept(fd);
                }
            }
            millis = 0;
        } while (n == capacity);
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
