package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pool as health wants it: the check engine's decisions (service in, server in with this weight)
 * applied to the plan's services and servers. Remembers which services changed since the last
 * {@link #takeChanged()} so a check result is reconciled in the size of its service.
 * Owned by one loop; not thread-safe.
 */
public final class DesiredPool implements PoolEditor {
    private final PoolPlan plan;
    private final Map<VirtualService, Map<RealServer, Destination>> active = new LinkedHashMap<>();
    private final Set<VirtualService> changed = new LinkedHashSet<>();
    private final java.util.function.Consumer<String> warnings;

    public DesiredPool(PoolPlan plan, java.util.function.Consumer<String> warnings) {
        this.plan = plan;
        this.warnings = warnings;
    }

    public PoolPlan plan() {
        return plan;
    }

    @Override
    public void addVirtualService(VirtualService service) {
        if (active.putIfAbsent(service, new LinkedHashMap<>()) == null) {
            changed.add(service);
        }
    }

    @Override
    public void removeVirtualService(VirtualService service) {
        if (active.remove(service) != null) {
            changed.add(service);
        }
    }

    @Override
    public void addRealServer(VirtualService service, RealServer server, int weight) {
        put(service, server, weight);
    }

    @Override
    public void updateRealServer(VirtualService service, RealServer server, int weight) {
        put(service, server, weight);
    }

    private void put(VirtualService service, RealServer server, int weight) {
        var servers = active.get(service);
        if (servers == null) {
            warnings.accept("Real server " + server.display(protocolOf(service)) + " for unknown service " + service.display()
                    + " - ignoring");
            return;
        }
        var template = template(service, server);
        var now = template.withWeight(weight);
        if (!now.equals(servers.put(server, now))) {
            changed.add(service);
        }
    }

    @Override
    public void removeRealServer(VirtualService service, RealServer server) {
        var servers = active.get(service);
        if (servers != null && servers.remove(server) != null) {
            changed.add(service);
        }
    }

    private Destination template(VirtualService service, RealServer server) {
        var sp = plan.services().get(service);
        if (sp != null) {
            var d = sp.servers().get(server);
            if (d != null) {
                return d;
            }
        }
        return Destination.of(server, Forwarding.NAT, 1);
    }

    private static String protocolOf(VirtualService s) {
        return s instanceof VirtualService.Address a ? a.protocol() : "tcp";
    }

    /** The services changed since the last call; clears the record. */
    public Set<VirtualService> takeChanged() {
        var out = new LinkedHashSet<>(changed);
        changed.clear();
        return out;
    }

    /** The whole desired pool. */
    public Pool snapshot() {
        return snapshot(active.keySet());
    }

    /** The desired pool restricted to {@code scope} (services of the scope that are not active are absent). */
    public Pool snapshot(Collection<VirtualService> scope) {
        var services = new ArrayList<Service>(scope.size());
        for (var key : scope) {
            var servers = active.get(key);
            if (servers == null) {
                continue;
            }
            var sp = plan.services().get(key);
            var settings = sp != null ? sp.settings() : ServiceSettings.of("wlc");
            services.add(new Service(key, settings, servers));
        }
        return Pool.of(services).withTimeouts(plan.timeouts());
    }

    public Set<VirtualService> activeServices() {
        return java.util.Collections.unmodifiableSet(active.keySet());
    }
}
