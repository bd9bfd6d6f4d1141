package io.jkeepalived.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LvsControllerTest {
    static final VirtualService WEB = new VirtualService.Address("192.0.2.100", 80, "tcp");
    static final VirtualService THEIRS = new VirtualService.Address("192.0.2.200", 80, "tcp");
    static final RealServer A = new RealServer("198.51.100.11", 80);
    static final RealServer T = new RealServer("198.51.100.19", 80);

    /** An in-memory kernel that refuses servers on .19 (as nftables refuses TUN) and records what it applied. */
    static final class Kernel implements DataPlane {
        Pool pool = Pool.EMPTY;
        final List<LvsOp> applied = new ArrayList<>();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public Pool read() {
            return pool;
        }

        @Override
        public List<Failure> apply(List<LvsOp> ops) {
            var ok = new ArrayList<LvsOp>();
            var failures = new ArrayList<Failure>();
            for (var op : ops) {
                if (op instanceof LvsOp.AddDestination a && a.destination().server().equals(T)) {
                    failures.add(new Failure(op, "not on this data plane"));
                } else {
                    ok.add(op);
                }
            }
            applied.addAll(ok);
            pool = Reconciler.applied(pool, ok);
            return failures;
        }

        @Override
        public void flush() {
            pool = Pool.EMPTY;
        }

        @Override
        public List<ServiceStats> stats() {
            return List.of();
        }
    }

    final Kernel kernel = new Kernel();
    final List<String> log = new ArrayList<>();
    final LvsController lvs = new LvsController(kernel, log::add, log::add);

    static PoolPlan plan(PoolPlan.FlushOnStop flush) {
        var servers = new LinkedHashMap<RealServer, Destination>();
        servers.put(A, Destination.of(A, Forwarding.NAT, 1));
        servers.put(T, Destination.of(T, Forwarding.NAT, 1));
        return new PoolPlan(java.util.Map.of(WEB, new PoolPlan.ServicePlan(WEB, "[192.0.2.100]:tcp:80", ServiceSettings.of("rr"), servers)),
                Optional.empty(), false, flush);
    }

    void fill() {
        lvs.editor().addVirtualService(WEB);
        lvs.editor().addRealServer(WEB, A, 1);
        lvs.editor().addRealServer(WEB, T, 1);
        lvs.reconcileAll();
    }

    @Test
    void aFailingServerIsSaidOnceAndTheRestApplies() {
        lvs.start(plan(PoolPlan.FlushOnStop.NONE));
        fill();
        assertEquals(Set.of(A), kernel.pool.services().get(WEB).destinations().keySet());
        lvs.repair();
        lvs.repair();
        assertEquals(1, log.stream().filter(l -> l.contains("not on this data plane")).count(), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("differs")), "a known failure is not drift: " + log);
    }

    @Test
    void driftIsRepairedAndNamed() {
        lvs.start(plan(PoolPlan.FlushOnStop.NONE));
        fill();
        kernel.flush();
        lvs.repair();
        assertEquals(Set.of(A), kernel.pool.services().get(WEB).destinations().keySet());
        assertTrue(log.stream().anyMatch(l -> l.contains("differs from the desired pool") && l.contains("[192.0.2.100]:tcp:80")), log.toString());
    }

    @Test
    void startAdoptsAndStopRemovesOnlyOurs() {
        kernel.pool = Pool.of(List.of(Service.of(WEB, ServiceSettings.of("rr"), List.of(Destination.of(A, Forwarding.NAT, 1))),
                Service.of(THEIRS, ServiceSettings.of("rr"), List.of())));
        lvs.start(plan(PoolPlan.FlushOnStop.NONE));
        lvs.editor().addVirtualService(WEB);
        lvs.editor().addRealServer(WEB, A, 1);
        lvs.reconcileAll();
        assertEquals(List.of(), kernel.applied, "the live service is kept as it is");
        lvs.stop(true);
        assertEquals(Set.of(THEIRS), kernel.pool.services().keySet());
    }

    @Test
    void dontReleaseKeepsAndFlushOnStopFlushes() {
        lvs.start(plan(PoolPlan.FlushOnStop.NONE));
        fill();
        lvs.stop(false);
        assertEquals(Set.of(WEB), kernel.pool.services().keySet());

        var other = new LvsController(kernel, log::add, log::add);
        kernel.pool = kernel.pool.withTimeouts(Optional.empty());
        other.start(plan(PoolPlan.FlushOnStop.ALL));
        other.stop(true);
        assertEquals(Set.of(), kernel.pool.services().keySet());
    }
}
