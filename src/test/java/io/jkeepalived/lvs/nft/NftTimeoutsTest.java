package io.jkeepalived.lvs.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.lvs.Timeouts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** lvs_timeouts as conntrack timeout objects: IPVS's words mapped to conntrack's states, and read back. */
class NftTimeoutsTest {

    @Test
    void ipvsTimeoutsBecomeConntrackStates() {
        var objects = NftTimeouts.objects(new Timeouts(900, 30, 200));
        assertTrue(objects.contains("add ct timeout inet jkeepalived jk_tcp4 { protocol tcp; l3proto ip; policy = { established: 900, "
                + "fin_wait: 30, time_wait: 30 }; }"), objects);
        assertTrue(objects.contains("add ct timeout inet jkeepalived jk_udp6 { protocol udp; l3proto ip6; policy = { unreplied: 200, "
                + "replied: 200 }; }"), objects);
    }

    @Test
    void onlyWhatIsSetGetsAnObjectAndRules() {
        assertEquals("", NftTimeouts.objects(Timeouts.UNCHANGED));
        assertEquals(List.of(), NftTimeouts.rules(Timeouts.UNCHANGED));
        assertEquals(List.of("ip daddr . meta l4proto . th dport @nat4 ct timeout set \"jk_udp4\"",
                "meta nfproto ipv4 meta mark @natmark4 ct timeout set \"jk_udp4\"",
                "ip6 daddr . meta l4proto . th dport @nat6 ct timeout set \"jk_udp6\"",
                "meta nfproto ipv6 meta mark @natmark6 ct timeout set \"jk_udp6\""), NftTimeouts.rules(new Timeouts(0, 0, 60)));
    }

    @Test
    void readBackFromNftsListing() {
        var listing = """
                table inet jkeepalived {
                	ct timeout jk_tcp4 {
                		protocol tcp
                		l3proto ip
                		policy = { established : 900, fin_wait : 30, time_wait : 30 }
                	}

                	ct timeout jk_udp4 {
                		protocol udp
                		l3proto ip
                		policy = { unreplied : 200, replied : 200 }
                	}
                }
                """;
        assertEquals(Optional.of(new Timeouts(900, 30, 200)), NftTimeouts.parse(listing));
        assertEquals(Optional.empty(), NftTimeouts.parse("table inet jkeepalived {\n}\n"));
        assertEquals(Optional.empty(), NftTimeouts.parse(null));
    }
}
