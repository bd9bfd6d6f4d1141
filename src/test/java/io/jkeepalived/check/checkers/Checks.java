package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs one check attempt for a test and checks the Checker contract (one result, in time). */
final class Checks {
    private Checks() {
    }

    record Timed(CheckResult result, Duration took) {
    }

    static Timed run(Checker checker, Duration timeout) {
        var future = new CompletableFuture<CheckResult>();
        long start = System.nanoTime();
        checker.start(timeout, r -> {
            if (!future.complete(r)) {
                fail("second result reported: " + r);
            }
        });
        try {
            var r = future.get(timeout.toMillis() + 3000, TimeUnit.MILLISECONDS);
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(timeout.plusMillis(750)) < 0,
                    "result after " + took.toMillis() + " ms, timeout was " + timeout.toMillis() + " ms: " + r);
            return new Timed(r, took);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no result from " + checker.describe() + " within the timeout", e);
        }
    }

    static CheckResult ok(Checker checker, Duration timeout) {
        var r = run(checker, timeout).result();
        assertTrue(r.ok(), () -> checker.describe() + " should pass but: " + r.detail());
        return r;
    }

    static String failure(Checker checker, Duration timeout) {
        var r = run(checker, timeout).result();
        assertTrue(!r.ok(), () -> checker.describe() + " should fail but passed: " + r.detail());
        return r.detail();
    }
}
