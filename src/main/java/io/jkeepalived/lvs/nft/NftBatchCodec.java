package io.jkeepalived.lvs.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * nf_tables netlink messages for the changes a check result makes, byte for byte as nft 1.0.6 sends them
 * (golden bytes: {@code src/test/resources/io/jkeepalived/lvs/nft/capture-golden.sh}): a batch
 * {@code NFNL_MSG_BATCH_BEGIN, NFT_MSG_DELSETELEM/NEWSETELEM ..., NFNL_MSG_BATCH_END} the kernel commits as one
 * transaction. Element data is a mark, never a verdict: such a commit does not make nf_tables re-validate the
 * table. Needs no cache of the table: every object is named. Pure: records in, bytes out; sequence numbers are
 * the message's index (the socket renumbers them).
 */
public final class NftBatchCodec {
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    static final int NFNL_MSG_BATCH_END = 0x11;
    static final int NFT_MSG_NEWSETELEM = 12;
    static final int NFT_MSG_DELSETELEM = 14;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_CREATE = 0x400;
    static final int NLA_F_NESTED = 0x8000;
    static final int NFPROTO_INET = 1;
    static final int NFPROTO_NETDEV = 5;
    // attributes
    static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    static final int NFTA_SET_ELEM_LIST_SET = 2;
    static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    static final int NFTA_SET_ELEM_KEY = 1;
    static final int NFTA_SET_ELEM_DATA = 2;
    static final int NFTA_SET_ELEM_USERDATA = 6;
    static final int NFTA_DATA_VALUE = 1;
    static final int NFTNL_UDATA_SET_ELEM_COMMENT = 0;
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
                    e.mark().ifPresent(mark -> {
                        int data = w.nest(NFTA_SET_ELEM_DATA);
                        w.u32(NFTA_DATA_VALUE, mark).end(data);
                    });
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
        };
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

        byte[] finish() {
            b.putInt(0, b.position());
            return Arrays.copyOf(b.array(), b.position());
        }
    }
}
