package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.vrrp.plan.HostInterfaces;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.util.Set;
import java.util.function.Consumer;

/**
 * dynamic_interfaces: a run's plan is made for the host as it was at start. When links or addresses change, this
 * plans again on the host as it is now and asks once for a new run (a reload of the same configuration, which
 * carries the other instances over in their state) when an instance can run that the running plan could not run
 * there: its interface appeared or got an address, or was deleted and made again (another ifindex). Changes are
 * let settle first, so that "ip link add; ip addr add; ip link set up" gives one new run, not three. Deleted
 * interfaces need no new plan: their instances are in FAULT through the link watcher. Owned by the watcher's thread;
 * time is passed in.
 */
final class HostReplanner {
    static final long NEVER = Long.MAX_VALUE;
    /** How long links and addresses must be quiet before planning again. */
    static final long SETTLE_MICROS = 250_000;

    private final KeepalivedConfig config;
    private final VrrpPlan running;
    private final Consumer<Set<String>> request;
    private long dueAt = NEVER;
    private boolean requested;

    /** {@code request}: told the instances that can run now; called at most once. */
    HostReplanner(KeepalivedConfig config, VrrpPlan running, Consumer<Set<String>> request) {
        this.config = config;
        this.running = running;
        this.request = request;
    }

    /** A link or address changed at {@code now}: plan again once they have been quiet for the settle time. */
    void noticed(long now) {
        if (!requested) {
            dueAt = now + SETTLE_MICROS;
        }
    }

    long nextDue() {
        return dueAt;
    }

    boolean due(long now) {
        return dueAt <= now;
    }

    /** Plans on {@code host} (read when due): asks for a new run when an instance can run anew. */
    void check(HostInterfaces host) {
        dueAt = NEVER;
        if (requested) {
            return;
        }
        VrrpPlan next;
        try {
            next = VrrpPlan.of(config, host);
        } catch (VrrpPlan.PlanException e) {
            return;         // not plannable as the host is now: the running plan stays
        }
        var anew = new java.util.LinkedHashSet<>(VrrpPlan.runnableAnew(running, next));
        // a use_vmac instance whose interface is back: the new run makes its VMAC
        VrrpPlan.vmacs(config).stream().filter(v -> host.link(v.parent()).isPresent() && host.link(v.name()).isEmpty())
                .forEach(v -> anew.add(v.instance()));
        if (!anew.isEmpty()) {
            requested = true;
            request.accept(anew);
        }
    }
}
