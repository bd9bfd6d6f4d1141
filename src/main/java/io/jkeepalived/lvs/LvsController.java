package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a data plane equal to the desired pool. Start reads the kernel first (a restart adopts live
 * services and their connections); after each batch of check results it applies the difference of the
 * services that changed, against what it last saw; {@link #repair()} re-reads the kernel and puts back
 * whatever someone else changed (drift). Reload swaps the plan and reconciles: unchanged servers are not
 * touched. No clock and no threads: the owner's loop calls it.
 */
public final class LvsController {
    private final DataPlane dataPlane;
    private final Consumer<String> info;
    private final Consumer<String> warning;
    private DesiredPool desired;
    /** What the kernel has, as far as we know (last read plus what we applied since). */
    private Pool observed = Pool.EMPTY;
    /** Services we created or adopted: the only ones we ever change or remove. */
    private final Set<VirtualService> managed = new LinkedHashSet<>();
    /** Ops that failed and why, said once each: retried on each repair without saying it again. */
    private final java.util.Map<LvsOp, String> failing = new java.util.HashMap<>();
    private final Set<VirtualService> warned = new HashSet<>();
    private boolean readFailed;

    public LvsController(DataPlane dataPlane, Consumer<String> info, Consumer<String> warning) {
        this.dataPlane = dataPlane;
        this.info = info;
        this.warning = warning;
        this.desired = new DesiredPool(PoolPlan.EMPTY, warning);
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    /** The pool the check engine edits (always the current plan's, also across reloads). */
    public PoolEditor editor() {
        return editor;
    }

    private final PoolEditor editor = new PoolEditor() {
        @Override
        public void addVirtualService(VirtualService service) {
            desired.addVirtualService(service);
        }

        @Override
        public void removeVirtualService(VirtualService service) {
            desired.removeVirtualService(service);
        }

        @Override
        public void addRealServer(VirtualService service, RealServer server, int weight) {
            desired.addRealServer(service, server, weight);
        }

        @Override
        public void updateRealServer(VirtualService service, RealServer server, int weight) {
            desired.updateRealServer(service, server, weight);
        }

        @Override
        public void removeRealServer(VirtualService service, RealServer server) {
            desired.removeRealServer(service, server);
        }
    };

    public DesiredPool desired() {
        return desired;
    }

    /** Starts on {@code plan}: reads the kernel (flushing it first with lvs_flush), adopts our services. */
    public void start(PoolPlan plan) {
        if (plan.flushAtStart()) {
            try {
                dataPlane.flush();
                info.accept("LVS: flushed the " + dataPlane.name() + " table (lvs_flush)");
            } catch (DataPlaneException e) {
                warning.accept("LVS: lvs_flush failed: " + e.getMessage());
            }
        }
        observed = readKernel().orElse(Pool.EMPTY);
        int adopted = 0;
        for (var key : plan.services().keySet()) {
            if (observed.services().containsKey(key)) {
                adopted++;
            }
        }
        if (adopted > 0) {
            info.accept("LVS: " + adopted + " service(s) already in " + dataPlane.name() + " are kept with their connections");
        }
        replan(plan);
    }

    /** Reload: the new plan's pool starts empty and the check engine refills it; then {@link #reconcile()}. */
    public void replan(PoolPlan plan) {
        desired = new DesiredPool(plan, warning);
        for (var key : plan.services().keySet()) {
            managed.add(key);
        }
        for (var sp : plan.services().values()) {
            if (warned.add(sp.key())) {
                var service = new Service(sp.key(), sp.settings(), sp.servers());
                for (var line : dataPlane.limitations(service)) {
                    warning.accept("LVS: VS " + sp.display() + ": " + line);
                }
            }
        }
    }

    /**
     * Applies the changes of the services the check engine touched since the last call. Everything that is
     * not ours stays; a reload's removed services are in the changed set through {@link #reconcileAll()}.
     */
    public void reconcile() {
        managed.addAll(desired.activeServices());
        var scope = desired.takeChanged();
        if (scope.isEmpty()) {
            return;
        }
        scope.removeIf(k -> !managed.contains(k) && !desired.activeServices().contains(k));
        apply(Reconciler.diff(desired.snapshot(scope), observed, scope, false));
    }

    /** The full difference against what we last saw: after start and reload. */
    public void reconcileAll() {
        managed.addAll(desired.activeServices());
        desired.takeChanged();
        apply(Reconciler.diff(desired.snapshot(), observed, managed));
    }

    /**
     * Re-reads the kernel and repairs drift (someone ran {@code nft flush ruleset} or {@code ipvsadm -C},
     * or an earlier op failed). Logs what it put back.
     */
    public void repair() {
        var now = readKernel();
        if (now.isEmpty()) {
            return;
        }
        observed = now.get();
        managed.addAll(desired.activeServices());
        desired.takeChanged();
        var ops = Reconciler.diff(desired.snapshot(), observed, managed);
        var drift = ops.stream().filter(op -> !failing.containsKey(op)).toList();
        if (!drift.isEmpty()) {
            var services = new LinkedHashSet<String>();
            for (var op : drift) {
                if (op.service() != null) {
                    services.add(op.service().display());
                }
            }
            warning.accept("LVS: " + dataPlane.name() + " differs from the desired pool (changed outside jkeepalived?): "
                    + drift.size() + " change(s) to repair for " + String.join(", ", services));
        }
        apply(ops);
    }

    /**
     * Stop: with {@code release} (no -I) removes what we added, or flushes the whole table with
     * lvs_flush_on_stop; with -I leaves the kernel as it is (lvs_flush_on_stop VS still removes ours).
     */
    public void stop(boolean release) {
        var flush = desired.plan().flushOnStop();
        if (flush == PoolPlan.FlushOnStop.ALL && release) {
            try {
                dataPlane.flush();
                info.accept("LVS: flushed the " + dataPlane.name() + " table (lvs_flush_on_stop)");
            } catch (DataPlaneException e) {
                warning.accept("LVS: lvs_flush_on_stop failed: " + e.getMessage());
            }
            return;
        }
        if (!release && flush != PoolPlan.FlushOnStop.VS) {
            info.accept("LVS: leaving " + managed.size() + " service(s) in " + dataPlane.name() + " (--dont-release-ipvs)");
            return;
        }
        var ops = Reconciler.diff(Pool.EMPTY, observed, managed);
        apply(ops);
    }

    private java.util.Optional<Pool> readKernel() {
        try {
            var pool = dataPlane.read();
            if (readFailed) {
                info.accept("LVS: " + dataPlane.name() + " readable again");
                readFailed = false;
            }
            return java.util.Optional.of(pool);
        } catch (DataPlaneException e) {
            if (!readFailed) {
                warning.accept("LVS: cannot read " + dataPlane.name() + ": " + e.getMessage());
                readFailed = true;
            }
            return java.util.Optional.empty();
        }
    }

    private void apply(List<LvsOp> ops) {
        if (ops.isEmpty()) {
            return;
        }
        List<DataPlane.Failure> failures;
        try {
            failures = dataPlane.apply(ops);
        } catch (DataPlaneException e) {
            warning.accept("LVS: " + dataPlane.name() + " change failed: " + e.getMessage());
            // we no longer know what the kernel has: the next repair reads it
            return;
        }
        var ok = new ArrayList<LvsOp>(ops.size());
        var failed = new HashSet<LvsOp>();
        for (var f : failures) {
            failed.add(f.op());
            if (!f.reason().equals(failing.put(f.op(), f.reason()))) {
                var service = f.op().service();
                warning.accept("LVS: " + (service == null ? "" : "VS " + service.display() + ": ") + describe(f.op()) + " failed: "
                        + f.reason());
            }
        }
        for (var op : ops) {
            if (!failed.contains(op)) {
                ok.add(op);
                failing.remove(op);
            }
        }
        observed = Reconciler.applied(observed, ok);
        for (var op : ok) {
            if (op instanceof LvsOp.RemoveService r && !desired.plan().services().containsKey(r.service())) {
                managed.remove(r.service());
            }
        }
    }

    /** ipvsadm-like words for an op in a log line. */
    static String describe(LvsOp op) {
        return switch (op) {
            case LvsOp.SetTimeouts t -> "set timeouts " + t.timeouts();
            case LvsOp.AddService a -> "add service (" + a.settings().scheduling().display() + ")";
            case LvsOp.EditService e -> "edit service (" + e.settings().scheduling().display() + ")";
            case LvsOp.RemoveService r -> "remove service";
            case LvsOp.AddDestination a -> "add real server " + a.destination().server() + " weight " + a.destination().weight();
            case LvsOp.EditDestination e -> "edit real server " + e.destination().server() + " weight " + e.destination().weight();
            case LvsOp.RemoveDestination r -> "remove real server " + r.server();
        };
    }

    /** What we believe the kernel has (for dumps and tests). */
    public Pool observed() {
        return observed;
    }

    public Set<VirtualService> managed() {
        return java.util.Collections.unmodifiableSet(managed);
    }
}
