package io.jkeepalived.linux;

import static io.jkeepalived.linux.RtnetlinkCodec.NLM_F_ACK;
import static io.jkeepalived.linux.RtnetlinkCodec.NLM_F_CREATE;
import static io.jkeepalived.linux.RtnetlinkCodec.NLM_F_DUMP;
import static io.jkeepalived.linux.RtnetlinkCodec.NLM_F_EXCL;
import static io.jkeepalived.linux.RtnetlinkCodec.NLM_F_REQUEST;
import static io.jkeepalived.linux.RtnetlinkCodec.align;
import static io.jkeepalived.linux.RtnetlinkCodec.attr;
import static io.jkeepalived.linux.RtnetlinkCodec.attrSize;
import static io.jkeepalived.linux.RtnetlinkCodec.header;
import static io.jkeepalived.linux.RtnetlinkCodec.u32;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * rtnetlink rule messages, pure Java.
 *
 * <pre>
 * fib_rule_hdr { u8 family; u8 dst_len; u8 src_len; u8 tos; u8 table; u8 res1; u8 res2; u8 action; u32 flags; }
 * then FRA_* attributes (FRA_PRIORITY u32, FRA_TABLE u32, FRA_SRC/FRA_DST address, FRA_IIFNAME/FRA_OIFNAME string,
 * FRA_FWMARK/FRA_FWMASK u32, FRA_PROTOCOL u8)
 * </pre>
 */
final class RuleCodec {
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;
    static final int RTM_GETRULE = 34;
    private static final int FRA_DST = 1;
    private static final int FRA_SRC = 2;
    private static final int FRA_IIFNAME = 3;
    private static final int FRA_PRIORITY = 6;
    private static final int FRA_FWMARK = 10;
    private static final int FRA_TABLE = 15;
    private static final int FRA_FWMASK = 16;
    private static final int FRA_OIFNAME = 17;
    private static final int FRA_PROTOCOL = 21;

    private RuleCodec() {
    }

    /** RTM_NEWRULE (create, exclusive) or RTM_DELRULE for {@code r}, asking for an ACK. */
    static byte[] request(int type, Rule r, int seq) {
        var attrs = new ArrayList<byte[]>();
        var types = new ArrayList<Integer>();
        add(types, attrs, FRA_PRIORITY, u32((int) r.priority()));
        if (r.action() == Rule.FR_ACT_TO_TBL) {
            add(types, attrs, FRA_TABLE, u32(r.table()));
        }
        r.source().ifPresent(a -> add(types, attrs, FRA_SRC, a.getAddress()));
        r.destination().ifPresent(a -> add(types, attrs, FRA_DST, a.getAddress()));
        r.inputInterface().ifPresent(i -> add(types, attrs, FRA_IIFNAME, cString(i)));
        r.outputInterface().ifPresent(o -> add(types, attrs, FRA_OIFNAME, cString(o)));
        r.fwmark().ifPresent(m -> add(types, attrs, FRA_FWMARK, u32((int) m)));
        r.fwmask().ifPresent(m -> add(types, attrs, FRA_FWMASK, u32((int) m)));
        add(types, attrs, FRA_PROTOCOL, new byte[] {(byte) r.protocol()});
        int len = 16 + 12;
        for (byte[] a : attrs) {
            len += attrSize(a.length);
        }
        int flags = NLM_F_REQUEST | NLM_F_ACK | (type == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0);
        var b = header(len, type, flags, seq);
        b.put((byte) (r.ipv6() ? Sys.AF_INET6 : Sys.AF_INET)).put((byte) r.destinationLength()).put((byte) r.sourceLength())
                .put((byte) 0);
        b.put((byte) (r.action() == Rule.FR_ACT_TO_TBL && r.table() < 256 ? r.table() : 0)).put((byte) 0).put((byte) 0)
                .put((byte) r.action()).putInt(0);
        for (int i = 0; i < attrs.size(); i++) {
            attr(b, types.get(i), attrs.get(i));
        }
        return b.array();
    }

    static byte[] dumpRequest(int seq) {
        return header(16 + 12, RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, seq).array();
    }

    static Rule rule(ByteBuffer b, RtnetlinkCodec.Message m) {
        int p = m.payloadOffset();
        boolean v6 = (b.get(p) & 0xff) == Sys.AF_INET6;
        int dstLen = b.get(p + 1) & 0xff;
        int srcLen = b.get(p + 2) & 0xff;
        int table = b.get(p + 4) & 0xff;
        int action = b.get(p + 7) & 0xff;
        int alen = v6 ? 16 : 4;
        long priority = 0;
        int protocol = 0;
        Optional<InetAddress> src = Optional.empty();
        Optional<InetAddress> dst = Optional.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        OptionalLong fwmark = OptionalLong.empty();
        OptionalLong fwmask = OptionalLong.empty();
        int end = m.offset() + m.length();
        for (int at = p + 12; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int attrType = b.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > end) {
                break;
            }
            int data = at + 4;
            int dlen = len - 4;
            switch (attrType) {
                case FRA_PRIORITY -> priority = dlen >= 4 ? Integer.toUnsignedLong(b.getInt(data)) : priority;
                case FRA_TABLE -> table = dlen >= 4 ? b.getInt(data) : table;
                case FRA_SRC -> src = dlen == alen ? Optional.of(RtnetlinkCodec.inet(RtnetlinkCodec.bytes(b, data, alen))) : src;
                case FRA_DST -> dst = dlen == alen ? Optional.of(RtnetlinkCodec.inet(RtnetlinkCodec.bytes(b, data, alen))) : dst;
                case FRA_IIFNAME -> iif = Optional.of(RtnetlinkCodec.cString(b, data, dlen));
                case FRA_OIFNAME -> oif = Optional.of(RtnetlinkCodec.cString(b, data, dlen));
                case FRA_FWMARK -> fwmark = dlen >= 4 ? OptionalLong.of(Integer.toUnsignedLong(b.getInt(data))) : fwmark;
                case FRA_FWMASK -> fwmask = dlen >= 4 ? OptionalLong.of(Integer.toUnsignedLong(b.getInt(data))) : fwmask;
                case FRA_PROTOCOL -> protocol = dlen >= 1 ? b.get(data) & 0xff : protocol;
                default -> {
                }
            }
            at += align(len);
        }
        return new Rule(v6, priority, action, table, src, src.isPresent() ? Math.min(srcLen, alen * 8) : 0, dst,
                dst.isPresent() ? Math.min(dstLen, alen * 8) : 0, iif, oif, fwmark, fwmask, protocol);
    }

    private static byte[] cString(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static void add(ArrayList<Integer> types, ArrayList<byte[]> attrs, int type, byte[] data) {
        types.add(type);
        attrs.add(data);
    }
}
