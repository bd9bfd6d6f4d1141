package io.jkeepalived.adapters.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.linux.NeighbourAdvertiser;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
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
}
