package io.jkeepalived.lvs.nft;

/**
 * The rule that picks a slot for a new connection: {@code numgen inc mod N vmap @SLOTS} or {@code jhash ...
 * mod N seed S vmap @SLOTS}. The only rule a weight change or a server going up or down rewrites (its modulus).
 *
 * @param selection {@link NftScheduler.Selection#ROUND_ROBIN}/{@code FAILOVER}: numgen; the hashes: jhash
 * @param ipv6      the address family the hash reads
 * @param hashPort  the source hash covers the source port too
 * @param netdev    the rule is in the netdev (DR) table: the family check is on the ethertype
 */
public record SelectionRule(NftScheduler.Selection selection, boolean ipv6, boolean hashPort, boolean netdev, int modulus, int seed,
                            String slotsSet) {

    /** As nft writes it (the text the libnftables path sends). */
    public String text() {
        var map = " mod " + modulus + " vmap @" + slotsSet;
        String family = ipv6 ? "ip6" : "ip";
        String seedText = " seed 0x" + Integer.toHexString(seed);
        return switch (selection) {
            case ROUND_ROBIN, FAILOVER -> "numgen inc" + map;
            case SOURCE_HASH -> "jhash " + family + " saddr" + (hashPort ? " . th sport" : "") + " mod " + modulus + seedText + " vmap @" + slotsSet;
            case DESTINATION_HASH -> "jhash " + family + " daddr mod " + modulus + seedText + " vmap @" + slotsSet;
        };
    }
}
