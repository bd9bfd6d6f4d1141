package io.jkeepalived.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition for a test until it holds, and fails naming what was awaited once the limit passes. */
public final class Await {
    private Await() {
    }

    public static void until(Duration limit, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);   // polling interval only; the limit is the assertion
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
