package io.jkeepalived.config.build;

import io.jkeepalived.config.model.CheckerCommonSpec;
/**
 * The keywords every checker shares (keepalived's "checker" table), each beside what it does to the
 * {@link CheckerCommonDraft}; SMTP_CHECK's host blocks use the same table.
 */
final class CheckerCommonKeywords {
    private CheckerCommonKeywords() {
    }

    static final KeywordTable<CheckerCommonDraft> TABLE = KeywordTable.<CheckerCommonDraft>of("checker")
            .on("connect_ip", (c, w) -> c.connectIp = w.address(0).orElse(c.connectIp))
                .applied(CheckerCommonSpec::connectIp)
            .on("connect_port", CheckerCommonKeywords::connectPort)
                .applied(CheckerCommonSpec::connectPort)
            .on("bindto", (c, w) -> c.bindTo = w.address(0).orElse(c.bindTo))
                .applied(CheckerCommonSpec::bindTo)
            .on("bind_port", (c, w) -> c.bindPort = (int) w.integer(0, 0, 65535).orElse(0))
                .applied(CheckerCommonSpec::bindPort)
            .on("bind_if", (c, w) -> c.bindIf = w.required(0).orElse(null))
                .applied(CheckerCommonSpec::bindIf)
            .on("fwmark", (c, w) -> c.fwmark = (int) w.integer(0, 0, 4294967295L).orElse(0))
                .applied(CheckerCommonSpec::fwmark)
            .on("log_all_failures", (c, w) -> c.logAllFailures = w.bool(0))
                .applied(CheckerCommonSpec::logAllFailures)
            .on("connect_timeout",
                    (c, w) -> c.own = c.own.withConnectTimeout(LvsLineValues.connectTimeout(w).orElse(c.own.connectTimeout())))
                .applied(CheckerCommonSpec::connectTimeout)
            .on("retry", (c, w) -> c.own = c.own.withRetry(LvsLineValues.retry(w).orElse(c.own.retry())))
                .applied(CheckerCommonSpec::retry)
            .on("delay_before_retry",
                    (c, w) -> c.own = c.own.withDelayBeforeRetry(LvsLineValues.timer(w).orElse(c.own.delayBeforeRetry())))
                .applied(CheckerCommonSpec::delayBeforeRetry)
            .on("warmup", (c, w) -> c.own = c.own.withWarmup(LvsLineValues.timer(w).orElse(c.own.warmup())))
                .applied(CheckerCommonSpec::warmup)
            .on("delay_loop",
                    (c, w) -> c.own = c.own.withDelayLoop(LvsLineValues.delayLoop(w, "checker").orElse(c.own.delayLoop())))
                .applied(CheckerCommonSpec::delayLoop)
            .on("alpha", (c, w) -> c.own = c.own.withAlpha(w.bool(0)))
                .applied(CheckerCommonSpec::alpha)
            .build();

    private static void connectPort(CheckerCommonDraft c, Words w) {
        var v = w.intIn(0, 1, 65535);
        if (v.isPresent()) {
            c.connectPort = v.getAsInt();
        } else {
            w.error("Invalid checker connect_port '" + w.arg(0).orElse("") + "'");
        }
    }
}
