package io.jkeepalived.lvs.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.lvs.nft.NftMessage.AddElements;
import io.jkeepalived.lvs.nft.NftMessage.DeleteElements;
import io.jkeepalived.lvs.nft.NftMessage.Element;
import io.jkeepalived.lvs.nft.NftMessage.FlushSet;
import io.jkeepalived.lvs.nft.NftMessage.ReplaceRule;
import io.jkeepalived.lvs.nft.NftScheduler.Selection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The batch codec against the bytes nft 1.0.6 sent for the same changes (captured with strace by
 * {@code capture-golden.sh}, next to the {@code golden/} files). One difference is normalised: nft sends the id
 * its cache gave each set (NFTA_SET_ELEM_LIST_SET_ID, NFTA_LOOKUP_SET_ID), which the kernel reads only for a set
 * created in the same batch; we send 0.
 */
class NftBatchCodecGoldenTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String T = "inet jkeepalived";
    private static final String DR = "netdev jkeepalived_dr";
    private static final String S = "v_tcp_203_0_113_100_80";
    private static final String SLOTS = S + "_slots";
    private static final String IDS = S + "_ids";
    /** The selection rule's handle in each capture's table (golden/README). */
    private static final long INET_HANDLE = 9;
    private static final long NETDEV_HANDLE = 6;

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = NftBatchCodecGoldenTest.class.getResourceAsStream("golden/" + name + ".hex")) {
            return HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }

    private static void assertSameBytes(String name, List<NftMessage> messages) throws IOException {
        byte[] nft = golden(name);
        zeroSetIds(nft);
        assertEquals(HEX.formatHex(nft), HEX.formatHex(NftBatchCodec.bytes(NftBatchCodec.batch(messages))), name);
    }

    private static Element jump(int key, String chain) {
        return new Element(key, Optional.empty(), chain);
    }

    @Test
    void slotsAndIdsRewritten() throws IOException {
        assertSameBytes("elements", List.of(
                new FlushSet(T, SLOTS),
                new AddElements(T, SLOTS, List.of(jump(0, S + "_r1"), jump(1, S + "_r2"), jump(2, S + "_r1"))),
                new FlushSet(T, IDS),
                new AddElements(T, IDS, List.of(
                        new Element(0x6a6b0001, Optional.of("r=198.51.100.11,80 w=2 u=0 l=0 m=NAT"), S + "_r1"),
                        new Element(0x6a6b0002, Optional.of("r=198.51.100.12,80 w=1 u=0 l=0 m=NAT"), S + "_r2")))));
    }

    @Test
    void elementDeleted() throws IOException {
        assertSameBytes("delete-element", List.of(new DeleteElements(T, IDS, List.of(0x6a6b0002))));
    }

    @Test
    void drTableElements() throws IOException {
        assertSameBytes("elements-dr", List.of(new FlushSet(DR, SLOTS), new AddElements(DR, SLOTS, List.of(jump(0, S + "_r1")))));
    }

    private static void assertRule(String name, String table, long handle, SelectionRule rule, String nftText) throws IOException {
        assertEquals(nftText, rule.text(), "the rule as the libnftables path writes it");
        assertSameBytes(name, List.of(new ReplaceRule(table, S, handle, rule)));
    }

    @Test
    void roundRobin() throws IOException {
        assertRule("rule-rr", T, INET_HANDLE, new SelectionRule(Selection.ROUND_ROBIN, false, false, false, 3, 0, SLOTS),
                "numgen inc mod 3 vmap @" + SLOTS);
    }

    @Test
    void sourceHash() throws IOException {
        assertRule("rule-sh", T, INET_HANDLE, new SelectionRule(Selection.SOURCE_HASH, false, false, false, 5, 0x1234, SLOTS),
                "jhash ip saddr mod 5 seed 0x1234 vmap @" + SLOTS);
    }

    @Test
    void sourceHashWithPort() throws IOException {
        assertRule("rule-sh-port", T, INET_HANDLE, new SelectionRule(Selection.SOURCE_HASH, false, true, false, 5, 0x1234, SLOTS),
                "jhash ip saddr . th sport mod 5 seed 0x1234 vmap @" + SLOTS);
    }

    @Test
    void destinationHash() throws IOException {
        assertRule("rule-dh", T, INET_HANDLE, new SelectionRule(Selection.DESTINATION_HASH, false, false, false, 5, 0x1234, SLOTS),
                "jhash ip daddr mod 5 seed 0x1234 vmap @" + SLOTS);
    }

    @Test
    void ipv6SourceHashWithPort() throws IOException {
        assertRule("rule-sh6-port", T, INET_HANDLE, new SelectionRule(Selection.SOURCE_HASH, true, true, false, 4, 0x99, SLOTS),
                "jhash ip6 saddr . th sport mod 4 seed 0x99 vmap @" + SLOTS);
    }

    @Test
    void ipv6DestinationHash() throws IOException {
        assertRule("rule-dh6", T, INET_HANDLE, new SelectionRule(Selection.DESTINATION_HASH, true, false, false, 4, 0x99, SLOTS),
                "jhash ip6 daddr mod 4 seed 0x99 vmap @" + SLOTS);
    }

    @Test
    void drSourceHashWithPort() throws IOException {
        assertRule("rule-dr-sh-port", DR, NETDEV_HANDLE, new SelectionRule(Selection.SOURCE_HASH, false, true, true, 5, 0x1234, SLOTS),
                "jhash ip saddr . th sport mod 5 seed 0x1234 vmap @" + SLOTS);
    }

    @Test
    void drIpv6DestinationHash() throws IOException {
        assertRule("rule-dr-dh6", DR, NETDEV_HANDLE, new SelectionRule(Selection.DESTINATION_HASH, true, false, true, 5, 0x1234, SLOTS),
                "jhash ip6 daddr mod 5 seed 0x1234 vmap @" + SLOTS);
    }

    @Test
    void selectionHandleFoundInARuleDump() throws IOException {
        // the kernel dumps a rule with the attributes nft sends (table, chain, handle, expressions)
        byte[] batch = golden("rule-sh-port");
        int len = ByteBuffer.wrap(batch).order(ByteOrder.nativeOrder()).getInt(20);
        byte[] rule = java.util.Arrays.copyOfRange(batch, 20, 20 + len);
        assertEquals(OptionalLong.of(INET_HANDLE), NftBatchCodec.selectionHandle(List.of(rule), SLOTS));
        assertEquals(OptionalLong.empty(), NftBatchCodec.selectionHandle(List.of(rule), S + "_other"));
    }

    /** Zeroes nft's set ids: NFTA_SET_ELEM_LIST_SET_ID of NEWSETELEM, NFTA_LOOKUP_SET_ID of lookup expressions. */
    private static void zeroSetIds(byte[] batch) {
        var b = ByteBuffer.wrap(batch).order(ByteOrder.nativeOrder());
        for (int at = 0; at + 20 <= batch.length; ) {
            int len = b.getInt(at);
            int type = b.getShort(at + 4) & 0xff;
            if ((b.getShort(at + 4) & 0xff00) == 0x0a00) {
                for (int a = at + 20; a < at + len; a = next(b, a)) {
                    int t = b.getShort(a + 2) & 0x3fff;
                    if (type == NftBatchCodec.NFT_MSG_NEWSETELEM && t == NftBatchCodec.NFTA_SET_ELEM_LIST_SET_ID) {
                        b.putInt(a + 4, 0);
                    }
                    if (type == NftBatchCodec.NFT_MSG_NEWRULE && t == NftBatchCodec.NFTA_RULE_EXPRESSIONS) {
                        for (int e = a + 4; e < next(b, a); e = next(b, e)) {
                            int name = e + 4;
                            int data = next(b, name);
                            boolean lookup = new String(batch, name + 4, 6, StandardCharsets.US_ASCII).equals("lookup");
                            for (int d = data + 4; lookup && d < next(b, data); d = next(b, d)) {
                                if ((b.getShort(d + 2) & 0x3fff) == NftBatchCodec.NFTA_LOOKUP_SET_ID) {
                                    b.putInt(d + 4, 0);
                                }
                            }
                        }
                    }
                }
            }
            at += len;
        }
    }

    private static int next(ByteBuffer b, int attr) {
        return attr + ((b.getShort(attr) & 0xffff) + 3 & ~3);
    }
}
