package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A netlink socket with extended acks on; rtnetlink messages are built and parsed by {@link RtnetlinkCodec}. */
final class NetlinkSocket implements AutoCloseable {
    static final int BUFFER = 1 << 16;
    static final int SO_RCVTIMEO = 20;
    static final int ENOBUFS = 105;

    private final NativeSocket socket;
    /** The port the kernel bound us to: the nlmsg_pid its notifications carry for changes we asked for. */
    final int portId;
    private final MemorySegment kernel;
    private final MemorySegment tx;
    private final MemorySegment rx;
    private final byte[] rxBytes = new byte[BUFFER];
    final ByteBuffer received = ByteBuffer.wrap(rxBytes).order(ByteOrder.nativeOrder());

    private NetlinkSocket(NativeSocket socket, int portId) {
        this.socket = socket;
        this.portId = portId;
        this.kernel = socket.arena.allocate(12, 4);
        kernel.set(JAVA_SHORT, 0, (short) Sys.AF_NETLINK);
        this.tx = socket.arena.allocate(BUFFER, 8);
        this.rx = socket.arena.allocate(BUFFER, 8);
    }

    /** A subscription's receive buffer unless configured: bursts of notifications (a VMAC storm) must not overflow it. */
    static final int MONITOR_BUFFER = 1 << 20;

    /** Opens and binds a route netlink socket; {@code groups} = RTMGRP_* bits to listen to (0 for requests). */
    static NetlinkSocket open(int groups, boolean nonBlocking, ReceiveBuffer receiveBuffer) throws SyscallException {
        return open(Sys.NETLINK_ROUTE, "NETLINK_ROUTE", groups, nonBlocking, receiveBuffer);
    }

    /** Opens and binds a netlink socket of {@code protocol} (NETLINK_ROUTE, NETLINK_GENERIC ...). */
    static NetlinkSocket open(int protocol, String protocolName, int groups, boolean nonBlocking) throws SyscallException {
        return open(protocol, protocolName, groups, nonBlocking, ReceiveBuffer.DEFAULT);
    }

