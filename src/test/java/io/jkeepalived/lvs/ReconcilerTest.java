package io.jkeepalived.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    static final VirtualService WEB = new VirtualService.Address("192.0.2.100", 80, "tcp");
    static final VirtualService DNS = new VirtualService.Address("192.0.2.100", 53, "udp");
    static final VirtualService OTHER = new VirtualService.Address("192.0.2.200", 80, "tcp");
    static final RealServer A = new RealServer("198.51.100.11", 80);
    static final RealServer B = new RealServer("198.51.100.12", 80);
    static final RealServer C = new RealServer("198.51.100.13", 80);
    static final ServiceSettings WRR = ServiceSettings.of("wrr");

    static Service web(Destination... d) {
        return Service.of(WEB, WRR, List.of(d));
    }

    static Destination dr(RealServer s, int w) {
        return Destination.of(s, Forwarding.DR, w);
    }

    @Test
    void equalPoolsGiveNoOps() {
        var pool = Pool.of(List.of(web(dr(A, 1), dr(B, 2))));
        assertEquals(List.of(), Reconciler.diff(pool, pool, Set.of(WEB)));
    }

    @Test
    void emptyKernelGetsServiceThenItsServers() {
        var desired = Pool.of(List.of(web(dr(A, 1), dr(B, 2))));
        assertEquals(List.of(new LvsOp.AddService(WEB, WRR), new LvsOp.AddDestination(WEB, dr(A, 1)),
                new LvsOp.AddDestination(WEB, dr(B, 2))), Reconciler.diff(desired, Pool.EMPTY, Set.of()));
    }

    @Test
    void replacingAServerAddsTheNewOneBeforeTheOldOneLeaves() {
        var observed = Pool.of(List.of(web(dr(A, 1), dr(B, 1))));
        var desired = Pool.of(List.of(web(dr(A, 1), dr(C, 1))));
        var ops = Reconciler.diff(desired, observed, Set.of(WEB));
        assertEquals(List.of(new LvsOp.AddDestination(WEB, dr(C, 1)), new LvsOp.RemoveDestination(WEB, B)), ops);
    }

    @Test
    void weightAndThresholdChangesAreEditsInPlace() {
        var observed = Pool.of(List.of(web(dr(A, 1), dr(B, 5))));
        var desired = Pool.of(List.of(web(dr(A, 3), new Destination(B, Forwarding.DR, 0, 100, 50))));
        var ops = Reconciler.diff(desired, observed, Set.of(WEB));
        // the raise before the drain: capacity first
        assertEquals(List.of(new LvsOp.EditDestination(WEB, dr(A, 3)),
                new LvsOp.EditDestination(WEB, new Destination(B, Forwarding.DR, 0, 100, 50))), ops);
    }

    @Test
    void schedulerChangeEditsTheServiceAndKeepsItsServers() {
        var observed = Pool.of(List.of(web(dr(A, 1))));
        var sh = new ServiceSettings(Scheduling.fromWords("sh", Set.of("sh-port")), Optional.of(new Persistence(300, 24, Optional.empty())));
        var desired = Pool.of(List.of(Service.of(WEB, sh, List.of(dr(A, 1)))));
        assertEquals(List.of(new LvsOp.EditService(WEB, sh)), Reconciler.diff(desired, observed, Set.of(WEB)));
    }

    @Test
    void servicesNotOursAreLeftAlone() {
        var observed = Pool.of(List.of(web(dr(A, 1)), Service.of(OTHER, WRR, List.of(dr(B, 1)))));
        var desired = Pool.of(List.of(web(dr(A, 1))));
        assertEquals(List.of(), Reconciler.diff(desired, observed, Set.of(WEB)));
    }

    @Test
    void ourRemovedServiceLeavesLastAfterEverythingElse() {
        var observed = Pool.of(List.of(web(dr(A, 1)), Service.of(DNS, WRR, List.of(dr(B, 1)))));
        var desired = Pool.of(List.of(web(dr(A, 1), dr(C, 1))));
        var ops = Reconciler.diff(desired, observed, Set.of(WEB, DNS));
        assertEquals(List.of(new LvsOp.AddDestination(WEB, dr(C, 1)), new LvsOp.RemoveService(DNS)), ops);
    }

    @Test
    void timeoutsOnlyWhenTheyDiffer() {
        var t = new Timeouts(900, 120, 0);
        var desired = Pool.EMPTY.withTimeouts(Optional.of(t));
        assertEquals(List.of(new LvsOp.SetTimeouts(t)), Reconciler.diff(desired, Pool.EMPTY, Set.of()));
        var observed = Pool.EMPTY.withTimeouts(Optional.of(new Timeouts(900, 120, 300)));
        assertEquals(List.of(), Reconciler.diff(desired, observed, Set.of()));
    }

    @Test
    void appliedOpsGiveTheDesiredPool() {
        var observed = Pool.of(List.of(web(dr(A, 1), dr(B, 1)), Service.of(DNS, WRR, List.of(dr(B, 1)))));
        var desired = Pool.of(List.of(web(dr(A, 2), dr(C, 1)),
                Service.of(OTHER, ServiceSettings.of("rr"), List.of(dr(A, 1)))));
        var ops = Reconciler.diff(desired, observed, Set.of(WEB, DNS));
        assertEquals(desired.services(), Reconciler.applied(observed, ops).services());
        assertTrue(Reconciler.diff(desired, Reconciler.applied(observed, ops), Set.of(WEB, DNS, OTHER)).isEmpty());
    }

    @Test
    void scopedDiffTouchesOnlyTheScope() {
        var observed = Pool.of(List.of(web(dr(A, 1)), Service.of(DNS, WRR, List.of(dr(B, 1)))));
        var desired = Pool.of(List.of(web(dr(A, 0))));
        assertEquals(List.of(new LvsOp.EditDestination(WEB, dr(A, 0))),
                Reconciler.diff(desired, observed, List.of(WEB), false));
    }

    @Test
    void granularityTextBecomesAPrefix() {
        assertEquals(24, Persistence.prefixOf(Optional.of("255.255.255.0"), false));
        assertEquals(32, Persistence.prefixOf(Optional.empty(), false));
        assertEquals(-1, Persistence.prefixOf(Optional.of("255.0.255.0"), false));
        assertEquals(64, Persistence.prefixOf(Optional.of("64"), true));
    }
}
