package io.jkeepalived.linux.checkio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libc calls the checker's socket loop needs, with errno captured. One instance per event loop: its
 * scratch memory (errno, option buffers) is used from that loop's thread only.
 */
final class Libc implements AutoCloseable {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINPROGRESS = 115;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    /** struct epoll_event is packed on x86-64: u32 events, u64 data. */
    static final int EPOLL_EVENT_SIZE = 12;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = handle("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = handle("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CREATE1 = handle("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = handle("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = handle("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /** write(2) without errno capture: called from any thread (wakeups). */
    private static final MethodHandle WRITE_PLAIN = LINKER.downcallHandle(LINKER.defaultLookup().find("write").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));
    /** Eight bytes holding 1, for eventfd wakeups; never written, so shared by all threads. */
    private static final MemorySegment ONE = one();

    private static MemorySegment one() {
        var s = Arena.global().allocate(JAVA_LONG);
        s.set(JAVA_LONG, 0, 1L);
        return s;
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, ERRNO_OPTION);
    }

    // Scratch memory of the global arena: a downcall does no liveness bookkeeping (atomic acquire/release)
    // for it, which a shared arena would cost on every call. A few hundred bytes per loop, never freed.
    private final Arena arena = Arena.global();
    private final MemorySegment errnoState = arena.allocate(CAPTURE);
    private final MemorySegment intValue = arena.allocate(JAVA_INT);
    private final MemorySegment lengthValue = arena.allocate(JAVA_INT);
    private final MemorySegment scratch8 = arena.allocate(JAVA_LONG);
    private final MemorySegment event = arena.allocate(EPOLL_EVENT_SIZE);
    /** A sockaddr_in/in6 being passed to connect or bind (targets keep theirs as bytes). */
    private final MemorySegment address = arena.allocate(28, 8);

    int errno() {
        return (int) ERRNO.get(errnoState, 0L);
    }

    Arena arena() {
        return arena;
    }

    int socket(int family, int type) {
        try {
            return (int) SOCKET.invokeExact(errnoState, family, type, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** connect(2) to an encoded sockaddr. */
    int connect(int fd, byte[] sockaddr) {
        MemorySegment.copy(sockaddr, 0, address, ValueLayout.JAVA_BYTE, 0, sockaddr.length);
        try {
            return (int) CONNECT.invokeExact(errnoState, fd, address, sockaddr.length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int bind(int fd, byte[] sockaddr) {
        MemorySegment.copy(sockaddr, 0, address, ValueLayout.JAVA_BYTE, 0, sockaddr.length);
        try {
            return (int) BIND.invokeExact(errnoState, fd, address, sockaddr.length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int setIntOption(int fd, int level, int option, int value) {
        intValue.set(JAVA_INT, 0, value);
        try {
            return (int) SETSOCKOPT.invokeExact(errnoState, fd, level, option, intValue, 4);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** SO_ERROR of a socket (the result of a non-blocking connect), or -errno when the call itself fails. */
    int socketError(int fd) {
        lengthValue.set(JAVA_INT, 0, 4);
        try {
            int rc = (int) GETSOCKOPT.invokeExact(errnoState, fd, SOL_SOCKET, SO_ERROR, intValue, lengthValue);
            return rc == 0 ? intValue.get(JAVA_INT, 0) : errno();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(errnoState, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int epollCreate() {
        try {
            return (int) EPOLL_CREATE1.invokeExact(errnoState, 0x80000);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int epollAdd(int epfd, int fd, int events) {
        event.set(JAVA_INT, 0, events);
        event.set(ValueLayout.JAVA_LONG_UNALIGNED, 4, fd);
        try {
            return (int) EPOLL_CTL.invokeExact(errnoState, epfd, EPOLL_CTL_ADD, fd, event);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int epollWait(int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return (int) EPOLL_WAIT.invokeExact(errnoState, epfd, events, max, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int eventfd() {
        try {
            return (int) EVENTFD.invokeExact(errnoState, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Empties an eventfd (loop thread). */
    void drain(int fd) {
        try {
            long ignored = (long) READ.invokeExact(errnoState, fd, scratch8, 8L);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Adds 1 to an eventfd; safe from any thread. */
    static void signal(int fd) {
        try {
            long ignored = (long) WRITE_PLAIN.invokeExact(fd, ONE, 8L);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static String strerror(int errno) {
        try {
            var p = (MemorySegment) STRERROR.invokeExact(errno);
            return p.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static IllegalStateException unexpected(Throwable t) {
        return new IllegalStateException("native call failed: " + t, t);
    }

    @Override
    public void close() {
        // global-arena memory lives as long as the process
    }
}
