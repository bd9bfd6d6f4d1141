package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions the Linux adapters call, as {@code static final} downcall handles, each in a holder class of
 * its own so that it is linked on first use: linking spins about ten hidden classes per function shape (tens of
 * milliseconds of a cold start), and a VRRP-only start calls fewer than half of the functions. Every handle that
 * can fail captures {@code errno} right after the call (before the JVM can overwrite it) into a caller
 * supplied segment of {@link #CAPTURE_LAYOUT}; the typed wrappers keep {@code invokeExact} exact so a warm
 * call allocates nothing. Return values are raw: callers test {@code < 0} and build the message.
 */
@SuppressWarnings("restricted") // linking downcalls and sizing strerror's result is what this class is for
final class Libc {
    static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final class Socket {
        static final MethodHandle HANDLE = withErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class Bind {
        static final MethodHandle HANDLE = withErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Connect {
        static final MethodHandle HANDLE = withErrno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Setsockopt {
        static final MethodHandle HANDLE = withErrno("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Getsockopt {
        static final MethodHandle HANDLE = withErrno("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class Getsockname {
        static final MethodHandle HANDLE = withErrno("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class Sendto {
        static final MethodHandle HANDLE = withErrno("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Sendmsg {
        static final MethodHandle HANDLE = withErrno("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Recvmsg {
        static final MethodHandle HANDLE = withErrno("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Read {
        static final MethodHandle HANDLE = withErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }
    private static final class Write {
        static final MethodHandle HANDLE = withErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }
    private static final class Close {
        static final MethodHandle HANDLE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class Poll {
        static final MethodHandle HANDLE = withErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }
    private static final class EpollCreate1 {
        static final MethodHandle HANDLE = withErrno("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class EpollCtl {
        static final MethodHandle HANDLE = withErrno("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class EpollWait {
        static final MethodHandle HANDLE = withErrno("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }
    private static final class Eventfd {
        static final MethodHandle HANDLE = withErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    // ioctl(2) is variadic after the request: the argument pointer is passed as the first variadic one.
    private static final class Ioctl {
        static final MethodHandle HANDLE = withErrno("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                Linker.Option.firstVariadicArg(2));
    }
    private static final class IfNametoindex {
        static final MethodHandle HANDLE = withErrno("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    // open(2) is variadic (mode); we never pass a mode, so the fixed two-argument shape is the right ABI.
    private static final class Open {
        static final MethodHandle HANDLE = withErrno("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Setns {
        static final MethodHandle HANDLE = withErrno("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class SchedSetscheduler {
        static final MethodHandle HANDLE = withErrno("sched_setscheduler", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class Gettid {
        static final MethodHandle HANDLE = plain("gettid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class Setpriority {
        static final MethodHandle HANDLE = withErrno("setpriority", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class SchedSetaffinity {
        static final MethodHandle HANDLE = withErrno("sched_setaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    }
    private static final class Mlockall {
        static final MethodHandle HANDLE = withErrno("mlockall", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class Munlockall {
        static final MethodHandle HANDLE = withErrno("munlockall", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class Setrlimit {
        static final MethodHandle HANDLE = withErrno("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class Strerror {
        static final MethodHandle HANDLE = LINKER.downcallHandle(LOOKUP.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private Libc() {
    }

    static MethodHandle withErrno(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        var symbol = LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        var options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** A handle to a libc function that reports failure in its return value, not errno (posix_spawn, getpwnam_r ...). */
    static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)),
                descriptor);
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** The C library's text for an errno, e.g. "No such device". Only on error paths. */
    static String strerror(int errno) {
        try {
            var text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static SyscallException error(String call, String arguments, int errno) {
        return new SyscallException(call, arguments, errno, strerror(errno) + " (" + Errno.name(errno) + ")");
    }

    static SyscallException error(String call, String arguments, MemorySegment capture) {
        return error(call, arguments, errno(capture));
    }

    static int socket(MemorySegment cs, int domain, int type, int protocol) {
        try {
            return (int) Socket.HANDLE.invokeExact(cs, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int bind(MemorySegment cs, int fd, MemorySegment addr, int len) {
        try {
            return (int) Bind.HANDLE.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int connect(MemorySegment cs, int fd, MemorySegment addr, int len) {
        try {
            return (int) Connect.HANDLE.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) Setsockopt.HANDLE.invokeExact(cs, fd, level, name, value, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, MemorySegment len) {
        try {
            return (int) Getsockopt.HANDLE.invokeExact(cs, fd, level, name, value, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockname(MemorySegment cs, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) Getsockname.HANDLE.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long sendto(MemorySegment cs, int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        try {
            return (long) Sendto.HANDLE.invokeExact(cs, fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long sendmsg(MemorySegment cs, int fd, MemorySegment msghdr, int flags) {
        try {
            return (long) Sendmsg.HANDLE.invokeExact(cs, fd, msghdr, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long recvmsg(MemorySegment cs, int fd, MemorySegment msghdr, int flags) {
        try {
            return (long) Recvmsg.HANDLE.invokeExact(cs, fd, msghdr, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long read(MemorySegment cs, int fd, MemorySegment buf, long len) {
        try {
            return (long) Read.HANDLE.invokeExact(cs, fd, buf, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long write(MemorySegment cs, int fd, MemorySegment buf, long len) {
        try {
            return (long) Write.HANDLE.invokeExact(cs, fd, buf, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int close(MemorySegment cs, int fd) {
        try {
            return (int) Close.HANDLE.invokeExact(cs, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int poll(MemorySegment cs, MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) Poll.HANDLE.invokeExact(cs, fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int epollCreate1(MemorySegment cs, int flags) {
        try {
            return (int) EpollCreate1.HANDLE.invokeExact(cs, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int epollCtl(MemorySegment cs, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EpollCtl.HANDLE.invokeExact(cs, epfd, op, fd, event);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int epollWait(MemorySegment cs, int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return (int) EpollWait.HANDLE.invokeExact(cs, epfd, events, max, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int eventfd(MemorySegment cs, int initval, int flags) {
        try {
            return (int) Eventfd.HANDLE.invokeExact(cs, initval, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int ioctl(MemorySegment cs, int fd, long request, MemorySegment arg) {
        try {
            return (int) Ioctl.HANDLE.invokeExact(cs, fd, request, arg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int ifNameToIndex(MemorySegment cs, MemorySegment name) {
        try {
            return (int) IfNametoindex.HANDLE.invokeExact(cs, name);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int open(MemorySegment cs, MemorySegment path, int flags) {
        try {
            return (int) Open.HANDLE.invokeExact(cs, path, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setns(MemorySegment cs, int fd, int nstype) {
        try {
            return (int) Setns.HANDLE.invokeExact(cs, fd, nstype);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int schedSetscheduler(MemorySegment cs, int pid, int policy, MemorySegment param) {
        try {
            return (int) SchedSetscheduler.HANDLE.invokeExact(cs, pid, policy, param);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int gettid() {
        try {
            return (int) Gettid.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setpriority(MemorySegment cs, int which, int who, int prio) {
        try {
            return (int) Setpriority.HANDLE.invokeExact(cs, which, who, prio);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int schedSetaffinity(MemorySegment cs, int pid, long size, MemorySegment mask) {
        try {
            return (int) SchedSetaffinity.HANDLE.invokeExact(cs, pid, size, mask);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int munlockall(MemorySegment cs) {
        try {
            return (int) Munlockall.HANDLE.invokeExact(cs);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int mlockall(MemorySegment cs, int flags) {
        try {
            return (int) Mlockall.HANDLE.invokeExact(cs, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setrlimit(MemorySegment cs, int resource, MemorySegment limit) {
        try {
            return (int) Setrlimit.HANDLE.invokeExact(cs, resource, limit);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** invokeExact only throws what the native code cannot: a JVM error or a wrong handle type (a bug here). */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
