package io.jkeepalived.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LvsListingTest {
    @Test
    void ipvsadmWords() {
        var web = new VirtualService.Address("192.0.2.100", 80, "tcp");
        var a = new RealServer("198.51.100.11", 80);
        var settings = new ServiceSettings(Scheduling.fromWords("sh", Set.of("sh-port")), Optional.of(new Persistence(300, 24, Optional.empty())));
        var pool = Pool.of(List.of(Service.of(web, settings, List.of(Destination.of(a, Forwarding.DR, 3))),
                Service.of(new VirtualService.Fwmark(7), ServiceSettings.of("wlc"), List.of())));
        var stats = List.of(new ServiceStats(web, new ServiceStats.Counters(-1, 10, -1, 600, -1),
                List.of(new ServiceStats.DestinationStats(a, 3, -1, -1, new ServiceStats.Counters(-1, 10, -1, 600, -1)))));
        assertEquals("""
                LVS data plane: nftables
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  192.0.2.100:80 sh (sh-port) persistent 300 mask 255.255.255.0
                  -> 198.51.100.11:80             Route   3      -          -
                FWM  7 wlc
                """, LvsListing.table("nftables", pool, stats));
        assertEquals("""
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                  -> RemoteAddress:Port
                TCP  192.0.2.100:80                         -       10        -      600        -
                  -> 198.51.100.11:80                       -       10        -      600        -
                """, LvsListing.stats(stats));
    }
}
