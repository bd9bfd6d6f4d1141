package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Non-blocking TCP connects for health checks, with what keepalived sets on a checker's socket before it
 * connects: SO_MARK ({@code fwmark}), SO_BINDTODEVICE ({@code bind_if}) and a source address ({@code bindto},
 * {@code bind_port}). The caller waits for the socket to become writable (its epoll loop) and then reads
 * {@link #socketError}: socket, options, connect, SO_ERROR, close - no more system calls than that.
 *
 * <p>One instance per loop thread: every call reuses its {@link Scratch}, so a warm connect allocates nothing.
 * The outcome of a connect (refused, unreachable, ...) comes back as an errno value, since a failing server is
 * what a checker is there to see; a socket that cannot be set up as configured throws a {@link SyscallException}
 * naming the call, like keepalived's "Checker can't bind to device" connect error.
 */
public final class NonBlockingTcp {
    private final Scratch scratch = new Scratch();

    /** A {@link TcpConnectSpec} encoded once for the kernel, so that each connect only copies bytes. */
    public static final class Target {
        final int family;
        final String familyName;
        final byte[] to;
        final byte[] from;
        final String fromText;
        final int fwmark;
        /** The NUL-terminated device name, as the kernel reads it (it judges the length). */
        final MemorySegment device;
        final String deviceName;

        private Target(TcpConnectSpec spec) {
            boolean v6 = spec.target().getAddress() instanceof Inet6Address;
            family = v6 ? Sys.AF_INET6 : Sys.AF_INET;
            familyName = v6 ? "AF_INET6" : "AF_INET";
            to = sockaddr(spec.target());
            var source = spec.source().map(s -> inFamily(s, v6));
            from = source.map(Target::sockaddr).orElse(null);
            fromText = source.map(Target::text).orElse("");
            fwmark = spec.fwmark();
            deviceName = spec.device().orElse(null);
            // an automatic arena: the name lives as long as the target that connects with it
            device = spec.device().map(d -> Arena.ofAuto().allocateFrom(d)).orElse(null);
        }

        /** A wildcard source ({@code bind_port} alone) in the target's family, whichever wildcard Java chose. */
        private static InetSocketAddress inFamily(InetSocketAddress source, boolean v6) {
            if (!source.getAddress().isAnyLocalAddress() || (source.getAddress() instanceof Inet6Address) == v6) {
                return source;
            }
            byte[] any = new byte[v6 ? 16 : 4];
            try {
                return new InetSocketAddress(InetAddress.getByAddress(any), source.getPort());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
            }
        }

        private static byte[] sockaddr(InetSocketAddress address) {
            try (var arena = Arena.ofConfined()) {
                return SockAddr.inet(arena, address.getAddress(), address.getPort(), 0).toArray(JAVA_BYTE);
            }
        }

        private static String text(InetSocketAddress a) {
            String host = a.getAddress().getHostAddress();
            return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
        }
    }

    public static Target target(TcpConnectSpec spec) {
        return new Target(spec);
    }

    /**
     * socket(SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC) with the target's fwmark, device and source applied;
     * returns the descriptor, not yet connecting. Nothing is left open when it throws.
     */
    public int open(Target t) throws SyscallException {
        var errno = scratch.errno;
        int fd = Libc.socket(errno, t.family, Sys.SOCK_STREAM | Sys.SOCK_NONBLOCK | Sys.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Libc.error("socket", t.familyName + ", SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0", errno);
        }
        try {
            if (t.fwmark != 0 && scratch.setInt(fd, Sys.SOL_SOCKET, Sys.SO_MARK, t.fwmark) < 0) {
                throw Libc.error("setsockopt", "fd=" + fd + ", SOL_SOCKET, SO_MARK, " + Integer.toUnsignedString(t.fwmark), errno);
            }
            if (t.device != null) {
                if (Libc.setsockopt(errno, fd, Sys.SOL_SOCKET, Sys.SO_BINDTODEVICE, t.device, (int) t.device.byteSize()) < 0) {
                    throw Libc.error("setsockopt", "fd=" + fd + ", SOL_SOCKET, SO_BINDTODEVICE, " + t.deviceName, errno);
                }
            }
            if (t.from != null) {
                if (scratch.setInt(fd, Sys.SOL_SOCKET, Sys.SO_REUSEADDR, 1) < 0) {
                    throw Libc.error("setsockopt", "fd=" + fd + ", SOL_SOCKET, SO_REUSEADDR, 1", errno);
                }
                if (Libc.bind(errno, fd, scratch.sockaddr, scratch.sockaddr(t.from)) < 0) {
                    throw Libc.error("bind", "fd=" + fd + ", " + t.fromText, errno);
                }
            }
            return fd;
        } catch (SyscallException e) {
            Libc.close(errno, fd);
            throw e;
        }
    }

    /**
     * connect(2) to the target: 0 when connected at once, otherwise the errno - {@link Errno#EINPROGRESS}
     * means wait until the socket is writable, then ask {@link #socketError}.
     */
    public int connect(int fd, Target t) {
        if (Libc.connect(scratch.errno, fd, scratch.sockaddr, scratch.sockaddr(t.to)) == 0) {
            return 0;
        }
        return scratch.errno();
    }

    /** SO_ERROR of a socket whose connect was in progress: 0 when it connected, otherwise why not (an errno). */
    public int socketError(int fd) {
        int value = scratch.getInt(fd, Sys.SOL_SOCKET, Sys.SO_ERROR);
        return value < 0 ? -value : value;
    }

    /** close(2); also takes the descriptor out of any epoll set. */
    public void close(int fd) {
        Libc.close(scratch.errno, fd);
    }
}
