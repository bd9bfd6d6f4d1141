package io.jkeepalived.check.plan;

import io.jkeepalived.check.engine.CheckPlan;
import io.jkeepalived.lvs.PoolPlan;

import java.util.List;

/**
 * The engine's plan and, in the same checker order, what each checker checks; and the pool plan the
 * engine's decisions fill (services, servers, forwarding, schedulers).
 */
public record CheckSetup(CheckPlan plan, List<CheckerBinding> bindings, PoolPlan pool) {
    public CheckSetup {
        bindings = List.copyOf(bindings);
    }

    public CheckSetup(CheckPlan plan, List<CheckerBinding> bindings) {
        this(plan, bindings, PoolPlan.EMPTY);
    }

    public CheckSetup withPool(PoolPlan p) {
        return new CheckSetup(plan, bindings, p);
    }
}
