package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.VirtualService;

/**
 * The names of our nftables objects, derived from the service key alone, so reading the tables back
 * needs no other memory: {@code v_tcp_192_0_2_100_80} for a service chain, {@code ..._r3} for the
 * chain of its destination number 3, {@code ..._slots} for its selection map.
 */
public final class NftNames {
    public static final String NAT_TABLE = "inet jkeepalived";
    public static final String DR_TABLE = "netdev jkeepalived_dr";
    /** The mark values our id maps use: a tag in the high bits so a stray mark of someone else never matches. */
    static final int MARK_TAG = 0x6a6b0000;

    private NftNames() {
    }

    public static String chain(VirtualService key) {
        return switch (key) {
            case VirtualService.Address a -> "v_" + a.protocol() + "_" + identifier(a.ip()) + "_" + a.port();
            case VirtualService.Fwmark f -> "f" + (f.ipv6() ? "6" : "4") + "_" + Integer.toUnsignedString(f.mark());
        };
    }

    /** {@code text} with every character but [0-9A-Za-z] as '_' (a loop: this runs per server and per change). */
    private static String identifier(String text) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                out[i] = '_';
            }
        }
        return new String(out);
    }

    static String destination(VirtualService key, int id) {
        return chain(key) + "_r" + id;
    }

    static int mark(int id) {
        return MARK_TAG | id;
    }

    static int idOfMark(long mark) {
        return (int) (mark & 0xFFFF);
    }

    /** The dispatch map of a service: by address family, by fwmark, by table. */
    static String dispatchMap(VirtualService key, ProgrammedService.Mode mode) {
        String prefix = mode == ProgrammedService.Mode.DR ? "dr" : "nat";
        return switch (key) {
            case VirtualService.Address a -> prefix + (a.ipv6() ? "6" : "4");
            case VirtualService.Fwmark f -> prefix + "mark" + (f.ipv6() ? "6" : "4");
        };
    }

    static String table(ProgrammedService.Mode mode) {
        return mode == ProgrammedService.Mode.DR ? DR_TABLE : NAT_TABLE;
    }
}
