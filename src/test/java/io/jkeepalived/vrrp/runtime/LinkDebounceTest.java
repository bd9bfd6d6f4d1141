package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** keepalived's update_interface_flags debounce, on a simulated clock (flags as netlink gives them for a veth). */
class LinkDebounceTest {
    private static final int UP = 0x11043;
    private static final int DOWN = 0x1002;
    private final List<String> log = new ArrayList<>();
    private final LinkDebounce d = new LinkDebounce(Map.of("eth0", new LinkDebounce.Delays(1_500_000, 0)), log::add);

    @Test
    void aDownShorterThanTheDelayIsForgotten() {
        d.initial("eth0", true, UP);
        assertFalse(d.report("eth0", true, false, DOWN, 0));
        assertEquals(List.of("eth0: Adding flags change from 0x11043 to 0x1002 delay by 1500000"), log);
        assertEquals(1_500_000, d.nextDue());
        assertFalse(d.report("eth0", true, true, UP, 500_000), "back up: nothing to report");
        assertEquals(1, log.size(), "the same flags again: cancelled silently, as keepalived");
        assertEquals(List.of(), d.due(2_000_000));
        assertEquals(LinkDebounce.NEVER, d.nextDue());
    }

    @Test
    void aDownThatLastsIsReportedWhenDueAndUpAtOnce() {
        d.initial("eth0", true, UP);
        d.report("eth0", true, false, DOWN, 0);
        assertEquals(List.of(), d.due(1_499_999));
        assertEquals(List.of(new LinkDebounce.Change("eth0", false)), d.due(1_500_000));
        assertTrue(d.report("eth0", false, true, UP, 3_000_000), "no up delay");
    }

    @Test
    void otherFlagsOnTheWayBackAreNamed() {
        d.initial("eth0", true, UP);
        d.report("eth0", true, false, DOWN, 0);
        d.report("eth0", true, true, UP | 0x100, 10);
        assertEquals("Delay timer for eth0 cancelled", log.get(1));
    }

    @Test
    void aLinkNeverSeenUpAndAnInterfaceWithoutDelaysAreReportedAtOnce() {
        d.initial("eth0", false, DOWN);
        assertTrue(d.report("eth0", false, true, UP, 0));
        d.initial("eth1", true, UP);
        assertTrue(d.report("eth1", true, false, DOWN, 0));
        assertTrue(log.isEmpty());
    }
}
