package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Scheduling;
import java.util.Optional;

/**
 * How an IPVS scheduler is carried out with nftables expressions, and what that changes. nftables has no
 * live connection counts in the packet path, so the connection-counting schedulers become their closest
 * weighted counterpart; the difference is named, once, at start.
 *
 * @param selection    how a new connection picks a slot
 * @param weighted     slots in proportion to weights (else one slot per server with weight &gt; 0)
 * @param hashPort     the hash covers the source port (sh-port, mh-port)
 * @param approximation what differs from IPVS, for the start-up warning; empty when nothing does
 */
public record NftScheduler(Selection selection, boolean weighted, boolean hashPort, Optional<String> approximation) {

    public enum Selection {
        /** {@code numgen inc}: the next slot for each connection. */
        ROUND_ROBIN,
        /** {@code jhash} of the client address (and port). */
        SOURCE_HASH,
        /** {@code jhash} of the destination address. */
        DESTINATION_HASH,
        /** every slot to the live server with the highest weight. */
        FAILOVER
    }

    public static NftScheduler of(Scheduling s) {
        boolean port = s.hashesPort();
        return switch (s.name()) {
            case "rr" -> exact(Selection.ROUND_ROBIN, false);
            case "wrr" -> exact(Selection.ROUND_ROBIN, true);
            case "sh" -> exact(Selection.SOURCE_HASH, true, port);
            case "dh" -> exact(Selection.DESTINATION_HASH, true);
            case "fo" -> exact(Selection.FAILOVER, true);
            case "mh" -> approx(Selection.SOURCE_HASH, true, port,
                    "mh (Maglev hashing) runs as a weighted source hash: when servers change, more clients move than with IPVS");
            case "lc" -> approx(Selection.ROUND_ROBIN, false, false,
                    "lc needs live connection counts, which nftables does not have: round-robin (rr) instead");
            case "wlc", "sed", "nq", "twos" -> approx(Selection.ROUND_ROBIN, true, false,
                    s.name() + " needs live connection counts, which nftables does not have: weighted round-robin (wrr) instead");
            case "lblc", "lblcr" -> approx(Selection.DESTINATION_HASH, true, false,
                    s.name() + " needs live connection counts, which nftables does not have: destination hashing (dh) instead");
            case "ovf" -> approx(Selection.FAILOVER, true, false,
                    "ovf needs live connection counts, which nftables does not have: weighted failover (fo) instead");
            default -> approx(Selection.ROUND_ROBIN, true, false,
                    "scheduler " + s.name() + " is unknown to the nftables data plane: weighted round-robin (wrr) instead");
        };
    }

    private static NftScheduler exact(Selection selection, boolean weighted) {
        return new NftScheduler(selection, weighted, false, Optional.empty());
    }

    private static NftScheduler exact(Selection selection, boolean weighted, boolean port) {
        return new NftScheduler(selection, weighted, port, Optional.empty());
    }

    private static NftScheduler approx(Selection selection, boolean weighted, boolean port, String why) {
        return new NftScheduler(selection, weighted, port, Optional.of(why));
    }
}
