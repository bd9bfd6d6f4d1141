package io.jkeepalived.linux;

import io.jkeepalived.common.InetBytes;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * IcmpEcho on an ICMP datagram socket (the kernel fills id and checksum and only delivers our replies) or, when
 * ping_group_range forbids that, a raw socket (we fill the checksum on IPv4 and filter replies by id).
 */
final class FfmIcmpEcho implements IcmpEcho {
    private static final int PAYLOAD = 16;
    private static final int BUFFER = 2048;

    private final NativeSocket socket;
    private final Kind kind;
    private final boolean v6;
    private final int id;
    private final byte[] tag = new byte[8];
    private final MemorySegment tx;
    private final MemorySegment rx;
    private final MemorySegment name;
    private final MemorySegment msghdr;
    private final MemorySegment pollfd;
    private final byte[] packet = new byte[8 + PAYLOAD];
    private final byte[] reply = new byte[BUFFER];
    private final int deviceIndex;
    private int sequence;

    private FfmIcmpEcho(NativeSocket socket, Kind kind, boolean v6, int deviceIndex) {
        this.socket = socket;
        this.deviceIndex = deviceIndex;
        this.kind = kind;
        this.v6 = v6;
        this.id = ThreadLocalRandom.current().nextInt(1, 0x10000);
        ThreadLocalRandom.current().nextBytes(tag);
        var arena = socket.arena;
        this.tx = arena.allocate(packet.length, 8);
        this.rx = arena.allocate(BUFFER, 8);
        this.name = arena.allocate(SockAddr.IN6_SIZE, 8);
        var iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, rx);
        iov.set(JAVA_LONG, 8, BUFFER);
        this.msghdr = arena.allocate(56, 8);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1);
        this.pollfd = arena.allocate(8, 4);
        pollfd.set(JAVA_INT, 0, socket.fd);
        pollfd.set(JAVA_SHORT, 4, (short) Sys.POLLIN);
    }

    static FfmIcmpEcho open(IcmpEchoSpec spec) throws SyscallException {
        boolean v6 = spec.family() == StandardProtocolFamily.INET6;
        int domain = v6 ? Sys.AF_INET6 : Sys.AF_INET;
        int protocol = v6 ? Sys.IPPROTO_ICMPV6 : Sys.IPPROTO_ICMP;
        String names = (v6 ? "AF_INET6" : "AF_INET") + ", %s|SOCK_NONBLOCK, " + (v6 ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP");
        NativeSocket s;
        Kind kind;
        try {
            s = NativeSocket.open(domain, Sys.SOCK_DGRAM | Sys.SOCK_NONBLOCK, protocol, names.formatted("SOCK_DGRAM"));
            kind = Kind.DATAGRAM;
        } catch (SyscallException e) {
            if (e.errno() != Errno.EACCES && e.errno() != Errno.EPERM && e.errno() != Errno.EPROTONOSUPPORT) {
                throw e;
            }
            // net.ipv4.ping_group_range excludes us: fall back to a raw socket (needs CAP_NET_RAW).
            s = NativeSocket.open(domain, Sys.SOCK_RAW | Sys.SOCK_NONBLOCK, protocol, names.formatted("SOCK_RAW"));
            kind = Kind.RAW;
        }
        try {
            if (spec.fwmark() != 0) {
                s.setInt(Sys.SOL_SOCKET, Sys.SO_MARK, spec.fwmark(), "SOL_SOCKET, SO_MARK");
            }
            int deviceIndex = 0;
            if (spec.device().isPresent()) {
                deviceIndex = SockAddr.interfaceIndex(spec.device().get());
                s.bindToDevice(spec.device().get());
            }
            if (spec.source().isPresent()) {
                var src = spec.source().get();
                try (var tmp = Arena.ofConfined()) {
                    int scope = v6 && src.isLinkLocalAddress() ? deviceIndex : 0;
                    s.bind(SockAddr.inet(tmp, src, 0, scope), src.getHostAddress());
                }
            }
            return new FfmIcmpEcho(s, kind, v6, deviceIndex);
        } catch (SyscallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public EchoResult ping(InetAddress target, Duration timeout) throws SyscallException {
        if ((target.getAddress().length == 16) != v6) {
            throw new IllegalArgumentException("cannot ping " + target.getHostAddress() + " on an "
                    + (v6 ? "IPv6" : "IPv4") + " echo socket");
        }
        int seq = ++sequence & 0xffff;
        buildRequest(seq);
        long start = System.nanoTime();
        try (var tmp = Arena.ofConfined()) {
            // A link-local target needs a scope: the bound device unless the address names one (fe80::1%eth0).
            var to = SockAddr.inet(tmp, target, 0, target.isLinkLocalAddress() ? deviceIndex : 0);
            MemorySegment.copy(packet, 0, tx, JAVA_BYTE, 0, packet.length);
            long n = Libc.sendto(socket.errno, socket.fd, tx, packet.length, 0, to, (int) to.byteSize());
            if (n < 0) {
                throw Libc.error("sendto", "fd=" + socket.fd + ", ICMP echo to " + target.getHostAddress(), socket.errno);
            }
        }
        long deadline = start + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new EchoResult.Timeout(target, seq, timeout);
            }
            int ready = Libc.poll(socket.errno, pollfd, 1, (int) Math.max(1, (remaining + 999_999) / 1_000_000));
            if (ready < 0 && Libc.errno(socket.errno) != Errno.EINTR) {
                throw Libc.error("poll", "fd=" + socket.fd, socket.errno);
            }
            InetAddress from;
            while ((from = receiveReply(seq)) != null) {
                if (from.equals(target) || isUnspecified(target)) {
                    return new EchoResult.Reply(from, seq, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        }
    }

    private static boolean isUnspecified(InetAddress a) {
        return a.isAnyLocalAddress();
    }

    private void buildRequest(int seq) {
        Arrays.fill(packet, (byte) 0);
        packet[0] = (byte) (v6 ? 128 : 8);
        packet[4] = (byte) (id >> 8);
        packet[5] = (byte) id;
        packet[6] = (byte) (seq >> 8);
        packet[7] = (byte) seq;
        System.arraycopy(tag, 0, packet, 8, 8);
        if (!v6 && kind == Kind.RAW) { // the kernel fills the checksum for datagram ICMP and for all ICMPv6
            int sum = checksum(packet);
            packet[2] = (byte) (sum >> 8);
            packet[3] = (byte) sum;
        }
    }

    /** Reads one datagram; returns its source when it is our echo reply with {@code seq}, else null (EAGAIN too). */
    private InetAddress receiveReply(int seq) throws SyscallException {
        while (true) {
            msghdr.set(JAVA_INT, 8, SockAddr.IN6_SIZE);
            long n = Libc.recvmsg(socket.errno, socket.fd, msghdr, Sys.MSG_DONTWAIT);
            if (n < 0) {
                int errno = Libc.errno(socket.errno);
                if (errno == Errno.EAGAIN) {
                    return null;
                }
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw Libc.error("recvmsg", "fd=" + socket.fd + ", ICMP echo reply", errno);
            }
            int len = (int) n;
            MemorySegment.copy(rx, JAVA_BYTE, 0, reply, 0, len);
            int at = (!v6 && kind == Kind.RAW && len >= 20) ? (reply[0] & 0x0f) * 4 : 0;
            if (len - at < 8 + 8) {
                continue;
            }
            int type = reply[at] & 0xff;
            int rid = ((reply[at + 4] & 0xff) << 8) | (reply[at + 5] & 0xff);
            int rseq = ((reply[at + 6] & 0xff) << 8) | (reply[at + 7] & 0xff);
            boolean ours = type == (v6 ? 129 : 0) && rseq == seq
                    && (kind == Kind.DATAGRAM || rid == id)
                    && Arrays.equals(reply, at + 8, at + 16, tag, 0, 8);
            if (ours) {
                return source();
            }
        }
    }

    private InetAddress source() {
        byte[] raw = new byte[v6 ? 16 : 4];
        MemorySegment.copy(name, JAVA_BYTE, v6 ? 8 : 4, raw, 0, raw.length);
        return InetBytes.of(raw);
    }

    private static int checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    @Override
    public void close() {
        socket.close();
    }
}
