package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import java.time.Duration;
import java.util.function.Consumer;

/** Stands in for a checker type jkeepalived cannot run yet: every attempt fails and says why. */
public record UnsupportedChecker(String keyword, String target) implements Checker {
    @Override
    public String describe() {
        return keyword + " on service " + target;
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        done.accept(CheckResult.failure(keyword + " is not supported by this jkeepalived build"));
    }
}
