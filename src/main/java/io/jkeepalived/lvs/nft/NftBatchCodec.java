package io.jkeepalived.lvs.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * nf_tables netlink messages for the changes a check result makes, byte for byte as nft 1.0.6 sends them
 * (golden bytes: {@code src/test/resources/io/jkeepalived/lvs/nft/capture-golden.sh}): a batch
 * {@code NFNL_MSG_BATCH_BEGIN, NFT_MSG_DELSETELEM/NEWSETELEM/NEWRULE ..., NFNL_MSG_BATCH_END} the kernel
 * commits as one transaction. Needs no cache of the table: every object is named. Pure: records in, bytes out;
 * sequence numbers are the message's index (the socket renumbers them).
 */
public final class NftBatchCodec {
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    static final int NFNL_MSG_BATCH_END = 0x11;
    static final int NFT_MSG_NEWRULE = 6;
    static final int NFT_MSG_GETRULE = 7;
    static final int NFT_MSG_NEWSETELEM = 12;
    static final int NFT_MSG_DELSETELEM = 14;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_DUMP = 0x300;
    static final int NLA_F_NESTED = 0x8000;
    static final int NFPROTO_INET = 1;
    static final int NFPROTO_IPV4 = 2;
    static final int NFPROTO_NETDEV = 5;
    static final int NFPROTO_IPV6 = 10;
    // attributes
    static final int NFTA_RULE_TABLE = 1;
    static final int NFTA_RULE_CHAIN = 2;
    static final int NFTA_RULE_HANDLE = 3;
    static final int NFTA_RULE_EXPRESSIONS = 4;
    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;
    static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    static final int NFTA_SET_ELEM_LIST_SET = 2;
    static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    static final int NFTA_SET_ELEM_KEY = 1;
    static final int NFTA_SET_ELEM_DATA = 2;
    static final int NFTA_SET_ELEM_USERDATA = 6;
    static final int NFTA_DATA_VALUE = 1;
    static final int NFTA_DATA_VERDICT = 2;
    static final int NFTA_VERDICT_CODE = 1;
    static final int NFTA_VERDICT_CHAIN = 2;
    static final int NFT_JUMP = -3;
    static final int NFTNL_UDATA_SET_ELEM_COMMENT = 0;
    static final int NFTA_LOOKUP_SET = 1;
    static final int NFTA_LOOKUP_SREG = 2;
    static final int NFTA_LOOKUP_DREG = 3;
    static final int NFTA_LOOKUP_SET_ID = 4;
    // registers as nft allocates them: NFT_REG_1, NFT_REG_2 (16 bytes), NFT_REG_3, NFT_REG32_05
    static final int REG_1 = 1;
    static final int REG_2 = 2;
    static final int REG_3 = 3;
    static final int REG32_05 = 13;
    static final int NFT_META_PROTOCOL = 1;
    static final int NFT_META_NFPROTO = 15;
    static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    /**
     * nft sends the id it gave each set in its cache; the kernel reads it only to find a set created in the same
     * batch. Our sets all exist by name, so we send 0.
     */
    static final int SET_ID = 0;

    private NftBatchCodec() {
    }

    /** The whole batch: BATCH_BEGIN, one message per change, BATCH_END. */
    public static List<byte[]> batch(List<NftMessage> messages) {
        var out = new ArrayList<byte[]>(messages.size() + 2);
        out.add(batchMarker(NFNL_MSG_BATCH_BEGIN, 0));
        for (var m : messages) {
            out.add(encode(m, out.size()));
        }
        out.add(batchMarker(NFNL_MSG_BATCH_END, out.size()));
        return out;
    }

    /** The batch as one datagram. */
    public static byte[] bytes(List<byte[]> batch) {
        int len = batch.stream().mapToInt(b -> b.length).sum();
        var all = ByteBuffer.allocate(len);
        batch.forEach(all::put);
        return all.array();
    }

