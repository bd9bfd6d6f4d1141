package io.jkeepalived.config.build;

import io.jkeepalived.config.keywords.KeywordRegistry;
import java.util.List;

/** The real_server keywords, each beside what it does to the {@link RealServerDraft}, with keepalived's words. */
final class RealServerKeywords {
    private RealServerKeywords() {
    }

    static final KeywordTable<RealServerDraft> TABLE = KeywordTable.<RealServerDraft>of("real_server")
            .on("weight", RealServerKeywords::weight)
            .on("lvs_method", (rs, w) -> rs.method = LvsLineValues.forwarding(w).orElse(rs.method))
            .on("uthreshold", (rs, w) -> rs.upper = w.intIn(0, 0, Integer.MAX_VALUE))
            .on("lthreshold", (rs, w) -> rs.lower = w.intIn(0, 0, Integer.MAX_VALUE))
            .on("inhibit_on_failure", (rs, w) -> rs.inhibit = w.bool(0))
            .on("notify_up", (rs, w) -> rs.up = w.script(0))
            .on("notify_down", (rs, w) -> rs.down = w.script(0))
            .on("alpha", (rs, w) -> rs.alpha = w.bool(0))
            .on("retry", (rs, w) -> rs.retry = LvsLineValues.retry(w).orElse(rs.retry))
            .on("delay_before_retry", (rs, w) -> rs.dbr = LvsLineValues.timer(w).orElse(rs.dbr))
            .on("warmup", (rs, w) -> rs.warmup = LvsLineValues.timer(w).orElse(rs.warmup))
            .on("connect_timeout", (rs, w) -> rs.ct = LvsLineValues.connectTimeout(w).orElse(rs.ct))
            .on("delay_loop", (rs, w) -> rs.dl = LvsLineValues.delayLoop(w, "real server").orElse(rs.dl))
            .on("smtp_alert", (rs, w) -> rs.smtp = w.bool(0))
            .on("virtualhost", (rs, w) -> rs.vhost = w.required(0).orElse(rs.vhost))
            .on(List.copyOf(KeywordRegistry.CHECKERS), (rs, w) -> rs.checkerNodes.add(w.node()))
            .build();

    private static void weight(RealServerDraft rs, Words w) {
        var t = w.required(0);
        if (t.isPresent()) {
            var v = w.integer(t.get(), 0, Integer.MAX_VALUE);
            if (v.isPresent()) {
                rs.weight = (int) v.getAsLong();
            } else {
                w.error("Real server weight " + t.get() + " is outside range 0-2147483647");
            }
        }
    }
}
