package io.jkeepalived.linux;

import static io.jkeepalived.linux.RtnetlinkCodec.NLMSG_ERROR;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** {@link NetfilterNetlink} over a blocking NETLINK_NETFILTER {@link NetlinkSocket}. */
final class FfmNetfilterNetlink implements NetfilterNetlink {
    private final NetlinkSocket socket;
    private int seq;

    FfmNetfilterNetlink() throws SyscallException {
        this.socket = NetlinkSocket.open(Sys.NETLINK_NETFILTER, "NETLINK_NETFILTER", 0, false);
    }

    @Override
    public List<BatchError> batch(List<byte[]> messages, String what) throws SyscallException {
        if (messages.size() < 3) {
            throw new IllegalArgumentException("a batch is BATCH_BEGIN, at least one message, BATCH_END");
        }
        int first = seq + 1;
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = messages.get(i).clone();
            var b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
            b.putInt(8, first + i);
            if (i == messages.size() - 2) {
                // the kernel answers every refused message and, for this flag, the last one: then we know it is done
                b.putShort(6, (short) (b.getShort(6) | RtnetlinkCodec.NLM_F_ACK));
            }
            out.writeBytes(m);
        }
        seq = first + messages.size() - 1;
        int begin = first;
        int last = first + messages.size() - 2;
        socket.send(out.toByteArray(), what);
        var errors = new ArrayList<BatchError>();
        while (true) {
            int n = socket.receive(what);
            if (n == -1) {
                throw new SyscallException(what, "nfnetlink batch", Errno.EAGAIN, "the kernel did not answer within 5 s");
            }
            if (n < 0) {
                throw Libc.error("recv", what, -n);
            }
            boolean done = false;
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(socket.received, at, n);
                if (m == null) {
                    break;
                }
                at += RtnetlinkCodec.align(m.length());
                if (m.type() != NLMSG_ERROR || m.seq() < begin || m.seq() > last) {
                    continue; // a late answer to an earlier request that timed out
                }
                int errno = RtnetlinkCodec.errorCode(socket.received, m);
                if (errno != 0) {
                    errors.add(new BatchError(m.seq() - first, errno, socket.kernelError(errno, m)));
                }
                // the last message's answer comes last; an error on BATCH_BEGIN means the kernel read no further
                done |= m.seq() == last || m.seq() == begin;
            }
            if (done) {
                return errors;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
