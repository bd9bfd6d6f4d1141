package io.jkeepalived.config.build;

import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.KeepalivedConfig;

/**
 * The {@code garp_group} keywords, each beside what it does to the {@link GarpGroupDraft}, with keepalived's
 * words. The intervals are applied by the VRRP subsystem's GARP sender (adapters.vrrp.GarpRateLimits).
 */
final class GarpGroupKeywords {
    private GarpGroupKeywords() {
    }

    static final KeywordTable<GarpGroupDraft> TABLE = KeywordTable.<GarpGroupDraft>of("garp_group")
            .on("garp_interval", GarpGroupKeywords::garpInterval)
                .applied(GarpGroupSpec::garpInterval)
            .on("gna_interval", GarpGroupKeywords::gnaInterval)
                .applied(GarpGroupSpec::gnaInterval)
            .on("interface", (g, w) -> w.required(0).ifPresent(i -> g.add(i, w.pos(), w.sink())))
                .applied(GarpGroupSpec::interfaces, KeepalivedConfig::garpGroups)
            .on("interfaces", GarpGroupKeywords::interfaces)
                .applied(GarpGroupSpec::interfaces, KeepalivedConfig::garpGroups)
            .build();

    private static void garpInterval(GarpGroupDraft g, Words w) {
        w.required(0).ifPresent(text -> w.seconds(text, 0, 2147.483647).ifPresentOrElse(d -> {
            g.garp = d;
            g.hasGarp = true;
        }, () -> w.error("garp_group garp_interval '" + text + "' invalid")));
    }

    private static void gnaInterval(GarpGroupDraft g, Words w) {
        w.required(0).ifPresent(text -> w.seconds(text, 0, 2147.483647).ifPresentOrElse(d -> {
            g.gna = d;
            g.hasGna = true;
        }, () -> w.error("garp_group gna_interval '" + text + "' invalid")));
    }

    private static void interfaces(GarpGroupDraft g, Words w) {
        var names = w.node().children();
        if (names.isEmpty()) {
            w.error("Warning - empty garp_group interfaces block");
            return;
        }
        g.aggregationGroup = g.groupsWithBlock + 1;
        names.forEach(c -> g.add(c.name(), c.pos(), w.sink()));
    }
}
