package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An open socket descriptor with the memory its calls need: a shared arena (the socket may be opened on a
 * namespace thread and used on the event-loop thread) and an errno capture segment reused by every call.
 * Package-private: the one place a descriptor and its segments live together.
 */
final class NativeSocket implements AutoCloseable {
    final Arena arena;
    final MemorySegment errno;
    private final MemorySegment intValue;
    final int fd;
    private boolean closed;

    private NativeSocket(Arena arena, MemorySegment errno, int fd) {
        this.arena = arena;
        this.errno = errno;
        this.intValue = arena.allocate(JAVA_INT);
        this.fd = fd;
    }

    /** socket(2); {@code what} names the arguments for the error, e.g. "AF_INET, SOCK_RAW, 112". */
    static NativeSocket open(int domain, int type, int protocol, String what) throws SyscallException {
        var arena = Arena.ofShared();
        var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
        int fd = Libc.socket(errno, domain, type | Sys.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            var e = Libc.error("socket", what, errno);
            arena.close();
            throw e;
        }
        return new NativeSocket(arena, errno, fd);
    }

    void setInt(int level, int name, int value, String what) throws SyscallException {
        intValue.set(JAVA_INT, 0, value);
        if (Libc.setsockopt(errno, fd, level, name, intValue, 4) < 0) {
            throw Libc.error("setsockopt", "fd=" + fd + ", " + what + ", " + value, errno);
        }
    }

    void set(int level, int name, MemorySegment value, String what) throws SyscallException {
        if (Libc.setsockopt(errno, fd, level, name, value, (int) value.byteSize()) < 0) {
            throw Libc.error("setsockopt", "fd=" + fd + ", " + what, errno);
        }
    }

    void bindToDevice(String ifname) throws SyscallException {
        try (var tmp = Arena.ofConfined()) {
            set(Sys.SOL_SOCKET, Sys.SO_BINDTODEVICE, tmp.allocateFrom(ifname), "SOL_SOCKET, SO_BINDTODEVICE, " + ifname);
        }
    }

    void bind(MemorySegment sockaddr, String what) throws SyscallException {
        if (Libc.bind(errno, fd, sockaddr, (int) sockaddr.byteSize()) < 0) {
            throw Libc.error("bind", "fd=" + fd + ", " + what, errno);
        }
    }

    /** Closes the descriptor and frees the segments; safe to call twice. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(errno, fd);
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "fd=" + fd;
    }
}
