package io.jkeepalived.lvs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The data plane used when the kernel has none we can program (no IPVS here): it says so once, then only
 * records the desired state so tests and status dumps can read it.
 */
public final class LoggingDataPlane implements DataPlane {
    private final Consumer<String> log;
    private final String reason;
    private final Map<VirtualService, Map<RealServer, Integer>> desired = new LinkedHashMap<>();
    private boolean warned;

    public LoggingDataPlane(Consumer<String> log, String reason) {
        this.log = log;
        this.reason = reason;
    }

    private void warnOnce() {
        if (!warned) {
            warned = true;
            log.accept("No load-balancer data plane is programmed (" + reason
                    + "); health checks run and state is tracked, but no kernel rules are changed");
        }
    }

    @Override
    public synchronized void addVirtualService(VirtualService service) {
        warnOnce();
        desired.putIfAbsent(service, new LinkedHashMap<>());
    }

    @Override
    public synchronized void removeVirtualService(VirtualService service) {
        warnOnce();
        desired.remove(service);
    }

    @Override
    public synchronized void addRealServer(VirtualService service, RealServer server, int weight) {
        warnOnce();
        desired.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(server, weight);
    }

    @Override
    public synchronized void updateRealServer(VirtualService service, RealServer server, int weight) {
        warnOnce();
        desired.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(server, weight);
    }

    @Override
    public synchronized void removeRealServer(VirtualService service, RealServer server) {
        warnOnce();
        var servers = desired.get(service);
        if (servers != null) {
            servers.remove(server);
        }
    }

    /** A copy of what would be programmed: service → (real server → weight). */
    public synchronized Map<VirtualService, Map<RealServer, Integer>> desiredState() {
        var copy = new LinkedHashMap<VirtualService, Map<RealServer, Integer>>();
        desired.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    /** The weight of a real server in a service, or -1 when it is not in the pool. */
    public synchronized int weightOf(VirtualService service, RealServer server) {
        var servers = desired.get(service);
        return servers == null ? -1 : servers.getOrDefault(server, -1);
    }
}
