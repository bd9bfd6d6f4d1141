package io.jkeepalived.check.plan;

import io.jkeepalived.check.engine.CheckPlan;

import java.util.List;

/** The engine's plan and, in the same checker order, what each checker checks. */
public record CheckSetup(CheckPlan plan, List<CheckerBinding> bindings) {
    public CheckSetup {
        bindings = List.copyOf(bindings);
    }
}
