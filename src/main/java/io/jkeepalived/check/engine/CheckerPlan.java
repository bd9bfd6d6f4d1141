package io.jkeepalived.check.engine;

import java.time.Duration;

/**
 * One checker of one real server, with every default already resolved (checker → real_server →
 * virtual_server → keepalived default).
 *
 * @param words            how this checker type logs (TCP_CHECK, MISC_CHECK, ...)
 * @param delayLoop        time between checks while the state is settled
 * @param delayBeforeRetry time between a failure and its retry
 * @param retry            failures tolerated before the checker is down (keepalived's retry / nb_get_retry)
 * @param warmup           upper bound of the random delay before the first check (0: none)
 * @param alpha            start down until the first success
 * @param logAllFailures   log every failed attempt, not only transitions
 * @param timeout          bound given to Checker.start (connect_timeout, misc_timeout, ...)
 * @param passive          a checker with no periodic run (FILE_CHECK, fed by file changes)
 * @param recoverySweep    HTTP_GET/SSL_GET without fast_recovery: keepalived checks one url per delay_loop and
 *                         calls the server up only once each has passed in turn - after the url that failed, all
 *                         {@code recoverySweep} urls again; at start the first check is the first url. Our attempt
 *                         checks every url at once, so a checker that was down (or has not run) needs that many
 *                         more passing attempts, delay_loop apart (one fewer at start). 0: up on the first pass.
 */
public record CheckerPlan(CheckerWords words, Duration delayLoop, Duration delayBeforeRetry, int retry,
                          Duration warmup, boolean alpha, boolean logAllFailures, Duration timeout, boolean passive,
                          int recoverySweep) {
    /** A checker that is up on its first pass. */
    public CheckerPlan(CheckerWords words, Duration delayLoop, Duration delayBeforeRetry, int retry,
                       Duration warmup, boolean alpha, boolean logAllFailures, Duration timeout, boolean passive) {
        this(words, delayLoop, delayBeforeRetry, retry, warmup, alpha, logAllFailures, timeout, passive, 0);
    }

    public CheckerPlan {
        if (recoverySweep < 0) {
            throw new IllegalArgumentException("recoverySweep must be >= 0, got " + recoverySweep);
        }
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be >= 0, got " + retry);
        }
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop must be positive, got " + delayLoop);
        }
    }
}
