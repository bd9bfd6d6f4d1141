package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** TcpConnection on a non-blocking socket: connect/read/write wait in poll(2) with the caller's timeout. */
final class FfmTcpConnection implements TcpConnection {
    private static final int POLLOUT = 4;
    private static final int SO_ERROR = 4;
    private static final int EINPROGRESS = 115;
    private static final int BUFFER = 65536;

    private final NativeSocket socket;
    private final String peer;
    private final MemorySegment buffer;
    private final MemorySegment pollfd;

    private FfmTcpConnection(NativeSocket socket, String peer) {
        this.socket = socket;
        this.peer = peer;
        this.buffer = socket.arena.allocate(BUFFER, 8);
        this.pollfd = socket.arena.allocate(8, 4);
        pollfd.set(JAVA_INT, 0, socket.fd);
    }

    static FfmTcpConnection connect(TcpConnectSpec spec) throws IOException {
        var target = spec.target();
        boolean v6 = target.getAddress() instanceof Inet6Address;
        var s = NativeSocket.open(v6 ? Sys.AF_INET6 : Sys.AF_INET, Sys.SOCK_STREAM | Sys.SOCK_NONBLOCK, 0,
                (v6 ? "AF_INET6" : "AF_INET") + ", SOCK_STREAM|SOCK_NONBLOCK, 0");
        String peer = describe(target);
        try {
            if (spec.fwmark() != 0) {
                s.setInt(Sys.SOL_SOCKET, Sys.SO_MARK, spec.fwmark(), "SOL_SOCKET, SO_MARK");
            }
            if (spec.device().isPresent()) {
                s.bindToDevice(spec.device().get());
            }
            try (var tmp = Arena.ofConfined()) {
                if (spec.source().isPresent()) {
                    var src = spec.source().get();
                    s.bind(SockAddr.inet(tmp, src.getAddress(), src.getPort(), 0), describe(src));
                }
                var sa = SockAddr.inet(tmp, target.getAddress(), target.getPort(), 0);
                var c = new FfmTcpConnection(s, peer);
                c.finishConnect(Libc.connect(s.errno, s.fd, sa, (int) sa.byteSize()), spec.connectTimeout());
                return c;
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void finishConnect(int rc, Duration timeout) throws IOException {
        if (rc == 0) {
            return;
        }
        int errno = Libc.errno(socket.errno);
        if (errno != EINPROGRESS) {
            throw Libc.error("connect", "fd=" + socket.fd + ", " + peer, errno);
        }
        if (!await(POLLOUT, timeout)) {
            throw new SyscallException("connect", "fd=" + socket.fd + ", " + peer, 110,
                    "no answer within " + timeout.toMillis() + " ms (ETIMEDOUT)");
        }
        var err = socket.arena.allocate(JAVA_INT);
        var len = socket.arena.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, 4);
        if (Libc.getsockopt(socket.errno, socket.fd, Sys.SOL_SOCKET, SO_ERROR, err, len) < 0) {
            throw Libc.error("getsockopt", "fd=" + socket.fd + ", SOL_SOCKET, SO_ERROR", socket.errno);
        }
        if (err.get(JAVA_INT, 0) != 0) {
            throw Libc.error("connect", "fd=" + socket.fd + ", " + peer, err.get(JAVA_INT, 0));
        }
    }

    /** poll(2) for {@code events}; false on timeout. */
    private boolean await(int events, Duration timeout) throws SyscallException {
        long millis = Math.max(0, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        pollfd.set(JAVA_SHORT, 4, (short) events);
        pollfd.set(JAVA_SHORT, 6, (short) 0);
        while (true) {
            int n = Libc.poll(socket.errno, pollfd, 1, (int) millis);
            if (n >= 0) {
                return n > 0;
            }
            if (Libc.errno(socket.errno) != Errno.EINTR) {
                throw Libc.error("poll", "fd=" + socket.fd + ", " + peer, socket.errno);
            }
        }
    }

    @Override
    public int fd() {
        return socket.fd;
    }

    @Override
    public void write(byte[] data, int off, int len, Duration timeout) throws IOException {
        while (len > 0) {
            int chunk = Math.min(len, BUFFER);
            MemorySegment.copy(data, off, buffer, JAVA_BYTE, 0, chunk);
            long n = Libc.write(socket.errno, socket.fd, buffer, chunk);
            if (n < 0) {
                int errno = Libc.errno(socket.errno);
                if (errno == Errno.EAGAIN) {
                    if (!await(POLLOUT, timeout)) {
                        throw new SocketTimeoutException("write to " + peer + ": no buffer space within " + timeout.toMillis() + " ms");
                    }
                    continue;
                }
                if (errno != Errno.EINTR) {
                    throw Libc.error("write", "fd=" + socket.fd + ", " + peer, errno);
                }
                continue;
            }
            off += (int) n;
            len -= (int) n;
        }
    }

    @Override
    public int read(byte[] into, int off, int len, Duration timeout) throws IOException {
        while (true) {
            long n = Libc.read(socket.errno, socket.fd, buffer, Math.min(len, BUFFER));
            if (n > 0) {
                MemorySegment.copy(buffer, JAVA_BYTE, 0, into, off, (int) n);
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = Libc.errno(socket.errno);
            if (errno == Errno.EAGAIN) {
                if (!await(Sys.POLLIN, timeout)) {
                    throw new SocketTimeoutException("read from " + peer + ": nothing within " + timeout.toMillis() + " ms");
                }
            } else if (errno != Errno.EINTR) {
                throw Libc.error("read", "fd=" + socket.fd + ", " + peer, errno);
            }
        }
    }

    private static String describe(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
