package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * ProcessEvents on FFM.
 *
 * <pre>
 * nlmsghdr (16) | cn_msg { u32 idx; u32 val; u32 seq; u32 ack; u16 len; u16 flags; } (20) | proc_event:
 *   u32 what; u32 cpu; u64 timestamp_ns; then at 16: fork { parent_pid, parent_tgid, child_pid, child_tgid },
 *   exec / comm / exit { process_pid, process_tgid, ... }
 * </pre>
 * The subscription is a cn_msg carrying PROC_CN_MCAST_LISTEN (1) to the kernel.
 */
final class FfmProcessEvents implements ProcessEvents {
    private static final int NETLINK_CONNECTOR = 11;
    private static final int CN_IDX_PROC = 1;
    private static final int CN_VAL_PROC = 1;
    private static final int PROC_CN_MCAST_LISTEN = 1;
    private static final int ECONNREFUSED = 111;
    private static final int EVENT = 16 + 20;
    private static final int FORK = 0x1;
    private static final int EXEC = 0x2;
    private static final int COMM = 0x200;
    private static final int EXIT = 0x80000000;
    private static final int BUFFER = 1 << 16;

    private final NativeSocket socket;
    private final MemorySegment rx;
    private final byte[] bytes = new byte[BUFFER];

    private FfmProcessEvents(NativeSocket socket) {
        this.socket = socket;
        this.rx = socket.arena.allocate(BUFFER, 8);
    }

    /**
     * Opens it here, or - where the kernel refuses (a network namespace other than the first, as under
     * {@code ip netns exec}) - in init's namespace, else in that of the nearest ancestor process where the kernel
     * accepts it (a sandbox may hide init's).
     */
    static FfmProcessEvents open(ReceiveBuffer receiveBuffer) throws Exception {
        try {
            return openHere(receiveBuffer);
        } catch (SyscallException e) {
            if (e.errno() != ECONNREFUSED) {
                throw e;
            }
            var candidates = new java.util.ArrayList<Path>(java.util.List.of(Path.of("/proc/1/ns/net")));
            for (var p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
                candidates.add(Path.of("/proc/" + p.get().pid() + "/ns/net"));
            }
            Exception last = e;
            for (Path ns : candidates) {
                try {
                    return NetworkNamespace.call(ns, () -> openHere(receiveBuffer));
                } catch (SyscallException tried) {
                    last = tried;
                }
            }
            throw last;
        }
    }

    private static FfmProcessEvents openHere(ReceiveBuffer receiveBuffer) throws SyscallException {
        var s = NativeSocket.open(Sys.AF_NETLINK, Sys.SOCK_DGRAM | Sys.SOCK_NONBLOCK, NETLINK_CONNECTOR,
                "AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR");
        try {
            receiveBuffer.applyTo(s, NetlinkSocket.MONITOR_BUFFER);
            var local = s.arena.allocate(12, 4);
            local.set(JAVA_SHORT, 0, (short) Sys.AF_NETLINK);
            local.set(JAVA_INT, 8, CN_IDX_PROC);
            s.bind(local, "AF_NETLINK, groups=CN_IDX_PROC");
            var msg = s.arena.allocate(16 + 20 + 4, 4);
            msg.set(JAVA_INT, 0, 16 + 20 + 4);
            msg.set(JAVA_SHORT, 4, (short) RtnetlinkCodec.NLMSG_DONE);
            msg.set(JAVA_INT, 16, CN_IDX_PROC);
            msg.set(JAVA_INT, 20, CN_VAL_PROC);
            msg.set(JAVA_SHORT, 32, (short) 4);
            msg.set(JAVA_INT, 36, PROC_CN_MCAST_LISTEN);
            if (Libc.sendto(s.errno, s.fd, msg, msg.byteSize(), 0, MemorySegment.NULL, 0) < 0) {
                throw Libc.error("sendto", "fd=" + s.fd + ", NETLINK_CONNECTOR, PROC_CN_MCAST_LISTEN", s.errno);
            }
            return new FfmProcessEvents(s);
        } catch (SyscallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public int fd() {
        return socket.fd;
    }

    @Override
    public int drain(Consumer<ProcessEvent> events) throws SyscallException {
        int count = 0;
        while (true) {
            long n = Libc.read(socket.errno, socket.fd, rx, BUFFER);
            if (n < 0) {
                int errno = Libc.errno(socket.errno);
                if (errno == Errno.EAGAIN) {
                    return count;
                }
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == NetlinkSocket.ENOBUFS) {
                    events.accept(new ProcessEvent.Overrun());
                    count++;
                    continue;
                }
                throw Libc.error("read", "fd=" + socket.fd + ", NETLINK_CONNECTOR", errno);
            }
            MemorySegment.copy(rx, JAVA_BYTE, 0, bytes, 0, (int) n);
            var b = ByteBuffer.wrap(bytes, 0, (int) n).order(ByteOrder.nativeOrder());
            for (int at = 0; at + EVENT + 24 <= n; ) {
                int len = b.getInt(at);
                if (len < EVENT + 24 || at + len > n) {
                    break;
                }
                ProcessEvent e = decode(b, at + EVENT);
                if (e != null) {
                    events.accept(e);
                    count++;
                }
                at += RtnetlinkCodec.align(len);
            }
        }
    }

    static ProcessEvent decode(ByteBuffer b, int event) {
        int what = b.getInt(event);
        int d = event + 16;
        return switch (what) {
            case FORK -> new ProcessEvent.Fork(b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12));
            case EXEC -> new ProcessEvent.Exec(b.getInt(d), b.getInt(d + 4));
            case COMM -> new ProcessEvent.Comm(b.getInt(d), b.getInt(d + 4));
            case EXIT -> new ProcessEvent.Exit(b.getInt(d), b.getInt(d + 4));
            default -> null;
        };
    }

    @Override
    public void close() {
        socket.close();
    }
}
