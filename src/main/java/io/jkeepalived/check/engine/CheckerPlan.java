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
 */
public record CheckerPlan(CheckerWords words, Duration delayLoop, Duration delayBeforeRetry, int retry,
                          Duration warmup, boolean alpha, boolean logAllFailures, Duration timeout, boolean passive) {
    public CheckerPlan {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be >= 0, got " + retry);
        }
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop must be positive, got " + delayLoop);
        }
    }
}
