package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Desired pool vs observed kernel state → the ops that make the kernel equal to the desired pool, and
 * nothing else. Pure.
 *
 * <p>Order: timeouts; new services; edited services; new destinations; destinations whose weight rises;
 * destinations whose weight falls or that drain; removed destinations; removed services. New servers are
 * in before old ones leave, so a service is never without the healthy servers it should have, and an edit
 * in place (weight, thresholds, forwarding, scheduler) never drops a connection.
 *
 * <p>Only services that are desired or {@code managed} (ours from before) are touched: another tenant's
 * IPVS services stay as they are.
 */
public final class Reconciler {
    private Reconciler() {
    }

    /** The full difference. */
    public static List<LvsOp> diff(Pool desired, Pool observed, Set<VirtualService> managed) {
        var scope = new java.util.LinkedHashSet<VirtualService>(desired.services().keySet());
        for (var key : observed.services().keySet()) {
            if (managed.contains(key)) {
                scope.add(key);
            }
        }
        return diff(desired, observed, scope, true);
    }

    /**
     * The difference restricted to {@code scope} (the services a check result just changed): a check result
     * costs the size of its service, not of the whole pool. A service in scope and not desired is removed.
     */
    public static List<LvsOp> diff(Pool desired, Pool observed, Collection<VirtualService> scope, boolean withTimeouts) {
        var addServices = new ArrayList<LvsOp>();
        var editServices = new ArrayList<LvsOp>();
        var addDests = new ArrayList<LvsOp>();
        var raiseDests = new ArrayList<LvsOp>();
        var lowerDests = new ArrayList<LvsOp>();
        var removeDests = new ArrayList<LvsOp>();
        var removeServices = new ArrayList<LvsOp>();
        for (var key : scope) {
            var want = desired.services().get(key);
            var have = observed.services().get(key);
            if (want == null) {
                if (have != null) {
                    removeServices.add(new LvsOp.RemoveService(key));
                }
                continue;
            }
            if (have == null) {
                addServices.add(new LvsOp.AddService(key, want.settings()));
                for (var d : want.destinations().values()) {
                    addDests.add(new LvsOp.AddDestination(key, d));
                }
                continue;
            }
            if (!want.settings().equals(have.settings())) {
                editServices.add(new LvsOp.EditService(key, want.settings()));
            }
            for (var d : want.destinations().values()) {
                var now = have.destinations().get(d.server());
                if (now == null) {
                    addDests.add(new LvsOp.AddDestination(key, d));
                } else if (!now.equals(d)) {
                    (d.weight() >= now.weight() ? raiseDests : lowerDests).add(new LvsOp.EditDestination(key, d));
                }
            }
            for (var server : have.destinations().keySet()) {
                if (!want.destinations().containsKey(server)) {
                    removeDests.add(new LvsOp.RemoveDestination(key, server));
                }
            }
        }
        var ops = new ArrayList<LvsOp>();
        if (withTimeouts) {
            timeouts(desired, observed).ifPresent(ops::add);
        }
        ops.addAll(addServices);
        ops.addAll(editServices);
        ops.addAll(addDests);
        ops.addAll(raiseDests);
        ops.addAll(lowerDests);
        ops.addAll(removeDests);
        ops.addAll(removeServices);
        return ops;
    }

    private static java.util.Optional<LvsOp> timeouts(Pool desired, Pool observed) {
        if (desired.timeouts().isEmpty()) {
            return java.util.Optional.empty();
        }
        var want = desired.timeouts().get();
        var have = observed.timeouts().orElse(Timeouts.UNCHANGED);
        boolean differs = (want.tcp() != 0 && want.tcp() != have.tcp())
                || (want.tcpFin() != 0 && want.tcpFin() != have.tcpFin())
                || (want.udp() != 0 && want.udp() != have.udp());
        return differs ? java.util.Optional.of(new LvsOp.SetTimeouts(want)) : java.util.Optional.empty();
    }

    /** The pool after {@code ops} applied to {@code pool}, as a data plane that carried them all would have it. */
    public static Pool applied(Pool pool, List<LvsOp> ops) {
        var services = new java.util.LinkedHashMap<>(pool.services());
        var timeouts = pool.timeouts();
        for (var op : ops) {
            switch (op) {
                case LvsOp.SetTimeouts t -> timeouts = java.util.Optional.of(t.timeouts());
                case LvsOp.AddService a -> services.put(a.service(), new Service(a.service(), a.settings(), java.util.Map.of()));
                case LvsOp.EditService e -> services.computeIfPresent(e.service(),
                        (k, s) -> new Service(k, e.settings(), s.destinations()));
                case LvsOp.RemoveService r -> services.remove(r.service());
                case LvsOp.AddDestination a -> putDestination(services, a.service(), a.destination());
                case LvsOp.EditDestination e -> putDestination(services, e.service(), e.destination());
                case LvsOp.RemoveDestination r -> services.computeIfPresent(r.service(), (k, s) -> {
                    var d = new java.util.LinkedHashMap<>(s.destinations());
                    d.remove(r.server());
                    return new Service(k, s.settings(), d);
                });
            }
        }
        return new Pool(services, timeouts);
    }

    private static void putDestination(java.util.Map<VirtualService, Service> services, VirtualService key, Destination d) {
        var s = services.get(key);
        if (s == null) {
            return;
        }
        var dests = new java.util.LinkedHashMap<>(s.destinations());
        dests.put(d.server(), d);
        services.put(key, new Service(key, s.settings(), dests));
    }
}
