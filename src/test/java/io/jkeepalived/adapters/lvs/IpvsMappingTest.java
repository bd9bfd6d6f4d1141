package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.LvsOp;
import io.jkeepalived.lvs.Persistence;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Scheduling;
import io.jkeepalived.lvs.ServiceSettings;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.lvs.ipvs.IpvsDest;
import io.jkeepalived.lvs.ipvs.IpvsRequest;
import io.jkeepalived.lvs.ipvs.IpvsService;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pool model goes to IPVS records and comes back unchanged. */
class IpvsMappingTest {
    @Test
    void persistentServiceWithFlagsRoundTrips() {
        var key = new VirtualService.Address("192.0.2.10", 80, "tcp");
        var settings = new ServiceSettings(new Scheduling("sh", Set.of(Scheduling.Flag.SCHED_1, Scheduling.Flag.SCHED_2)),
                Optional.of(new Persistence(300, 24, Optional.empty())));
        var s = IpvsMapping.service(key, settings);
        assertEquals(0xffffff00, s.netmask());
        assertEquals(IpvsService.F_PERSISTENT | IpvsService.F_SCHED1 | IpvsService.F_SCHED2, s.flags());
        assertEquals(key, IpvsMapping.virtualService(s));
        assertEquals(settings, IpvsMapping.settings(s));
    }

    @Test
    void ipv6FwmarkAndSipEngine() {
        var key = new VirtualService.Fwmark(8, true);
        var settings = new ServiceSettings(Scheduling.of("rr"), Optional.of(new Persistence(60, 64, Optional.of("sip"))));
        var s = IpvsMapping.service(key, settings);
        assertEquals(IpvsService.AF_INET6, s.family());
        assertEquals(64, s.netmask());
        assertEquals("sip", s.persistenceEngine());
        assertEquals(key, IpvsMapping.virtualService(s));
        assertEquals(settings, IpvsMapping.settings(s));
    }

    @Test
    void tunnelDestinationRoundTrips() {
        var d = new Destination(new RealServer("198.51.100.22", 53),
                Forwarding.tunnel(Forwarding.TunnelType.GUE, 6080, Forwarding.TunnelChecksum.REMCSUM), 2, 100, 10);
        IpvsDest ipvs = IpvsMapping.dest(d);
        assertEquals(IpvsDest.TUNNEL, ipvs.forwarding());
        assertEquals(IpvsDest.TUN_GUE, ipvs.tunnelType());
        assertEquals(IpvsDest.TUN_REMCSUM, ipvs.tunnelFlags());
        assertEquals(d, IpvsMapping.destination(ipvs));
    }

    @Test
    void eachOpIsOneRequest() {
        var key = new VirtualService.Address("192.0.2.10", 80, "tcp");
        var d = Destination.of(new RealServer("198.51.100.2", 80), Forwarding.NAT, 1);
        assertEquals(IpvsRequest.NewDest.class, IpvsDataPlane.request(new LvsOp.AddDestination(key, d)).getClass());
        assertEquals(IpvsRequest.DelService.class, IpvsDataPlane.request(new LvsOp.RemoveService(key)).getClass());
        assertEquals("IPVS_CMD_NEW_DEST [192.0.2.10]:tcp:80 -> 198.51.100.2:80", IpvsDataPlane.describe(new LvsOp.AddDestination(key, d)));
    }
}