    private static byte[] batchMarker(int type, int seq) {
        var b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(20).putShort((short) type).putShort((short) NLM_F_REQUEST).putInt(seq).putInt(0);
        // nfgenmsg: AF_UNSPEC, NFNETLINK_V0, res_id = NFNL_SUBSYS_NFTABLES in network byte order
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) NFNL_SUBSYS_NFTABLES);
        return b.array();
    }

    static byte[] encode(NftMessage m, int seq) {
        return switch (m) {
            case NftMessage.FlushSet f -> {
                var w = new Writer(NFT_MSG_DELSETELEM, NLM_F_REQUEST, family(f.table()), seq);
                w.string(NFTA_SET_ELEM_LIST_SET, f.set()).string(NFTA_SET_ELEM_LIST_TABLE, tableName(f.table()));
                yield w.finish();
            }
            case NftMessage.AddElements a -> {
                var w = new Writer(NFT_MSG_NEWSETELEM, NLM_F_REQUEST | NLM_F_CREATE, family(a.table()), seq);
                w.string(NFTA_SET_ELEM_LIST_TABLE, tableName(a.table())).string(NFTA_SET_ELEM_LIST_SET, a.set())
                        .be32(NFTA_SET_ELEM_LIST_SET_ID, SET_ID);
                int list = w.nest(NFTA_SET_ELEM_LIST_ELEMENTS);
                int i = 0;
                for (var e : a.elements()) {
                    int elem = w.nest(++i); // nft numbers the elements 1, 2, ... (the kernel ignores the type)
                    int key = w.nest(NFTA_SET_ELEM_KEY);
                    w.u32(NFTA_DATA_VALUE, e.key()).end(key);
                    int data = w.nest(NFTA_SET_ELEM_DATA);
                    int verdict = w.nest(NFTA_DATA_VERDICT);
                    w.be32(NFTA_VERDICT_CODE, NFT_JUMP).string(NFTA_VERDICT_CHAIN, e.jump()).end(verdict);
                    w.end(data);
                    e.comment().ifPresent(c -> w.bytes(NFTA_SET_ELEM_USERDATA, commentTlv(c)));
                    w.end(elem);
                }
                w.end(list);
                yield w.finish();
            }
            case NftMessage.DeleteElements d -> {
                var w = new Writer(NFT_MSG_DELSETELEM, NLM_F_REQUEST, family(d.table()), seq);
                w.string(NFTA_SET_ELEM_LIST_TABLE, tableName(d.table())).string(NFTA_SET_ELEM_LIST_SET, d.set());
                int list = w.nest(NFTA_SET_ELEM_LIST_ELEMENTS);
                int i = 0;
                for (int k : d.keys()) {
                    int elem = w.nest(++i);
                    int key = w.nest(NFTA_SET_ELEM_KEY);
                    w.u32(NFTA_DATA_VALUE, k).end(key);
                    w.end(elem);
                }
                w.end(list);
                yield w.finish();
            }
            case NftMessage.ReplaceRule r -> {
                var w = new Writer(NFT_MSG_NEWRULE, NLM_F_REQUEST | NLM_F_REPLACE, family(r.table()), seq);
                w.string(NFTA_RULE_TABLE, tableName(r.table())).string(NFTA_RULE_CHAIN, r.chain()).be64(NFTA_RULE_HANDLE, r.handle());
                int exprs = w.nest(NFTA_RULE_EXPRESSIONS);
                selection(w, r.rule());
                w.end(exprs);
                yield w.finish();
            }
        };
    }

    /** {@code numgen inc mod N} or {@code [family check] payload(s) jhash ... mod N seed S}, then {@code vmap @SLOTS}. */
    private static void selection(Writer w, SelectionRule r) {
        switch (r.selection()) {
            case ROUND_ROBIN, FAILOVER -> {
                int e = w.expr("numgen");
                w.be32(1, REG_1).be32(2, r.modulus()).be32(3, 0).be32(4, 0); // DREG, MODULUS, TYPE inc, OFFSET
                w.endExpr(e);
            }
            case SOURCE_HASH, DESTINATION_HASH -> {
                // the dependency nft adds: meta nfproto (inet) / meta protocol (netdev)
                int e = w.expr("meta");
                w.be32(2, r.netdev() ? NFT_META_PROTOCOL : NFT_META_NFPROTO).be32(1, REG_1); // KEY, DREG
                w.endExpr(e);
                e = w.expr("cmp");
                w.be32(1, REG_1).be32(2, 0); // SREG, OP eq
                int data = w.nest(3);
                if (r.netdev()) {
                    w.bytes(NFTA_DATA_VALUE, r.ipv6() ? new byte[] {(byte) 0x86, (byte) 0xdd} : new byte[] {8, 0});
                } else {
                    w.bytes(NFTA_DATA_VALUE, new byte[] {(byte) (r.ipv6() ? NFPROTO_IPV6 : NFPROTO_IPV4)});
                }
                w.end(data);
                w.endExpr(e);
                boolean source = r.selection() == NftScheduler.Selection.SOURCE_HASH;
                int addrLen = r.ipv6() ? 16 : 4;
                int offset = r.ipv6() ? (source ? 8 : 24) : (source ? 12 : 16);
                payload(w, REG_2, NFT_PAYLOAD_NETWORK_HEADER, offset, addrLen);
                int len = addrLen;
                if (source && r.hashPort()) {
                    payload(w, r.ipv6() ? REG_3 : REG32_05, NFT_PAYLOAD_TRANSPORT_HEADER, 0, 2);
                    len += 4; // each part of a concatenation takes whole 32-bit registers
                }
                e = w.expr("hash");
                // SREG, DREG, LEN, MODULUS, SEED, OFFSET, TYPE jhash
                w.be32(1, REG_2).be32(2, REG_1).be32(3, len).be32(4, r.modulus()).be32(5, r.seed()).be32(6, 0).be32(7, 0);
                w.endExpr(e);
            }
        }
        int e = w.expr("lookup");
        w.be32(NFTA_LOOKUP_SREG, REG_1).be32(NFTA_LOOKUP_DREG, 0).string(NFTA_LOOKUP_SET, r.slotsSet()).be32(NFTA_LOOKUP_SET_ID, SET_ID);
        w.endExpr(e);
    }

    private static void payload(Writer w, int dreg, int base, int offset, int len) {
        int e = w.expr("payload");
        w.be32(1, dreg).be32(2, base).be32(3, offset).be32(4, len);
        w.endExpr(e);
    }

    /** libnftnl's udata: {type, length, value} with the comment NUL-terminated. */
    static byte[] commentTlv(String comment) {
        byte[] c = comment.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[2 + c.length + 1];
        out[0] = NFTNL_UDATA_SET_ELEM_COMMENT;
        out[1] = (byte) (c.length + 1);
        System.arraycopy(c, 0, out, 2, c.length);
        return out;
    }

    /** {@code NFT_MSG_GETRULE} dump of one chain's rules (to learn the selection rule's handle). */
    public static byte[] getRules(String table, String chain) {
        var w = new Writer(NFT_MSG_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, family(table), 0);
        w.string(NFTA_RULE_TABLE, tableName(table)).string(NFTA_RULE_CHAIN, chain);
        return w.finish();
    }

    /** The handle of the rule, among a chain's dumped rules, that looks up set {@code slotsSet}. */
    public static OptionalLong selectionHandle(List<byte[]> rules, String slotsSet) {
        byte[] wanted = Arrays.copyOf(slotsSet.getBytes(StandardCharsets.US_ASCII), slotsSet.length() + 1);
        for (byte[] m : rules) {
            var b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
            if (m.length < 20 || (b.getShort(4) & 0xff) != NFT_MSG_NEWRULE) {
                continue;
            }
            long handle = -1;
            boolean uses = false;
            for (var a : attributes(b, 20, m.length)) {
                if (a.type() == NFTA_RULE_HANDLE && a.length() == 8) {
                    handle = b.order(ByteOrder.BIG_ENDIAN).getLong(a.offset());
                    b.order(ByteOrder.nativeOrder());
                } else if (a.type() == NFTA_RULE_EXPRESSIONS) {
                    for (var elem : attributes(b, a.offset(), a.offset() + a.length())) {
                        uses |= looksUp(b, elem, wanted);
                    }
                }
            }
            if (uses && handle >= 0) {
                return OptionalLong.of(handle);
            }
        }
        return OptionalLong.empty();
    }

    private static boolean looksUp(ByteBuffer b, Attr elem, byte[] set) {
        boolean lookup = false;
        Attr data = null;
        for (var a : attributes(b, elem.offset(), elem.offset() + elem.length())) {
            if (a.type() == NFTA_EXPR_NAME) {
                lookup = Arrays.equals(bytes(b, a), "lookup\0".getBytes(StandardCharsets.US_ASCII));
            } else if (a.type() == NFTA_EXPR_DATA) {
                data = a;
            }
        }
        if (!lookup || data == null) {
            return false;
        }
        for (var a : attributes(b, data.offset(), data.offset() + data.length())) {
            if (a.type() == NFTA_LOOKUP_SET && Arrays.equals(bytes(b, a), set)) {
                return true;
            }
        }
        return false;
    }

    private record Attr(int type, int offset, int length) {
    }

    private static List<Attr> attributes(ByteBuffer b, int from, int to) {
        var out = new ArrayList<Attr>();
        for (int at = from; at + 4 <= to; ) {
            int len = b.getShort(at) & 0xffff;
            if (len < 4 || at + len > to) {
                break;
            }
            out.add(new Attr(b.getShort(at + 2) & 0x3fff, at + 4, len - 4));
            at += (len + 3) & ~3;
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer b, Attr a) {
        return Arrays.copyOfRange(b.array(), a.offset(), a.offset() + a.length());
    }

    static int family(String table) {
        return table.startsWith("netdev ") ? NFPROTO_NETDEV : NFPROTO_INET;
    }

    static String tableName(String table) {
        return table.substring(table.indexOf(' ') + 1);
    }

    /** One nfnetlink message: nlmsghdr, nfgenmsg, attributes (values in network byte order unless said). */
    private static final class Writer {
        private ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());

        Writer(int type, int flags, int family, int seq) {
            b.putInt(0).putShort((short) (NFNL_SUBSYS_NFTABLES << 8 | type)).putShort((short) flags).putInt(seq).putInt(0);
            b.put((byte) family).put((byte) 0).putShort((short) 0);
        }

        private void room(int n) {
            if (b.remaining() < n) {
                var bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n)).order(ByteOrder.nativeOrder());
                b.flip();
                bigger.put(b);
                b = bigger;
            }
        }

        Writer be32(int type, int value) {
            room(8);
            b.putShort((short) 8).putShort((short) type);
            b.order(ByteOrder.BIG_ENDIAN).putInt(value).order(ByteOrder.nativeOrder());
            return this;
        }

        Writer be64(int type, long value) {
            room(12);
            b.putShort((short) 12).putShort((short) type);
            b.order(ByteOrder.BIG_ENDIAN).putLong(value).order(ByteOrder.nativeOrder());
            return this;
        }

        /** A value as the kernel's registers hold it: host byte order (marks, numgen and hash results). */
        Writer u32(int type, int value) {
            room(8);
            b.putShort((short) 8).putShort((short) type).putInt(value);
            return this;
        }

        Writer bytes(int type, byte[] value) {
            room(4 + value.length + 3);
            b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
            while ((b.position() & 3) != 0) {
                b.put((byte) 0);
            }
            return this;
        }

        Writer string(int type, String value) {
            byte[] s = value.getBytes(StandardCharsets.US_ASCII);
            return bytes(type, Arrays.copyOf(s, s.length + 1));
        }

        int nest(int type) {
            room(4);
            int at = b.position();
            b.putShort((short) 0).putShort((short) (type | NLA_F_NESTED));
            return at;
        }

        Writer end(int nestStart) {
            b.putShort(nestStart, (short) (b.position() - nestStart));
            return this;
        }

        /** {@code NFTA_LIST_ELEM { NFTA_EXPR_NAME, NFTA_EXPR_DATA { ... } }}; close with {@link #endExpr}. */
        int expr(String name) {
            int elem = nest(NFTA_LIST_ELEM);
            string(NFTA_EXPR_NAME, name);
            nest(NFTA_EXPR_DATA);
            return elem;
        }

        void endExpr(int elem) {
            // the data nest starts right after the name attribute
            int nameLen = b.getShort(elem + 4) & 0xffff;
            int data = elem + 4 + ((nameLen + 3) & ~3);
            end(data);
            end(elem);
        }

        byte[] finish() {
            b.putInt(0, b.position());
            return Arrays.copyOf(b.array(), b.position());
        }
    }
}
