package io.jkeepalived.config.build;

import io.jkeepalived.config.keywords.KeywordRegistry;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.RealServerSpec;

/** The real_server keywords, each beside what it does to the {@link RealServerDraft}, with keepalived's words. */
final class RealServerKeywords {
    private RealServerKeywords() {
    }

    static final KeywordTable<RealServerDraft> TABLE = KeywordTable.<RealServerDraft>of("real_server")
            .on("weight", RealServerKeywords::weight)
                .applied(RealServerSpec::weight)
            .on("lvs_method", (rs, w) -> rs.method = LvsLineValues.forwarding(w).orElse(rs.method))
                .applied(RealServerSpec::forwardingMethod)
            .on("uthreshold", (rs, w) -> rs.upper = w.intIn(0, 0, Integer.MAX_VALUE))
                .applied(RealServerSpec::upperThreshold)
            .on("lthreshold", (rs, w) -> rs.lower = w.intIn(0, 0, Integer.MAX_VALUE))
                .applied(RealServerSpec::lowerThreshold)
            .on("inhibit_on_failure", (rs, w) -> rs.inhibit = w.bool(0))
                .applied(RealServerSpec::inhibitOnFailure)
            .on("notify_up", (rs, w) -> rs.up = w.script(0))
                .applied(RealServerSpec::notifyUp)
            .on("notify_down", (rs, w) -> rs.down = w.script(0))
                .applied(RealServerSpec::notifyDown)
            .on("alpha", (rs, w) -> rs.alpha = w.bool(0))
                .applied(CheckerCommonSpec::alpha)
            .on("retry", (rs, w) -> rs.retry = LvsLineValues.retry(w).orElse(rs.retry))
                .applied(CheckerCommonSpec::retry)
            .on("delay_before_retry", (rs, w) -> rs.dbr = LvsLineValues.timer(w).orElse(rs.dbr))
                .applied(CheckerCommonSpec::delayBeforeRetry)
            .on("warmup", (rs, w) -> rs.warmup = LvsLineValues.timer(w).orElse(rs.warmup))
                .applied(CheckerCommonSpec::warmup)
            .on("connect_timeout", (rs, w) -> rs.ct = LvsLineValues.connectTimeout(w).orElse(rs.ct))
                .applied(CheckerCommonSpec::connectTimeout)
            .on("delay_loop", (rs, w) -> rs.dl = LvsLineValues.delayLoop(w, "real server").orElse(rs.dl))
                .applied(CheckerCommonSpec::delayLoop)
            .on("smtp_alert", (rs, w) -> rs.smtp = w.bool(0))
                .applied(RealServerSpec::smtpAlert)
            .on("virtualhost", (rs, w) -> rs.vhost = w.required(0).orElse(rs.vhost))
                .applied(RealServerSpec::virtualhost)
            .on(KeywordRegistry.CHECKERS.stream().filter(k -> !k.equals("BFD_CHECK")).sorted().toList(),
                    (rs, w) -> rs.checkerNodes.add(w.node()))
                .applied(RealServerSpec::checkers)
            .on("BFD_CHECK", (rs, w) -> rs.checkerNodes.add(w.node()))
                .unsupported("BFD")
            .accepted("snmp_name")
                .unsupported("SNMP")
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
