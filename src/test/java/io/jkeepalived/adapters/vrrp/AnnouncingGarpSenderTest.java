package io.jkeepalived.adapters.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.linux.NeighbourAdvertiser;
import java.net.Inet6Address;
import java.net.InetAddress;
import io.jkeepalived.adapters.vrrp.GarpPacer.Intervals;
import io.jkeepalived.linux.GarpSender;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** keepalived writes IPv6 addresses compressed in its -D lines ("2001:db8::100", not "2001:db8:0:0:0:0:0:100"). */
class AnnouncingGarpSenderTest {
    @Test
    void neighbourAdvertLinesNameTheAddressAsKeepalivedDoes() throws Exception {
        var lines = new ArrayList<String>();
        var sent = new ArrayList<Inet6Address>();
        NeighbourAdvertiser eth0 = new NeighbourAdvertiser() {
            @Override
            public void send(Inet6Address vip) {
                sent.add(vip);
            }

            @Override
            public String interfaceName() {
                return "eth0";
            }

            @Override
            public String mac() {
                return "00:00:5e:00:02:33";
            }

            @Override
            public void close() {
            }
        };
        var vip = InetAddress.getByName("2001:db8::100");
        var other = InetAddress.getByName("2001:db8::200");
        try (var garp = new AnnouncingGarpSender(Map.of(), Map.of("eth0", eth0), Map.of(other, "eth1"),
                (level, line) -> lines.add(level + " " + line))) {
            garp.sendNa("eth0", List.of(vip, other), 1);
        }
        assertEquals(List.of("DEBUG Sending unsolicited Neighbour Advert on eth0 for 2001:db8::100",
                "ERROR VRRP: Error sending ndisc unsolicited neighbour advert on eth1 for 2001:db8::200"), lines);
        assertEquals(List.of(vip), sent);
    }

    private static GarpSender arpOn(String dev, List<Inet4Address> sent) {
        return new GarpSender() {
            @Override
            public void send(Inet4Address vip) {
                sent.add(vip);
            }

            @Override
            public String interfaceName() {
                return dev;
            }

            @Override
            public String mac() {
                return "00:00:5e:00:01:33";
            }

            @Override
            public void close() {
            }
        };
    }

    /** A GARP held back by the interval goes out on the timer thread once the (fake) clock has passed it. */
    @Test
    void heldBackGarpsGoOutOnTheTimerAndForgottenOnesDoNot() throws Exception {
        var sent = Collections.synchronizedList(new ArrayList<Inet4Address>());
        var now = new AtomicLong(1_000_000);
        var a = (Inet4Address) InetAddress.getByName("192.0.2.11");
        var b = (Inet4Address) InetAddress.getByName("192.0.2.12");
        try (var garp = new AnnouncingGarpSender(Map.of("eth0", arpOn("eth0", sent)), Map.of(), Map.of(), (l, line) -> { },
                new GarpPacer(Map.of(), new Intervals(50_000, 0)), now::get, () -> { })) {
            garp.sendGarp("eth0", List.of(a, b), 3);
            assertEquals(List.of(a), List.copyOf(sent), "the rest waits for the interval");
            now.addAndGet(50_000);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sent.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of(a, a), List.copyOf(sent), "one at a time, in the order first announced");
            // forgotten before they are due (advancing the clock first let the timer thread send one in between)
            garp.forget(List.of(a, b));
            now.addAndGet(50_000);
            Thread.sleep(300);
            assertEquals(List.of(a, a), List.copyOf(sent), "forgotten addresses are not sent");
        }
    }
}
