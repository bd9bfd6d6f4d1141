package io.jkeepalived.config.build;

/**
 * The {@code bfd_instance} keywords, each beside what it does to the {@link BfdInstanceDraft}, with keepalived's
 * words.
 */
final class BfdInstanceKeywords {
    private BfdInstanceKeywords() {
    }

    static final KeywordTable<BfdInstanceDraft> TABLE = KeywordTable.<BfdInstanceDraft>of("bfd_instance")
            .on("neighbor_ip", "neighbour_ip", (b, w) -> b.neighbor = w.address(0).orElse(null))
            .on("source_ip", (b, w) -> b.source = w.address(0).orElse(null))
            .on("min_rx", (b, w) -> b.minRx = bfdInterval(w, b.name, b.minRx))
            .on("min_tx", (b, w) -> b.minTx = bfdInterval(w, b.name, b.minTx))
            .on("idle_tx", (b, w) -> b.idleTx = bfdInterval(w, b.name, b.idleTx))
            .on("multiplier", (b, w) -> b.mult = (int) w.integer(0, 1, 255).orElse(b.mult))
            .on("passive", (b, w) -> b.passive = true)
            .on("ttl", (b, w) -> b.ttl = (int) w.integer(0, 1, 255).orElse(b.ttl))
            .on("hoplimit", (b, w) -> b.hop = (int) w.integer(0, 1, 255).orElse(b.hop))
            .on("max_hops", (b, w) -> b.maxHops = (int) w.integer(0, 0, 255).orElse(b.maxHops))
            .on("multihop", (b, w) -> b.multihop = w.bool(0))
            .on("weight", BfdInstanceKeywords::weight)
            .on("vrrp", (b, w) -> b.vrrp = true)
            .on("checker", (b, w) -> b.checker = true)
            .build();

    private static void weight(BfdInstanceDraft b, Words w) {
        b.weight = (int) w.integer(0, -253, 253).orElse(b.weight);
        b.reverse = w.arg(1).filter("reverse"::equals).isPresent();
    }

    /** BFD intervals in milliseconds, 1..4294967, with keepalived's words when out of range. */
    private static long bfdInterval(Words w, String name, long current) {
        var t = w.required(0);
        if (t.isEmpty()) {
            return current;
        }
        long micros = Words.plainMicros(t.get());
        if (micros < 1_000_000 || micros > 4_294_967L * 1_000_000) {
            w.error("number '" + t.get() + "' outside range [1.000, 4294967.000]");
            w.error("Configuration error: BFD instance " + name + " " + w.keyword() + " value " + t.get()
                    + " is not valid (must be in range [1-4294967]), ignoring");
            return current;
        }
        return micros / 1_000_000;
    }
}
