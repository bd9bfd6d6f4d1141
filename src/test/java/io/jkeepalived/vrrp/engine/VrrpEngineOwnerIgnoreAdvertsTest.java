package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static io.jkeepalived.vrrp.engine.Packets.v2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** owner_ignore_adverts: an address owner (priority 255) drops every advert, naming each source once a minute. */
class VrrpEngineOwnerIgnoreAdvertsTest {
    static final long T0 = 1_000_000_000L;

    static EngineHarness ownerAsMaster(boolean ignoreAdverts) {
        var h = new EngineHarness(InstanceParams.builder("VI_1", 51, ip("192.0.2.1")).priority(255)
                .vips(ips("192.0.2.100")).ownerIgnoreAdverts(ignoreAdverts).build());
        h.start(T0);
        h.runUntil(T0 + 10);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        return h;
    }

    static List<String> logsOf(List<VrrpAction> actions) {
        return EngineHarness.logs(actions);
    }

    @Test
    void anOwnerThatIgnoresAdvertsStaysOwnerAndMaster() {
        var h = ownerAsMaster(true);
        var first = h.receive(T0 + 500_000, v2("192.0.2.2", 51, 255, 1, ips("192.0.2.100")));
        assertEquals(List.of("(VI_1) Dropping packet(s) from 192.0.2.2 since we are address owner"), logsOf(first));
        var higherAddress = h.receive(T0 + 700_000, v2("192.0.2.9", 51, 255, 1, ips("192.0.2.100")));
        assertEquals(List.of("(VI_1) Dropping packet(s) from 192.0.2.9 since we are address owner"), logsOf(higherAddress));
        var again = h.receive(T0 + 900_000, v2("192.0.2.2", 51, 255, 1, ips("192.0.2.100")));
        assertEquals(List.of(), logsOf(again), "one line per source and minute");
        assertEquals(255, h.engine.effectivePriority("VI_1"));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(0, h.engine.stats("VI_1").advertRcvd(), "dropped before it counts as received");
    }

    @Test
    void withoutItTwoOwnersMakeTheLocalOneStepDown() {
        var h = ownerAsMaster(false);
        h.receive(T0 + 500_000, v2("192.0.2.2", 51, 255, 1, ips("192.0.2.100")));
        assertEquals(254, h.engine.effectivePriority("VI_1"), "keepalived's CONFIGURATION ERROR path");
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void aNonOwnerIsNotAffected() {
        var h = new EngineHarness(InstanceParams.builder("VI_1", 51, ip("192.0.2.1")).priority(100)
                .vips(ips("192.0.2.100")).ownerIgnoreAdverts(true).build());
        h.start(T0);
        h.receive(T0 + 500_000, v2("192.0.2.2", 51, 200, 1, ips("192.0.2.100")));
        assertEquals(1, h.engine.stats("VI_1").advertRcvd());
    }
}
