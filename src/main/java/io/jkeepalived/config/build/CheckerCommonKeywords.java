package io.jkeepalived.config.build;

/**
 * The keywords every checker shares (keepalived's "checker" table), each beside what it does to the
 * {@link CheckerCommonDraft}; SMTP_CHECK's host blocks use the same table.
 */
final class CheckerCommonKeywords {
    private CheckerCommonKeywords() {
    }

    static final KeywordTable<CheckerCommonDraft> TABLE = KeywordTable.<CheckerCommonDraft>of("checker")
            .on("connect_ip", (c, w) -> c.connectIp = w.address(0).orElse(c.connectIp))
            .on("connect_port", CheckerCommonKeywords::connectPort)
            .on("bindto", (c, w) -> c.bindTo = w.address(0).orElse(c.bindTo))
            .on("bind_port", (c, w) -> c.bindPort = (int) w.integer(0, 0, 65535).orElse(0))
            .on("bind_if", (c, w) -> c.bindIf = w.required(0).orElse(null))
            .on("fwmark", (c, w) -> c.fwmark = (int) w.integer(0, 0, 4294967295L).orElse(0))
            .on("log_all_failures", (c, w) -> c.logAllFailures = w.bool(0))
            .on("connect_timeout",
                    (c, w) -> c.own = c.own.withConnectTimeout(LvsLineValues.connectTimeout(w).orElse(c.own.connectTimeout())))
            .on("retry", (c, w) -> c.own = c.own.withRetry(LvsLineValues.retry(w).orElse(c.own.retry())))
            .on("delay_before_retry",
                    (c, w) -> c.own = c.own.withDelayBeforeRetry(LvsLineValues.timer(w).orElse(c.own.delayBeforeRetry())))
            .on("warmup", (c, w) -> c.own = c.own.withWarmup(LvsLineValues.timer(w).orElse(c.own.warmup())))
            .on("delay_loop",
                    (c, w) -> c.own = c.own.withDelayLoop(LvsLineValues.delayLoop(w, "checker").orElse(c.own.delayLoop())))
            .on("alpha", (c, w) -> c.own = c.own.withAlpha(w.bool(0)))
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
