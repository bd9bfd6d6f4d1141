package io.jkeepalived.adapters.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.adapters.vrrp.GarpPacer.Intervals;
import io.jkeepalived.adapters.vrrp.GarpPacer.Kind;
import io.jkeepalived.adapters.vrrp.GarpPacer.Send;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** keepalived's GARP/NA pacing (vrrp_arp.c send_gratuitous_arp, vrrp_scheduler.c vrrp_arp_thread) on a fake clock. */
class GarpPacerTest {
    private static Send arp(String dev, String ip) throws Exception {
        return new Send(Kind.ARP, dev, InetAddress.getByName(ip));
    }

    /** Sends of 5 VIPs, repeat 5, at t=0 with a 200 ms interval: then runs the timer as keepalived's thread would. */
    @Test
    void fiveVipsRepeatFiveGoOneEveryIntervalAndRepeatsOfAQueuedAddressFold() throws Exception {
        var pacer = new GarpPacer(Map.of(), new Intervals(200_000, 0));
        var sent = new ArrayList<String>();
        for (int r = 0; r < 5; r++) {
            for (int i = 1; i <= 5; i++) {
                var s = arp("eth0", "192.0.2." + i);
                if (pacer.offer(s, 0)) {
                    sent.add("0 " + s.address().getHostAddress());
                }
            }
        }
        long now = 0;
        while (pacer.nextDue().isPresent()) {
            now = pacer.nextDue().getAsLong();
            for (Send s : pacer.due(now)) {
                sent.add(now / 1000 + " " + s.address().getHostAddress());
            }
        }
        assertEquals(List.of("0 192.0.2.1", "200 192.0.2.1", "400 192.0.2.2", "600 192.0.2.3", "800 192.0.2.4",
                "1000 192.0.2.5"), sent);
    }

    /** A send that left late (the thread was descheduled after the pacer said yes) pushes the next one back. */
    @Test
    void theIntervalCountsFromWhenTheSendReallyLeft() throws Exception {
        var pacer = new GarpPacer(Map.of(), new Intervals(200_000, 0));
        var first = arp("eth0", "192.0.2.1");
        assertTrue(pacer.offer(first, 0));
        pacer.sent(first, 80_000);
        assertFalse(pacer.offer(arp("eth0", "192.0.2.2"), 200_000), "80 ms late: 120 ms after it is too soon");
        assertTrue(pacer.due(279_999).isEmpty());
        assertEquals(1, pacer.due(280_000).size());
    }

    @Test
    void aSendAfterTheIntervalGoesAtOnce() throws Exception {
        var pacer = new GarpPacer(Map.of(), new Intervals(200_000, 0));
        assertTrue(pacer.offer(arp("eth0", "192.0.2.1"), 1_000_000));
        assertFalse(pacer.offer(arp("eth0", "192.0.2.1"), 1_199_999));
        assertEquals(List.of(), pacer.due(1_199_999));
        assertEquals(OptionalLong.of(1_200_000), pacer.nextDue());
        assertEquals(List.of(arp("eth0", "192.0.2.1")), pacer.due(1_200_000));
        assertTrue(pacer.offer(arp("eth0", "192.0.2.2"), 1_400_000));
    }

    @Test
    void intervalsArePerInterfaceAndPerKindAndAGroupOverridesTheGlobalOnes() throws Exception {
        var pacer = new GarpPacer(Map.of("eth1", new Intervals(0, 500_000)), new Intervals(200_000, 100_000));
        assertTrue(pacer.offer(arp("eth0", "192.0.2.1"), 0));
        assertTrue(pacer.offer(arp("eth1", "198.51.100.1"), 0));        // eth0's limit is eth0's
        assertTrue(pacer.offer(arp("eth1", "198.51.100.2"), 0));        // the group has no GARP interval
        var na1 = new Send(Kind.NA, "eth1", InetAddress.getByName("2001:db8::1"));
        var na2 = new Send(Kind.NA, "eth1", InetAddress.getByName("2001:db8::2"));
        assertTrue(pacer.offer(na1, 0));                                 // NAs count apart from ARPs
        assertFalse(pacer.offer(na2, 400_000));                          // the group's 500 ms, not the global 100 ms
        assertEquals(List.of(na2), pacer.due(500_000));
        var na3 = new Send(Kind.NA, "eth0", InetAddress.getByName("2001:db8::3"));
        assertTrue(pacer.offer(na3, 0));
        assertFalse(pacer.offer(na3, 99_999));
        assertEquals(List.of(na3), pacer.due(100_000));
    }

    @Test
    void droppedAddressesLeaveTheQueue() throws Exception {
        var pacer = new GarpPacer(Map.of(), new Intervals(200_000, 0));
        pacer.offer(arp("eth0", "192.0.2.1"), 0);
        pacer.offer(arp("eth0", "192.0.2.2"), 0);
        pacer.drop(List.of(InetAddress.getByName("192.0.2.2")));
        assertEquals(OptionalLong.empty(), pacer.nextDue());
    }

    @Test
    void withoutIntervalsEverythingGoesAtOnce() throws Exception {
        var pacer = GarpPacer.unlimited();
        assertFalse(pacer.limits());
        for (int i = 0; i < 3; i++) {
            assertTrue(pacer.offer(arp("eth0", "192.0.2.1"), 0));
        }
    }
}
