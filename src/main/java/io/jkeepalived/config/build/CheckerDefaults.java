package io.jkeepalived.config.build;

import java.time.Duration;

/**
 * Values a virtual_server or real_server passes down to its checkers (keepalived's inheritance:
 * checker ← real_server ← virtual_server ← checker-type default); null = not written at that level.
 */
record CheckerDefaults(Integer retry, Duration delayBeforeRetry, Duration warmup, Duration connectTimeout,
        Duration delayLoop, Boolean alpha, String virtualhost) {

    static final CheckerDefaults NONE = new CheckerDefaults(null, null, null, null, null, null, null);

    /** These values where written, {@code parent}'s elsewhere. */
    CheckerDefaults over(CheckerDefaults parent) {
        return new CheckerDefaults(retry != null ? retry : parent.retry,
                delayBeforeRetry != null ? delayBeforeRetry : parent.delayBeforeRetry,
                warmup != null ? warmup : parent.warmup, connectTimeout != null ? connectTimeout : parent.connectTimeout,
                delayLoop != null ? delayLoop : parent.delayLoop, alpha != null ? alpha : parent.alpha,
                virtualhost != null ? virtualhost : parent.virtualhost);
    }

    CheckerDefaults withRetry(Integer v) {
        return new CheckerDefaults(v, delayBeforeRetry, warmup, connectTimeout, delayLoop, alpha, virtualhost);
    }

    CheckerDefaults withDelayBeforeRetry(Duration v) {
        return new CheckerDefaults(retry, v, warmup, connectTimeout, delayLoop, alpha, virtualhost);
    }

    CheckerDefaults withWarmup(Duration v) {
        return new CheckerDefaults(retry, delayBeforeRetry, v, connectTimeout, delayLoop, alpha, virtualhost);
    }

    CheckerDefaults withConnectTimeout(Duration v) {
        return new CheckerDefaults(retry, delayBeforeRetry, warmup, v, delayLoop, alpha, virtualhost);
    }

    CheckerDefaults withDelayLoop(Duration v) {
        return new CheckerDefaults(retry, delayBeforeRetry, warmup, connectTimeout, v, alpha, virtualhost);
    }

    CheckerDefaults withAlpha(Boolean v) {
        return new CheckerDefaults(retry, delayBeforeRetry, warmup, connectTimeout, delayLoop, v, virtualhost);
    }
}
