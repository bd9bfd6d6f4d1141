package io.jkeepalived.check.engine;

import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.lvs.RealServer;

import java.util.List;
import java.util.Optional;

/** A real_server (or a sorry_server) as the engine needs it. */
public record RealServerPlan(RealServer server, int weight, boolean inhibitOnFailure, Optional<ScriptSpec> notifyUp,
                             Optional<ScriptSpec> notifyDown, boolean smtpAlert, List<CheckerPlan> checkers) {
    public RealServerPlan {
        checkers = List.copyOf(checkers);
    }

    public static RealServerPlan sorry(RealServer server, int weight, boolean inhibit) {
        return new RealServerPlan(server, weight, inhibit, Optional.empty(), Optional.empty(), false, List.of());
    }
}
