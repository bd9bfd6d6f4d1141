package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.LinkbeatMethod;
import io.jkeepalived.linux.LinkProbe;
import io.jkeepalived.linux.LinkProbe.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived's choice of linkbeat method and its reading of the answers, over a scripted probe. */
class LinkbeatTest {
    /** Answers per interface and probe kind; records which probes were asked. */
    private static final class FakeProbe implements LinkProbe {
        final Map<String, Reading> mii = new HashMap<>();
        final Map<String, Reading> ethtool = new HashMap<>();
        final Map<String, Reading> flags = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        boolean closed;

        @Override
        public Reading mii(String ifname) {
            asked.add("mii " + ifname);
            return mii.getOrDefault(ifname, Reading.UNSUPPORTED);
        }

        @Override
        public Reading ethtool(String ifname) {
            asked.add("ethtool " + ifname);
            return ethtool.getOrDefault(ifname, Reading.UNSUPPORTED);
        }

        @Override
        public Reading flags(String ifname) {
            return flags.getOrDefault(ifname, Reading.UP);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final FakeProbe probe = new FakeProbe();
    private final List<String> log = new ArrayList<>();

    private Linkbeat linkbeat(Map<String, LinkbeatMethod> interfaces) {
        return new Linkbeat(interfaces, probe, log::add, 0);
    }

    @Test
    void autoTakesMiiFirstThenEthtoolThenTheFlags() {
        probe.mii.put("nic", Reading.UP);
        probe.ethtool.put("nic", Reading.DOWN);
        probe.ethtool.put("veth", Reading.UP);
        var lb = linkbeat(Map.of("nic", LinkbeatMethod.AUTO, "veth", LinkbeatMethod.AUTO, "tun", LinkbeatMethod.AUTO));
        assertTrue(lb.read("nic"));
        assertTrue(lb.read("veth"));
        assertTrue(lb.read("tun"));
        assertEquals(Optional.of(LinkbeatMethod.MII), lb.method("nic"));
        assertEquals(Optional.of(LinkbeatMethod.ETHTOOL), lb.method("veth"));
        assertEquals(Optional.of(LinkbeatMethod.IOCTL), lb.method("tun"));
        assertEquals(List.of(), log);
    }

    @Test
    void onceFoundTheMethodIsTheOnlyOneAskedAndTheFlagsMustAgree() {
        probe.ethtool.put("veth", Reading.UP);
        var lb = linkbeat(Map.of("veth", LinkbeatMethod.AUTO));
        assertTrue(lb.read("veth"));
        probe.asked.clear();
        probe.ethtool.put("veth", Reading.DOWN);
        assertFalse(lb.read("veth"));
        assertEquals(List.of("ethtool veth"), probe.asked);
        probe.ethtool.put("veth", Reading.UP);
        probe.flags.put("veth", Reading.DOWN);
        assertFalse(lb.read("veth"), "carrier but not IFF_UP|IFF_RUNNING");
        probe.flags.put("veth", Reading.UNSUPPORTED);
        assertTrue(lb.read("veth"), "a SIOCGIFFLAGS failing other than ENODEV counts as up, as in keepalived");
    }

    @Test
    void aConfiguredMethodThatDoesNotAnswerFallsBackAndSaysSo() {
        probe.ethtool.put("veth", Reading.DOWN);
        probe.mii.put("nic", Reading.UP);
        var lb = linkbeat(Map.of("veth", LinkbeatMethod.MII, "nic", LinkbeatMethod.ETHTOOL, "tun", LinkbeatMethod.ETHTOOL,
                "lo2", LinkbeatMethod.IOCTL));
        assertFalse(lb.read("veth"));
        assertTrue(lb.read("nic"));
        assertTrue(lb.read("tun"));
        probe.asked.clear();
        assertTrue(lb.read("lo2"));
        assertEquals(List.of(), probe.asked, "IOCTL asks only for the flags");
        assertEquals(Optional.of(LinkbeatMethod.ETHTOOL), lb.method("veth"));
        assertEquals(Optional.of(LinkbeatMethod.MII), lb.method("nic"));
        assertEquals(Optional.of(LinkbeatMethod.IOCTL), lb.method("tun"));
        assertEquals(List.of("(veth): Configured linkbeat type MII not supported, using ETHTOOL",
                "(nic): Configured linkbeat type ETHTOOL not supported, using MII",
                "(tun): Configured linkbeat type ETHTOOL not supported, using IOCTL"), log);
    }

    @Test
    void anAbsentInterfaceIsDownAndHasItsMethodFoundAgain() {
        probe.ethtool.put("veth", Reading.UP);
        var lb = linkbeat(Map.of("veth", LinkbeatMethod.AUTO));
        probe.flags.put("veth", Reading.ABSENT);
        assertFalse(lb.read("veth"));
        assertEquals(Optional.empty(), lb.method("veth"));
        probe.flags.put("veth", Reading.UP);
        assertTrue(lb.read("veth"));
        assertEquals(Optional.of(LinkbeatMethod.ETHTOOL), lb.method("veth"));
    }

    @Test
    void aRoundIsDueEverySecond() {
        probe.ethtool.put("veth", Reading.UP);
        var lb = linkbeat(Map.of("veth", LinkbeatMethod.AUTO));
        assertEquals(1_000_000, lb.nextDue());
        assertEquals(List.of(), lb.due(999_999));
        assertEquals(List.of(new Linkbeat.Polled("veth", true)), lb.due(1_000_000));
        assertEquals(2_000_000, lb.nextDue());
        probe.ethtool.put("veth", Reading.DOWN);
        assertEquals(List.of(new Linkbeat.Polled("veth", false)), lb.due(2_500_000));
        assertEquals(3_500_000, lb.nextDue());
        lb.close();
        assertTrue(probe.closed);
    }

    @Test
    void noneIsNeverDueAndPollsNothing() {
        var lb = Linkbeat.none();
        assertEquals(Linkbeat.NEVER, lb.nextDue());
        assertFalse(lb.polls("eth0"));
        assertEquals(List.of(), lb.due(Long.MAX_VALUE - 1));
        lb.close();
    }
}
