package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A config fault (unicast_fault_no_peer without peers): FAULT (init) with its notify, and FAULT for good. */
class VrrpEngineConfigFaultTest {
    static final long T0 = 1_000_000_000L;

    @Test
    void aConfigFaultKeepsTheInstanceInFault() {
        var h = new EngineHarness(InstanceParams.builder("VI_1", 51, ip("192.0.2.1")).vips(ips("192.0.2.100"))
                .unicast(false).configFault(true).build());
        var start = h.start(T0);
        assertEquals(VrrpState.FAULT, h.engine.state("VI_1"));
        assertTrue(EngineHarness.logs(start).contains("(VI_1) Entering FAULT STATE (init)"));
        assertEquals(List.of(new VrrpAction.RunNotify(NotifyTarget.INSTANCE, "VI_1", NotifyState.FAULT, 100)),
                EngineHarness.only(start, VrrpAction.RunNotify.class), "a fault cause is notified at start");
        h.handle(new VrrpEvent.LinkChanged("eth0", false, T0 + 1_000_000));
        h.handle(new VrrpEvent.LinkChanged("eth0", true, T0 + 2_000_000));
        h.handle(new VrrpEvent.TrackerChanged("VI_1", "script chk", 0, true, T0 + 3_000_000));
        h.handle(new VrrpEvent.TrackerChanged("VI_1", "script chk", 0, false, T0 + 4_000_000));
        h.runUntil(T0 + 60_000_000);
        assertEquals(VrrpState.FAULT, h.engine.state("VI_1"));
        assertEquals(0, h.engine.stats("VI_1").advertSent(), "a faulted instance never speaks");
    }

    @Test
    void withoutAConfigFaultTheSameInstanceRuns() {
        var h = new EngineHarness(InstanceParams.builder("VI_1", 51, ip("192.0.2.1")).vips(ips("192.0.2.100")).build());
        h.start(T0);
        h.runUntil(T0 + 10_000_000);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
    }
}
