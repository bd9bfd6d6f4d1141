package io.jkeepalived.lvs.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.Persistence;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Scheduling;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceSettings;
import io.jkeepalived.lvs.Timeouts;
import io.jkeepalived.lvs.VirtualService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
    static final VirtualService WEB = new VirtualService.Address("192.0.2.100", 80, "tcp");
    static final RealServer A = new RealServer("198.51.100.11", 80);
    static final RealServer B = new RealServer("198.51.100.12", 80);

    @Test
    void slotsFollowWeightsInterleaved() {
        assertEquals(List.of(1, 2, 1, 1), Slots.of(List.of(1, 2), List.of(3, 1)));
        assertEquals(List.of(1, 2), Slots.of(List.of(1, 2), List.of(100, 100)), "reduced by the common divisor");
        assertEquals(List.of(2), Slots.of(List.of(1, 2), List.of(0, 7)), "weight 0 takes no new connections");
        var big = Slots.of(List.of(1, 2), List.of(65535, 1));
        assertTrue(big.size() <= Slots.MAX_SLOTS + 1 && big.contains(2), "scaled down, every live server keeps a slot");
    }

    @Test
    void theModulusIsAMultipleOfTheSlotCountAndAtLeast128() {
        assertEquals(128, Slots.modulus(0));
        assertEquals(128, Slots.modulus(1));
        assertEquals(192, Slots.modulus(3));
        assertEquals(160, Slots.modulus(10));
        assertEquals(1024, Slots.modulus(1024));
    }

    @Test
    void slotsAreSharedByWeightOverTheFixedModulus() {
        var rr = Slots.spread(192, List.of(1, 2, 3), List.of(1, 1, 1));
        assertEquals(192, rr.size());
        for (int i = 0; i + 3 <= rr.size(); i++) {
            assertEquals(Set.of(1, 2, 3), Set.copyOf(rr.subList(i, i + 3)), "every 3 consecutive connections reach the 3 servers");
        }
        var two = Slots.spread(192, List.of(1, 3), List.of(1, 1));
        for (int i = 0; i + 2 <= two.size(); i++) {
            assertEquals(Set.of(1, 3), Set.copyOf(two.subList(i, i + 2)), "one server down: still exact alternation");
        }
        var wrr = Slots.spread(128, List.of(1, 2), List.of(3, 1));
        for (int i = 0; i + 4 <= wrr.size(); i++) {
            assertEquals(1, wrr.subList(i, i + 4).stream().filter(id -> id == 2).count(), "3:1 in every 4 consecutive slots");
        }
        // 10 servers, one down: 160 slots over 9 stay within one slot of each other
        var nine = Slots.spread(160, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(1, 1, 1, 1, 1, 1, 1, 1, 1));
        var counts = new java.util.HashMap<Integer, Integer>();
        nine.forEach(id -> counts.merge(id, 1, Integer::sum));
        assertTrue(counts.values().stream().allMatch(c -> c == 17 || c == 18), counts.toString());
        assertEquals(List.of(2, 2, 2, 2), Slots.spread(4, List.of(1, 2), List.of(0, 7)), "weight 0 takes no new connections");
        assertEquals(List.of(), Slots.spread(128, List.of(1, 2), List.of(0, 0)));
        assertTrue(Slots.spread(128, List.of(1, 2), List.of(65535, 1)).contains(2), "every live server keeps a slot");
    }

    @Test
    void connectionCountingSchedulersSayWhatTheyBecome() {
        assertTrue(NftScheduler.of(Scheduling.of("wrr")).approximation().isEmpty());
        assertTrue(NftScheduler.of(Scheduling.of("sh")).approximation().isEmpty());
        assertEquals(NftScheduler.Selection.ROUND_ROBIN, NftScheduler.of(Scheduling.of("wlc")).selection());
        assertTrue(NftScheduler.of(Scheduling.of("wlc")).approximation().orElseThrow().contains("weighted round-robin (wrr)"));
        assertEquals(NftScheduler.Selection.DESTINATION_HASH, NftScheduler.of(Scheduling.of("lblc")).selection());
        assertEquals(NftScheduler.Selection.FAILOVER, NftScheduler.of(Scheduling.of("ovf")).selection());
        assertTrue(NftScheduler.of(Scheduling.fromWords("mh", Set.of("mh-port"))).hashPort());
    }

    @Test
    void natServiceWithPersistence() {
        var s = Service.of(WEB, new ServiceSettings(Scheduling.of("wrr"), Optional.of(new Persistence(300, 24, Optional.empty()))),
                List.of(Destination.of(A, Forwarding.NAT, 3), Destination.of(B, Forwarding.NAT, 1)));
        var c = NftRuleset.change(null, s, Map.of(), Timeouts.UNCHANGED);
        var t = c.commands();
        assertTrue(t.contains("add element inet jkeepalived nat4 { 192.0.2.100 . tcp . 80 comment \"v=tcp,192.0.2.100,80 s=wrr p=300,24\""), t);
        assertTrue(t.contains("ct mark set ip saddr & 255.255.255.0 map @v_tcp_192_0_2_100_80_p"), t);
        assertTrue(t.contains("ct mark != @v_tcp_192_0_2_100_80_live ct mark set numgen inc mod 128 map @v_tcp_192_0_2_100_80_slots"), t);
        assertTrue(t.contains("ct mark vmap @v_tcp_192_0_2_100_80_all"), t);
        assertTrue(t.contains("0x6a6b0001 comment \"r=198.51.100.11,80 w=3 u=0 l=0 m=NAT\""), t);
        assertEquals(128, c.result().modulus());
        assertTrue(t.contains("meta l4proto tcp counter dnat ip to 198.51.100.11:80"), t);
        assertEquals(Map.of(A, 1, B, 2), c.result().ids());
        assertEquals(s, c.result().service());
    }

    @Test
    void drServersThatLeaveKeepTheirChainForTheirConnections() {
        var s = Service.of(WEB, ServiceSettings.of("rr"), List.of(Destination.of(A, Forwarding.DR, 1), Destination.of(B, Forwarding.DR, 1)));
        var devices = Map.of(A, "eth0", B, "eth0");
        var first = NftRuleset.change(null, s, devices, Timeouts.UNCHANGED).result();
        var without = Service.of(WEB, ServiceSettings.of("rr"), List.of(Destination.of(A, Forwarding.DR, 1)));
        var c = NftRuleset.change(first, without, devices, Timeouts.UNCHANGED);
        assertFalse(c.commands().contains("delete chain"), c.commands());
        assertTrue(c.commands().contains("meta mark set numgen inc mod 128 map @v_tcp_192_0_2_100_80_slots"), c.commands());
        assertEquals(Set.of(A, B), c.result().ids().keySet(), "B retired, not forgotten");
        assertEquals(Set.of(A), c.result().service().destinations().keySet());
    }

    @Test
    void tunnelAndMixedServersAreRejectedWithAReason() {
        var tun = Destination.of(B, Forwarding.tunnel(Forwarding.TunnelType.IPIP, 0, Forwarding.TunnelChecksum.NOCSUM), 1);
        var s = Service.of(WEB, ServiceSettings.of("rr"), List.of(Destination.of(A, Forwarding.NAT, 1), tun));
        var c = NftRuleset.change(null, s, Map.of(), Timeouts.UNCHANGED);
        assertEquals(Set.of(B), c.rejected().keySet());
        assertTrue(c.rejected().get(B).contains("TUN forwarding (ipip)"));
    }

    @Test
    void listingReadsBackWhatWasWritten() {
        // a listing as nft 1.0.6 printed it (counters and a third, retired, server's chain added)
        var listing = """
                table inet jkeepalived {
                	map nat4 {
                		typeof ip daddr . meta l4proto . th dport : verdict
                		elements = { 192.0.2.100 . tcp . 80 comment "v=tcp,192.0.2.100,80 s=wrr" : jump v_tcp_192_0_2_100_80 }
                	}

                	map v_tcp_192_0_2_100_80_slots {
                		typeof numgen inc mod 2 : ct mark
                		elements = { 0 : 0x6a6b0001, 1 : 0x6a6b0002, 2 : 0x6a6b0001, 3 : 0x6a6b0002 }
                	}

                	set v_tcp_192_0_2_100_80_live {
                		typeof ct mark
                		elements = { 0x6a6b0001 comment "r=198.51.100.11,80 w=1 u=0 l=0 m=NAT", 0x6a6b0002 comment "r=198.51.100.12,80 w=1 u=0 l=0 m=NAT" }
                	}

                	map v_tcp_192_0_2_100_80_all {
                		typeof ct mark : verdict
                		elements = { 0x6a6b0001 comment "r=198.51.100.11,80" : jump v_tcp_192_0_2_100_80_r1, 0x6a6b0002 comment "r=198.51.100.12,80" : jump v_tcp_192_0_2_100_80_r2,
                			     0x6a6b0003 comment "r=198.51.100.13,80" : jump v_tcp_192_0_2_100_80_r3 }
                	}

                	chain v_tcp_192_0_2_100_80_r1 {
                		meta l4proto tcp counter packets 7 bytes 420 dnat ip to 198.51.100.11:80
                	}

                	chain v_tcp_192_0_2_100_80_r2 {
                		meta l4proto tcp counter packets 3 bytes 180 dnat ip to 198.51.100.12:80
                	}

                	chain v_tcp_192_0_2_100_80_r3 {
                		meta l4proto tcp counter packets 0 bytes 0 dnat ip to 198.51.100.13:80
                	}

                	chain v_tcp_192_0_2_100_80 {
                		ct mark set numgen inc mod 128 map @v_tcp_192_0_2_100_80_slots
                		ct mark vmap @v_tcp_192_0_2_100_80_all
                	}
                }
                """;
        var state = NftState.parse(listing, null);
        var ps = state.services().get(WEB);
        assertEquals(Service.of(WEB, ServiceSettings.of("wrr"), List.of(Destination.of(A, Forwarding.NAT, 1), Destination.of(B, Forwarding.NAT, 1))),
                ps.service());
        assertEquals(Map.of(A, 1, B, 2, new RealServer("198.51.100.13", 80), 3), ps.ids(), "a server that left keeps its number and chain");
        assertEquals(128, ps.modulus(), "from the selection rule");
        var stats = state.stats().getFirst();
        assertEquals(10, stats.totals().connections(), "NAT chains count new connections");
        assertEquals(7, stats.destinations().getFirst().counters().connections());
    }
}