    /**
     * ... with {@code receiveBuffer} set before bind (keepalived's netlink_socket); unconfigured, a subscription gets
     * {@link #MONITOR_BUFFER}, a request socket the kernel's default.
     */
    static NetlinkSocket open(int protocol, String protocolName, int groups, boolean nonBlocking,
            ReceiveBuffer receiveBuffer) throws SyscallException {
        var s = NativeSocket.open(Sys.AF_NETLINK, Sys.SOCK_RAW | (nonBlocking ? Sys.SOCK_NONBLOCK : 0), protocol,
                "AF_NETLINK, SOCK_RAW, " + protocolName);
        try {
            s.setInt(Sys.SOL_NETLINK, Sys.NETLINK_EXT_ACK, 1, "SOL_NETLINK, NETLINK_EXT_ACK");
            s.setInt(Sys.SOL_NETLINK, Sys.NETLINK_CAP_ACK, 1, "SOL_NETLINK, NETLINK_CAP_ACK");
            if (!nonBlocking) {
                // A request always gets an answer; the timeout only turns a kernel bug into an error, not a hang.
                var tv = s.arena.allocate(16, 8);
                tv.set(JAVA_LONG, 0, 5L);
                s.set(Sys.SOL_SOCKET, SO_RCVTIMEO, tv, "SOL_SOCKET, SO_RCVTIMEO, 5s");
            }
            receiveBuffer.applyTo(s, groups != 0 ? MONITOR_BUFFER : 0);
            var local = s.arena.allocate(12, 4);
            local.set(JAVA_SHORT, 0, (short) Sys.AF_NETLINK);
            local.set(JAVA_INT, 8, groups);
            s.bind(local, "AF_NETLINK, groups=0x" + Integer.toHexString(groups));
            return new NetlinkSocket(s, boundPort(s));
        } catch (SyscallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** nl_pid of getsockname: binding with port 0 lets the kernel choose one. */
    private static int boundPort(NativeSocket s) throws SyscallException {
        var bound = s.arena.allocate(12, 4);
        var length = s.arena.allocate(JAVA_INT);
        length.set(JAVA_INT, 0, 12);
        if (Libc.getsockname(s.errno, s.fd, bound, length) < 0) {
            throw Libc.error("getsockname", "AF_NETLINK fd=" + s.fd, s.errno);
        }
        return bound.get(JAVA_INT, 4);
    }

    int fd() {
        return socket.fd;
    }

    void send(byte[] message, String what) throws SyscallException {
        if (message.length > BUFFER) {
            // a large nftables batch: one datagram all the same (the kernel reads a batch from one skb)
            try (var big = java.lang.foreign.Arena.ofConfined()) {
                var segment = big.allocate(message.length, 8);
                MemorySegment.copy(message, 0, segment, JAVA_BYTE, 0, message.length);
                sendSegment(segment, message.length, what);
            }
            return;
        }
        MemorySegment.copy(message, 0, tx, JAVA_BYTE, 0, message.length);
        sendSegment(tx, message.length, what);
    }

    private void sendSegment(MemorySegment data, int length, String what) throws SyscallException {
        long n;
        do {
            n = Libc.sendto(socket.errno, socket.fd, data, length, 0, kernel, 12);
        } while (n < 0 && Libc.errno(socket.errno) == Errno.EINTR);
        if (n < 0) {
            throw Libc.error("sendto", "netlink fd=" + socket.fd + ", " + what, socket.errno);
        }
    }

    /**
     * Reads one datagram into {@link #received}; returns its length, -1 when nothing is pending (or the receive
     * timeout passed), -ENOBUFS when the kernel dropped notifications.
     */
    int receive(String what) throws SyscallException {
        long n;
        do {
            n = Libc.read(socket.errno, socket.fd, rx, BUFFER);
        } while (n < 0 && Libc.errno(socket.errno) == Errno.EINTR);
        if (n < 0) {
            int errno = Libc.errno(socket.errno);
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno == ENOBUFS) {
                return -ENOBUFS;
            }
            throw Libc.error("recv", "netlink fd=" + socket.fd + ", " + what, errno);
        }
        MemorySegment.copy(rx, JAVA_BYTE, 0, rxBytes, 0, (int) n);
        return (int) n;
    }

    @Override
    public void close() {
        socket.close();
    }

    /**
     * One request/answer exchange: sends {@code message} numbered {@code seq} and collects the kernel's messages
     * for that number until its ack ({@code dump} false) or NLMSG_DONE ({@code dump} true). Answers to other
     * numbers (late answers to an earlier request that timed out) are skipped; a kernel error is thrown with its
     * errno and extended-ack text. {@code protocol} names the protocol in errors ("generic netlink").
     */
    java.util.List<byte[]> exchange(byte[] message, int seq, String what, String protocol, boolean dump) throws SyscallException {
        byte[] out = message.clone();
        ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()).putInt(8, seq);
        send(out, what);
        var replies = new java.util.ArrayList<byte[]>();
        while (true) {
            int n = receive(what);
            if (n == -1) {
                throw new SyscallException(what, protocol, Errno.EAGAIN, "the kernel did not answer within 5 s");
            }
            if (n < 0) {
                throw Libc.error("recv", what, -n);
            }
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(received, at, n);
                if (m == null) {
                    break;
                }
                at += RtnetlinkCodec.align(m.length());
                if (m.seq() != seq) {
                    continue;
                }
                if (m.type() == RtnetlinkCodec.NLMSG_ERROR) {
                    int errno = RtnetlinkCodec.errorCode(received, m);
                    if (errno != 0) {
                        throw new SyscallException(what, protocol, errno, kernelError(errno, m));
                    }
                    if (!dump) {
                        return replies;
                    }
                } else if (m.type() == RtnetlinkCodec.NLMSG_DONE) {
                    return replies;
                } else {
                    replies.add(java.util.Arrays.copyOfRange(received.array(), m.offset(), m.offset() + m.length()));
                }
            }
        }
    }

    /** "strerror (ENAME): extended ack text" for an NLMSG_ERROR message in {@link #received}. */
    String kernelError(int errno, RtnetlinkCodec.Message m) {
        var ack = RtnetlinkCodec.extendedAck(received, m);
        return Libc.strerror(errno) + " (" + Errno.name(errno) + ")" + ack.map(t -> ": " + t).orElse("");
    }
}
