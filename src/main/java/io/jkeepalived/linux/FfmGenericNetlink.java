package io.jkeepalived.linux;


import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** {@link GenericNetlink} over a blocking NETLINK_GENERIC {@link NetlinkSocket}. */
final class FfmGenericNetlink implements GenericNetlink {
    private static final int GENL_ID_CTRL = 0x10;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int CTRL_ATTR_FAMILY_ID = 1;
    private static final int CTRL_ATTR_FAMILY_NAME = 2;

    private final NetlinkSocket socket;
    private int seq;

    FfmGenericNetlink(ReceiveBuffer receiveBuffer) throws SyscallException {
        this.socket = NetlinkSocket.open(Sys.NETLINK_GENERIC, "NETLINK_GENERIC", 0, false, receiveBuffer);
    }

    @Override
    public int familyId(String name) throws SyscallException {
        var replies = request(getFamily(name), "CTRL_CMD_GETFAMILY " + name);
        for (byte[] reply : replies) {
            var b = ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder());
            for (int at = 20; at + 4 <= reply.length; ) {
                int len = b.getShort(at) & 0xffff;
                int type = b.getShort(at + 2) & 0x3fff;
                if (len < 4 || at + len > reply.length) {
                    break;
                }
                if (type == CTRL_ATTR_FAMILY_ID && len >= 6) {
                    return b.getShort(at + 4) & 0xffff;
                }
                at += RtnetlinkCodec.align(len);
            }
        }
        throw new SyscallException("CTRL_CMD_GETFAMILY", name, Errno.ENOENT, "no family id in the kernel's reply");
    }

    /** nlmsghdr + genlmsghdr{CTRL_CMD_GETFAMILY, 1} + CTRL_ATTR_FAMILY_NAME. */
    static byte[] getFamily(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int attr = 4 + n.length + 1;
        int len = 20 + RtnetlinkCodec.align(attr);
        var b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) GENL_ID_CTRL).putShort((short) (RtnetlinkCodec.NLM_F_REQUEST | RtnetlinkCodec.NLM_F_ACK))
                .putInt(0).putInt(0);
        b.put((byte) CTRL_CMD_GETFAMILY).put((byte) 1).putShort((short) 0);
        b.putShort((short) attr).putShort((short) CTRL_ATTR_FAMILY_NAME).put(n);
        return b.array();
    }

    @Override
    public List<byte[]> request(byte[] message, String what) throws SyscallException {
        return exchange(message, what, false);
    }

    @Override
    public List<byte[]> dump(byte[] message, String what) throws SyscallException {
        return exchange(message, what, true);
    }

    @Override
    public Map<Integer, SyscallException> changeAll(List<byte[]> changes, IntFunction<String> what) {
        int first = seq + 1;
        seq += changes.size();
        return socket.changeAll(changes, first, what, "generic netlink");
    }

    private List<byte[]> exchange(byte[] message, String what, boolean dump) throws SyscallException {
        return socket.exchange(message, ++seq, what, "generic netlink", dump);
    }

    @Override
    public void close() {
        socket.close();
    }
}
