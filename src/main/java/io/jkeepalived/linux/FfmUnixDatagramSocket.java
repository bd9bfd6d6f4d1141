package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;

/** {@link UnixDatagramSocket} over socket(AF_UNIX, SOCK_DGRAM), sendto(2), poll(2) and read(2). */
final class FfmUnixDatagramSocket implements UnixDatagramSocket {
    /** sockaddr_un: sa_family_t then sun_path[108]. */
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SUN_PATH_MAX = 108;
    private static final int MAX_DATAGRAM = 65_536;

    private final NativeSocket socket;
    private final MemorySegment pollfd;
    private final MemorySegment receiveBuffer;
    private String lastAddress;
    private MemorySegment lastSockaddr;

    private FfmUnixDatagramSocket(NativeSocket socket, boolean receives) {
        this.socket = socket;
        this.pollfd = socket.arena.allocate(8, 4);
        this.receiveBuffer = receives ? socket.arena.allocate(MAX_DATAGRAM) : MemorySegment.NULL;
    }

    /** An unbound sender whose sends block at most {@code sendTimeout} (SO_SNDTIMEO). */
    static FfmUnixDatagramSocket sender(Duration sendTimeout) throws SyscallException {
        var s = NativeSocket.open(Sys.AF_UNIX, Sys.SOCK_DGRAM, 0, "AF_UNIX, SOCK_DGRAM, 0");
        try {
            var timeval = s.arena.allocate(16, 8);
            timeval.set(JAVA_LONG, 0, sendTimeout.toSeconds());
            timeval.set(JAVA_LONG, 8, sendTimeout.toNanosPart() / 1_000);
            s.set(Sys.SOL_SOCKET, Sys.SO_SNDTIMEO, timeval, "SOL_SOCKET, SO_SNDTIMEO, " + sendTimeout.toMillis() + " ms");
            return new FfmUnixDatagramSocket(s, false);
        } catch (SyscallException e) {
            s.close();
            throw e;
        }
    }

    /** A socket bound to {@code address} (a path, which must not exist yet, or {@code @name}). */
    static FfmUnixDatagramSocket bound(String address) throws SyscallException {
        var s = NativeSocket.open(Sys.AF_UNIX, Sys.SOCK_DGRAM, 0, "AF_UNIX, SOCK_DGRAM, 0");
        try {
            s.bind(sockaddr(s.arena, address), "AF_UNIX " + address);
            return new FfmUnixDatagramSocket(s, true);
        } catch (SyscallException | IllegalArgumentException e) {
            s.close();
            throw e;
        }
    }

    /**
     * sockaddr_un for a path (NUL-terminated) or an abstract name ({@code @name}: a leading NUL and exactly the
     * name's bytes, the length saying where it ends, as sd_notify does).
     */
    static MemorySegment sockaddr(Arena arena, String address) {
        boolean abstractName = address.startsWith("@");
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int pathLength = abstractName ? 1 + name.length : name.length + 1;
        if (address.isEmpty() || pathLength > SUN_PATH_MAX) {
            throw new IllegalArgumentException("not an AF_UNIX address (empty or longer than 107 bytes): '" + address + "'");
        }
        var sa = arena.allocate(SUN_PATH_OFFSET + pathLength, 2);
        sa.set(JAVA_SHORT, 0, (short) Sys.AF_UNIX);
        MemorySegment.copy(name, 0, sa, JAVA_BYTE, SUN_PATH_OFFSET + (abstractName ? 1 : 0), name.length);
        return sa;     // allocate() zeroes: the abstract name's leading NUL and the path's terminating one
    }

    @Override
    public synchronized void send(String address, byte[] datagram) throws SyscallException {
        if (!address.equals(lastAddress)) {
            lastSockaddr = sockaddr(socket.arena, address);   // one per distinct address: a sender talks to one or two
            lastAddress = address;
        }
        try (var tmp = Arena.ofConfined()) {
            var buf = tmp.allocate(Math.max(1, datagram.length));
            MemorySegment.copy(datagram, 0, buf, JAVA_BYTE, 0, datagram.length);
            long n = Libc.sendto(socket.errno, socket.fd, buf, datagram.length, 0, lastSockaddr, (int) lastSockaddr.byteSize());
            if (n < 0) {
                throw Libc.error("sendto", "fd=" + socket.fd + ", AF_UNIX " + address + ", " + datagram.length + " bytes",
                        socket.errno);
            }
        }
    }

    @Override
    public synchronized Optional<byte[]> receive(Duration timeout) throws SyscallException {
        if (receiveBuffer.byteSize() == 0) {
            throw new IllegalStateException("a sending socket does not receive");
        }
        pollfd.set(JAVA_INT, 0, socket.fd);
        pollfd.set(JAVA_SHORT, 4, (short) Sys.POLLIN);
        pollfd.set(JAVA_SHORT, 6, (short) 0);
        int ready = Libc.poll(socket.errno, pollfd, 1, (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis())));
        if (ready < 0) {
            int errno = Libc.errno(socket.errno);
            if (errno == Errno.EINTR) {
                return Optional.empty();
            }
            throw Libc.error("poll", "fd=" + socket.fd, errno);
        }
        if (ready == 0) {
            return Optional.empty();
        }
        long n = Libc.read(socket.errno, socket.fd, receiveBuffer, MAX_DATAGRAM);
        if (n < 0) {
            throw Libc.error("read", "fd=" + socket.fd, socket.errno);
        }
        return Optional.of(receiveBuffer.asSlice(0, n).toArray(JAVA_BYTE));
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "AF_UNIX datagram " + socket;
    }
}
