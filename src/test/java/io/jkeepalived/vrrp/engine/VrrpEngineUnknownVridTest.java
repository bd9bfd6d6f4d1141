package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.EngineHarness.logs;
import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static io.jkeepalived.vrrp.engine.Packets.v2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** log_unknown_vrids: an advert for a VRID we have no instance for is named in keepalived's words, then ignored. */
class VrrpEngineUnknownVridTest {
    static final long T0 = 1_000_000_000L;

    static VrrpEngine started(boolean logUnknownVrids) {
        var engine = new VrrpEngine(List.of(InstanceParams.builder("VI_1", 51, ip("192.0.2.1")).vips(ips("192.0.2.100")).build()),
                List.of(), false, logUnknownVrids);
        engine.handle(new VrrpEvent.Start(T0));
        return engine;
    }

    static List<String> receive(VrrpEngine engine, String ifname, int vrid) {
        return logs(List.copyOf(engine.handle(new VrrpEvent.AdvertReceived(ifname, v2("192.0.2.2", vrid, 100, 1,
                ips("192.0.2.100")), T0 + 1_000))));
    }

    @Test
    void anUnknownVridIsLoggedWhenAsked() {
        var engine = started(true);
        assertEquals(List.of("Unknown VRID(52) received on interface(eth0). ignoring..."), receive(engine, "eth0", 52));
        assertEquals(VrrpState.BACKUP, engine.state("VI_1"));
        assertEquals(0, engine.stats("VI_1").advertRcvd(), "the advert is not the instance's");
    }

    @Test
    void anUnknownVridIsSilentByDefault() {
        assertEquals(List.of(), receive(started(false), "eth0", 52));
    }

    @Test
    void aKnownVridOrAnInterfaceWithoutInstancesIsNotLogged() {
        var engine = started(true);
        assertEquals(List.of(), receive(engine, "eth0", 51));
        assertEquals(List.of(), receive(engine, "eth1", 52), "keepalived has no socket there");
    }
}
