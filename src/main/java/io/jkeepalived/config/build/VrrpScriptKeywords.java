package io.jkeepalived.config.build;

import java.time.Duration;

/**
 * The {@code vrrp_script} keywords, each beside what it does to the {@link VrrpScriptDraft}, with keepalived's
 * words.
 */
final class VrrpScriptKeywords {
    private VrrpScriptKeywords() {
    }

    static final KeywordTable<VrrpScriptDraft> TABLE = KeywordTable.<VrrpScriptDraft>of("vrrp_script")
            .on("script", (s, w) -> s.script = w.script(0).orElse(null))
            .on("interval", VrrpScriptKeywords::interval)
            .on("timeout", VrrpScriptKeywords::timeout)
            .on("weight", VrrpScriptKeywords::weight)
            .on("rise", "fall", VrrpScriptKeywords::rise)
            .on("user", VrrpScriptKeywords::user)
            .on("init_fail", (s, w) -> s.initFail = true)
            .build();

    private static void interval(VrrpScriptDraft s, Words w) {
        var d = w.seconds(0, 0, Integer.MAX_VALUE / 1_000_000.0);
        if (d.isPresent() && d.get().isZero()) {
            w.error("(" + s.name + "): vrrp script interval must be greater than 0, setting to 1");
        } else if (d.isPresent()) {
            s.interval = d.get();
        }
    }

    private static void timeout(VrrpScriptDraft s, Words w) {
        var d = w.seconds(0, 0, Integer.MAX_VALUE / 1_000_000.0);
        if (d.isPresent() && d.get().isZero()) {
            w.error("(" + s.name + "): vrrp script timeout must be greater than 0, setting to 1");
            s.timeout = Duration.ofSeconds(1);
        } else if (d.isPresent()) {
            s.timeout = d.get();
        }
    }

    private static void weight(VrrpScriptDraft s, Words w) {
        var t = w.required(0);
        if (t.isPresent()) {
            var v = w.integer(t.get(), -253, 253);
            if (v.isPresent()) {
                s.weight = (int) v.getAsLong();
            } else {
                w.error("vrrp_script " + s.name + " weight " + t.get() + " must be in [-253, 253]");
            }
            s.reverse = w.arg(1).filter("reverse"::equals).isPresent();
        }
    }

    private static void rise(VrrpScriptDraft s, Words w) {
        var v = w.intIn(0, 1, Integer.MAX_VALUE);
        if (v.isEmpty()) {
            w.error("(" + s.name + "): vrrp script " + w.keyword() + " value '" + w.arg(0).orElse("")
                    + "' invalid, defaulting to 1");
        } else if (w.keyword().equals("rise")) {
            s.rise = v.getAsInt();
        } else {
            s.fall = v.getAsInt();
        }
    }

    private static void user(VrrpScriptDraft s, Words w) {
        s.user = w.required(0).orElse(null);
        s.group = w.arg(1).orElse(null);
    }
}
