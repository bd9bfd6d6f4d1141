package io.jkeepalived.lvs.ipvs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The attributes of one level of a netlink message, indexed by type (the last of a type wins, as the kernel's
 * {@code nla_parse} does). Every read is bounds-checked; a bad length throws {@link Malformed}.
 */
final class NetlinkAttributes {
    private static final int MAX_TYPE = 32;
    private final ByteBuffer b;
    private final int[] offset = new int[MAX_TYPE];
    private final int[] length = new int[MAX_TYPE];

    private NetlinkAttributes(ByteBuffer b) {
        this.b = b;
        java.util.Arrays.fill(offset, -1);
    }

    /** Parses the attributes in {@code [from, to)} of {@code message}. */
    static NetlinkAttributes parse(byte[] message, int from, int to) {
        var a = new NetlinkAttributes(ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()));
        int at = from;
        while (at + 4 <= to) {
            int len = a.b.getShort(at) & 0xffff;
            int type = a.b.getShort(at + 2) & 0x3fff; // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
            if (len < 4 || at + len > to) {
                throw new Malformed(IpvsDecoded.Reason.TRUNCATED, at, "attribute " + type + " length " + len
                        + " runs past its container (" + (to - at) + " bytes left)");
            }
            if (type < MAX_TYPE) {
                a.offset[type] = at + 4;
                a.length[type] = len - 4;
            }
            at += (len + 3) & ~3;
        }
        return a;
    }

    boolean has(int type) {
        return offset[type] >= 0;
    }

    int offset(int type) {
        return offset[type];
    }

    int u8(int type) {
        return b.get(at(type, 1)) & 0xff;
    }

    int u16(int type) {
        return b.getShort(at(type, 2)) & 0xffff;
    }

    int be16(int type) {
        int at = at(type, 2);
        return ((b.get(at) & 0xff) << 8) | (b.get(at + 1) & 0xff);
    }

    int u32(int type) {
        return b.getInt(at(type, 4));
    }

    int be32(int type) {
        int at = at(type, 4);
        return ((b.get(at) & 0xff) << 24) | ((b.get(at + 1) & 0xff) << 16) | ((b.get(at + 2) & 0xff) << 8) | (b.get(at + 3) & 0xff);
    }

    long u64(int type) {
        b.order(ByteOrder.nativeOrder());
        return b.getLong(at(type, 8));
    }

    byte[] bytes(int type, int size) {
        byte[] out = new byte[size];
        b.get(at(type, size), out);
        return out;
    }

    /** A NUL-terminated (or attribute-bounded) string. */
    String string(int type) {
        int at = at(type, 0);
        int end = at;
        while (end < at + length[type] && b.get(end) != 0) {
            end++;
        }
        return new String(b.array(), at, end - at, StandardCharsets.US_ASCII);
    }

    NetlinkAttributes nested(int type) {
        int at = at(type, 0);
        return parse(b.array(), at, at + length[type]);
    }

    private int at(int type, int size) {
        b.order(ByteOrder.nativeOrder());
        if (offset[type] < 0) {
            throw new Malformed(IpvsDecoded.Reason.MISSING_ATTRIBUTE, -1, "attribute " + type + " missing");
        }
        if (length[type] < size) {
            throw new Malformed(IpvsDecoded.Reason.BAD_ATTRIBUTE, offset[type] - 4,
                    "attribute " + type + " has " + length[type] + " bytes, needs " + size);
        }
        return offset[type];
    }

    /** A message the decoder cannot use; turned into {@link IpvsDecoded.Rejected}. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final IpvsDecoded.Reason reason;
        final int offset;

        Malformed(IpvsDecoded.Reason reason, int offset, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.offset = offset;
        }
    }
}
