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
            int n = receiveAnswer(what, protocol);
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

    /**
     * Most changes a {@link #changeAll} datagram carries: with NETLINK_CAP_ACK the kernel's error answers are
     * small, and 64 of them fit any receive buffer an operator could set, so no refusal is lost to ENOBUFS.
     */
    static final int CHANGES_PER_DATAGRAM = 64;

    /**
     * Many changes (each a complete request), numbered from {@code firstSeq} on, sent up to {@link
     * #CHANGES_PER_DATAGRAM} to a datagram. Only the last of a datagram asks for an ack; the kernel runs a
     * datagram's messages in order, goes on after a refused one and answers each refusal, so once the last one is
     * answered every refusal of that datagram has been read. Returns the refusals by index into {@code changes}
     * (a datagram the kernel did not answer makes every change of it refused with that error).
     */
    java.util.Map<Integer, SyscallException> changeAll(java.util.List<byte[]> changes, int firstSeq,
            java.util.function.IntFunction<String> what, String protocol) {
        var refused = new java.util.TreeMap<Integer, SyscallException>();
        for (int from = 0; from < changes.size(); ) {
            int to = from;
            int length = 0;
            while (to < changes.size() && to - from < CHANGES_PER_DATAGRAM
                    && length + RtnetlinkCodec.align(changes.get(to).length) <= BUFFER) {
                length += RtnetlinkCodec.align(changes.get(to).length);
                to++;
            }
            if (to == from) { // one change larger than the buffer: alone, the way exchange sends it
                try {
                    exchange(changes.get(from), firstSeq + from, what.apply(from), protocol, false);
                } catch (SyscallException e) {
                    refused.put(from, e);
                }
                from++;
                continue;
            }
            try {
                sendDatagram(changes, from, to, firstSeq, length, what);
                awaitAnswers(from, to, firstSeq, what, protocol, refused);
            } catch (SyscallException e) {
                for (int i = from; i < to; i++) {
                    refused.putIfAbsent(i, e);
                }
            }
            from = to;
        }
        return refused;
    }

    private void sendDatagram(java.util.List<byte[]> changes, int from, int to, int firstSeq, int length,
            java.util.function.IntFunction<String> what) throws SyscallException {
        tx.asSlice(0, length).fill((byte) 0);
        int at = 0;
        for (int i = from; i < to; i++) {
            byte[] m = changes.get(i);
            MemorySegment.copy(m, 0, tx, JAVA_BYTE, at, m.length);
            short flags = tx.get(JAVA_SHORT, at + 6);
            flags = (short) (i == to - 1 ? flags | RtnetlinkCodec.NLM_F_ACK : flags & ~RtnetlinkCodec.NLM_F_ACK);
            tx.set(JAVA_SHORT, at + 6, flags);
            tx.set(JAVA_INT, at + 8, firstSeq + i);
            at += RtnetlinkCodec.align(m.length);
        }
        sendSegment(tx, length, what.apply(from) + (to - from > 1 ? " and " + (to - from - 1) + " more" : ""));
    }

    private void awaitAnswers(int from, int to, int firstSeq, java.util.function.IntFunction<String> what,
            String protocol, java.util.Map<Integer, SyscallException> refused) throws SyscallException {
        int last = firstSeq + to - 1;
        String lastChange = what.apply(to - 1);
        while (true) {
            int n = receiveAnswer(lastChange, protocol);
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(received, at, n);
                if (m == null) {
                    break;
                }
                at += RtnetlinkCodec.align(m.length());
                if (m.type() != RtnetlinkCodec.NLMSG_ERROR || m.seq() < firstSeq + from || m.seq() > last) {
                    continue; // a late answer to an earlier request
                }
                int index = m.seq() - firstSeq;
                int errno = RtnetlinkCodec.errorCode(received, m);
                if (errno != 0) {
                    refused.put(index, new SyscallException(what.apply(index), protocol, errno, kernelError(errno, m)));
                }
                if (m.seq() == last) {
                    return;
                }
            }
        }
    }

    /**
     * Reads the next datagram of the kernel's answer to a request ({@code what}) into {@link #received}; the
     * receive timeout and a dropped answer are errors named after the request.
     */
    private int receiveAnswer(String what, String protocol) throws SyscallException {
        int n = receive(what);
        if (n == -1) {
            throw new SyscallException(what, protocol, Errno.EAGAIN, "the kernel did not answer within 5 s");
        }
        if (n < 0) {
            throw Libc.error("recv", what, -n);
        }
        return n;
    }

    /** "strerror (ENAME): extended ack text" for an NLMSG_ERROR message in {@link #received}. */
    String kernelError(int errno, RtnetlinkCodec.Message m) {
        var ack = RtnetlinkCodec.extendedAck(received, m);
        return Libc.strerror(errno) + " (" + Errno.name(errno) + ")" + ack.map(t -> ": " + t).orElse("");
    }
}
