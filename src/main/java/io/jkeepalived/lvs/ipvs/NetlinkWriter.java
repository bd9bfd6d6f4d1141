package io.jkeepalived.lvs.ipvs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds one generic-netlink message: {@code nlmsghdr}, {@code genlmsghdr}, then attributes (4-byte aligned
 * TLVs in host byte order unless a field says otherwise). Sequence number and port id are left 0: the socket
 * fills them in.
 */
final class NetlinkWriter {
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLA_F_NESTED = 0x8000;
    static final int HEADER = 16 + 4;

    private final ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

    NetlinkWriter(int familyId, int flags, int command, int version) {
        b.putInt(0).putShort((short) familyId).putShort((short) flags).putInt(0).putInt(0);
        b.put((byte) command).put((byte) version).putShort((short) 0);
    }

    NetlinkWriter u8(int type, int value) {
        header(type, 1);
        b.put((byte) value);
        return pad();
    }

    NetlinkWriter u16(int type, int value) {
        header(type, 2);
        b.putShort((short) value);
        return pad();
    }

    /** A 16-bit field in network byte order (ports). */
    NetlinkWriter be16(int type, int value) {
        header(type, 2);
        b.put((byte) (value >> 8)).put((byte) value);
        return pad();
    }

    NetlinkWriter u32(int type, int value) {
        header(type, 4);
        b.putInt(value);
        return pad();
    }

    /** A 32-bit field in network byte order (IPv4 netmask). */
    NetlinkWriter be32(int type, int value) {
        header(type, 4);
        b.put((byte) (value >>> 24)).put((byte) (value >> 16)).put((byte) (value >> 8)).put((byte) value);
        return pad();
    }

    NetlinkWriter bytes(int type, byte[] value) {
        header(type, value.length);
        b.put(value);
        return pad();
    }

    /** A NUL-terminated string, as {@code NLA_PUT_STRING}. */
    NetlinkWriter string(int type, String value) {
        byte[] s = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return bytes(type, Arrays.copyOf(s, s.length + 1));
    }

    /** Opens a nested attribute (with {@code NLA_F_NESTED}, as libnl sets it); close it with {@link #end}. */
    int nest(int type) {
        int at = b.position();
        header(type | NLA_F_NESTED, 0);
        return at;
    }

    NetlinkWriter end(int nestStart) {
        b.putShort(nestStart, (short) (b.position() - nestStart));
        return this;
    }

    byte[] finish() {
        b.putInt(0, b.position());
        return Arrays.copyOf(b.array(), b.position());
    }

    private void header(int type, int length) {
        b.putShort((short) (4 + length)).putShort((short) type);
    }

    private NetlinkWriter pad() {
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
        return this;
    }
}
