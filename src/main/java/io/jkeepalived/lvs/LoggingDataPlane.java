package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The data plane used when the kernel has none we can program: it says so once, then keeps the pool in
 * memory as a kernel would, so tests and status dumps can read it.
 */
public final class LoggingDataPlane implements DataPlane {
    private final Consumer<String> log;
    private final String reason;
    private Pool pool = Pool.EMPTY;
    private boolean warned;

    public LoggingDataPlane(Consumer<String> log, String reason) {
        this.log = log;
        this.reason = reason;
    }

    @Override
    public String name() {
        return "none";
    }

    private void warnOnce() {
        if (!warned) {
            warned = true;
            log.accept("No load-balancer data plane is programmed (" + reason
                    + "); health checks run and state is tracked, but no kernel rules are changed");
        }
    }

    @Override
    public synchronized Pool read() {
        return pool;
    }

    @Override
    public synchronized List<Failure> apply(List<LvsOp> ops) {
        warnOnce();
        pool = Reconciler.applied(pool, ops);
        return List.of();
    }

    @Override
    public synchronized void flush() {
        pool = Pool.EMPTY;
    }

    @Override
    public synchronized List<ServiceStats> stats() {
        var out = new ArrayList<ServiceStats>();
        for (var s : pool.services().values()) {
            var dests = new ArrayList<ServiceStats.DestinationStats>();
            for (var d : s.destinations().values()) {
                dests.add(new ServiceStats.DestinationStats(d.server(), d.weight(), 0, 0, ServiceStats.Counters.NONE));
            }
            out.add(new ServiceStats(s.key(), ServiceStats.Counters.NONE, dests));
        }
        return out;
    }

    /** A copy of what is programmed: service → (real server → weight). */
    public synchronized Map<VirtualService, Map<RealServer, Integer>> desiredState() {
        var copy = new LinkedHashMap<VirtualService, Map<RealServer, Integer>>();
        for (var s : pool.services().values()) {
            var servers = new LinkedHashMap<RealServer, Integer>();
            s.destinations().values().forEach(d -> servers.put(d.server(), d.weight()));
            copy.put(s.key(), Map.copyOf(servers));
        }
        return copy;
    }

    /** The weight of a real server in a service, or -1 when it is not in the pool. */
    public synchronized int weightOf(VirtualService service, RealServer server) {
        var s = pool.services().get(service);
        if (s == null) {
            return -1;
        }
        var d = s.destinations().get(server);
        return d == null ? -1 : d.weight();
    }
}
