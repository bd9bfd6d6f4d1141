package io.jkeepalived.config.build;

/**
 * The {@code garp_group} keywords, each beside what it does to the {@link GarpGroupDraft}, with keepalived's
 * words.
 */
final class GarpGroupKeywords {
    private GarpGroupKeywords() {
    }

    static final KeywordTable<GarpGroupDraft> TABLE = KeywordTable.<GarpGroupDraft>of("garp_group")
            .on("garp_interval", (g, w) -> g.garp = w.seconds(0, 0, 1).orElse(g.garp))
            .on("gna_interval", (g, w) -> g.gna = w.seconds(0, 0, 1).orElse(g.gna))
            .on("interface", (g, w) -> w.required(0).ifPresent(g.ifs::add))
            .on("interfaces", (g, w) -> w.node().children().forEach(c -> g.ifs.add(c.name())))
            .build();
}
