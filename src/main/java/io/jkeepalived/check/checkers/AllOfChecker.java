package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Several checks that must all pass, run at the same time (SMTP_CHECK with {@code host {}} blocks):
 * the result is the first failure in configuration order, or success.
 */
final class AllOfChecker implements Checker {
    private final List<Checker> parts;

    AllOfChecker(List<Checker> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public String describe() {
        return parts.getFirst().describe() + (parts.size() > 1 ? " (+" + (parts.size() - 1) + " hosts)" : "");
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        var results = new CheckResult[parts.size()];
        var left = new AtomicInteger(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            int index = i;
            parts.get(i).start(timeout, r -> {
                results[index] = r;
                if (left.decrementAndGet() == 0) {
                    CheckResult outcome = CheckResult.success();
                    for (CheckResult each : results) {
                        if (!each.ok()) {
                            outcome = each;
                            break;
                        }
                    }
                    done.accept(outcome);
                }
            });
        }
    }

    @Override
    public void close() {
        parts.forEach(Checker::close);
    }
}
