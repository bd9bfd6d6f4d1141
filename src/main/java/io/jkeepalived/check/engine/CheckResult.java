package io.jkeepalived.check.engine;

import java.util.OptionalInt;

/**
 * The outcome of one check attempt.
 *
 * @param ok             the server passed
 * @param detail         why it failed (or what it saw), in words for the log, e.g. "connection refused"
 * @param dynamicWeight  a new weight the check asks for (MISC_CHECK {@code misc_dynamic}, FILE_CHECK)
 */
public record CheckResult(boolean ok, String detail, OptionalInt dynamicWeight) {
    public static CheckResult success() {
        return new CheckResult(true, "success", OptionalInt.empty());
    }

    public static CheckResult success(int weight) {
        return new CheckResult(true, "success", OptionalInt.of(weight));
    }

    public static CheckResult failure(String detail) {
        return new CheckResult(false, detail, OptionalInt.empty());
    }
}
