package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.linux.Rule;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.plan.PlannedRoute;
import io.jkeepalived.vrrp.plan.RoutingPlan;
import io.jkeepalived.vrrp.port.LogSink;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.vrrp.port.RoutingTable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code virtual_routes} and {@code virtual_rules}: present while the instance is MASTER, gone otherwise. As
 * keepalived's vrrp_state_become_master, routes then rules go in after the VIPs (the engine reports the transition
 * once the VIPs are added); leaving MASTER takes the rules out, then the routes. Wraps the notifier, since every
 * state change passes through it on the loop thread.
 */
final class VirtualRouting implements Notifier {
    private final Notifier delegate;
    private final RoutingPlan plan;
    private final RoutingTable table;
    private final LogSink log;
    private final Set<String> installed = ConcurrentHashMap.newKeySet();

    VirtualRouting(Notifier delegate, RoutingPlan plan, RoutingTable table, LogSink log) {
        this.delegate = delegate;
        this.plan = plan;
        this.table = table;
        this.log = log;
    }

    @Override
    public void notify(VrrpAction.RunNotify notify) {
        delegate.notify(notify);
    }

    @Override
    public void transition(VrrpAction.Transition t) {
        if (t.to() == VrrpState.MASTER) {
            install(t.instance());
        } else if (t.from() == VrrpState.MASTER) {
            withdraw(t.instance());
        }
        delegate.transition(t);
    }

    @Override
    public void splitBrain(VrrpAction.SplitBrain splitBrain) {
        delegate.splitBrain(splitBrain);
    }

    @Override
    public void priorityChanged(VrrpAction.PriorityChanged change) {
        delegate.priorityChanged(change);
    }

    /** On stop (unless -V): what is still installed goes, except for {@code kept} (a reload keeps them MASTER). */
    void withdrawAll(Collection<String> kept) {
        for (String instance : List.copyOf(installed)) {
            if (!kept.contains(instance)) {
                withdraw(instance);
            }
        }
    }

    private void install(String instance) {
        List<PlannedRoute> routes = plan.virtualRoutesOf().getOrDefault(instance, List.of());
        List<Rule> rules = plan.virtualRulesOf().getOrDefault(instance, List.of());
        if (routes.isEmpty() && rules.isEmpty()) {
            return;
        }
        installed.add(instance);
        for (PlannedRoute r : routes) {
            run(instance, "add virtual route " + r.route().describe(), () -> table.add(r));
        }
        for (Rule r : rules) {
            run(instance, "add virtual rule " + r.describe(), () -> table.add(r));
        }
    }

    private void withdraw(String instance) {
        if (!installed.remove(instance)) {
            return;
        }
        for (Rule r : plan.virtualRulesOf().getOrDefault(instance, List.of())) {
            run(instance, "remove virtual rule " + r.describe(), () -> table.remove(r));
        }
        for (PlannedRoute r : plan.virtualRoutesOf().getOrDefault(instance, List.of())) {
            run(instance, "remove virtual route " + r.route().describe(), () -> table.remove(r));
        }
    }

    private interface Change {
        void apply() throws Exception;
    }

    private void run(String instance, String what, Change change) {
        try {
            change.apply();
        } catch (Exception e) {
            log.log("(" + instance + ") cannot " + what + ": " + e.getMessage());
        }
    }
}
