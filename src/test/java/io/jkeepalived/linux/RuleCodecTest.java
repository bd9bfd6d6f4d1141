package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** RTM_NEWRULE / RTM_DELRULE requests read back as the kernel's rule messages (same layout). */
class RuleCodecTest {
    private static Rule roundTrip(Rule r, int type) {
        byte[] bytes = RuleCodec.request(type, r, 7);
        var b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        var m = RtnetlinkCodec.messageAt(b, 0, bytes.length);
        assertEquals(type, m.type());
        assertEquals(7, m.seq());
        return RuleCodec.rule(b, m);
    }

    @Test
    void everySelectorAndTheActionSurviveARoundTrip() throws Exception {
        var rule = new Rule(false, 2001, Rule.FR_ACT_TO_TBL, 1000, Optional.of(InetAddress.getByName("192.0.2.0")), 24,
                Optional.of(InetAddress.getByName("198.51.100.0")), 25, Optional.of("eth0"), Optional.of("eth1"),
                OptionalLong.of(0x10), OptionalLong.of(0xff), Route.RTPROT_KEEPALIVED);
        assertEquals(rule, roundTrip(rule, RuleCodec.RTM_NEWRULE));
        assertEquals(rule, roundTrip(rule, RuleCodec.RTM_DELRULE));
        assertEquals("from 192.0.2.0/24 to 198.51.100.0/25 iif eth0 oif eth1 fwmark 0x10/0xff lookup 1000 priority 2001",
                rule.describe());
    }

    @Test
    void blackholeIpv6RuleHasNoTable() throws Exception {
        var rule = new Rule(true, 5, Rule.FR_ACT_BLACKHOLE, 0, Optional.empty(), 0, Optional.of(InetAddress.getByName("2001:db8::")),
                32, Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Route.RTPROT_KEEPALIVED);
        assertEquals(rule, roundTrip(rule, RuleCodec.RTM_NEWRULE));
        assertEquals("inet6 from all to 2001:db8:0:0:0:0:0:0/32 blackhole priority 5", rule.describe());
    }

    @Test
    void routeAddModesSetTheKernelsFlags() throws Exception {
        var route = Route.blackhole(InetAddress.getByName("198.18.1.0"), 24);
        for (var mode : RouteAddMode.values()) {
            byte[] bytes = RtnetlinkCodec.routeRequest(RtnetlinkCodec.RTM_NEWROUTE, route, 1, mode.netlinkFlags);
            var b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            int flags = RtnetlinkCodec.messageAt(b, 0, bytes.length).flags();
            assertEquals(RtnetlinkCodec.NLM_F_REQUEST | RtnetlinkCodec.NLM_F_ACK | RtnetlinkCodec.NLM_F_CREATE | mode.netlinkFlags, flags);
        }
    }
}
