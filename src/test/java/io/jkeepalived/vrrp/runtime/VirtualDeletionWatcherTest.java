package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.RoutingEvent;
import io.jkeepalived.linux.RoutingMonitor;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.plan.TrackedVirtuals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which kernel removals become a VirtualDeleted event, and with which -D line. */
class VirtualDeletionWatcherTest {
    static final int OUR_PORT = -4711;

    @Test
    void someoneElsesRemovalOfATrackedVipIsReportedOursAndUntrackedOnesAreNot() throws Exception {
        var vip = InterfaceAddress.of(3, InetAddress.getByName("192.0.2.100"), 24);
        var tracked = new TrackedVirtuals(Map.of("VI_1", List.of(vip)), Map.of(), Map.of(), Map.of(3, "eth0"));
        var events = new ArrayList<VrrpEvent>();
        try (var watcher = new VirtualDeletionWatcher(tracked, Set.of(OUR_PORT), new NoMonitor(), ScriptedPoller.idle(), events::add,
                () -> 42, (level, line) -> { })) {
            watcher.removed(new RoutingEvent.AddressRemoved(vip, OUR_PORT));          // the echo of leaving MASTER
            assertEquals(List.of(), events, "our own removal never counts, however late its echo is read");

            var other = InterfaceAddress.of(3, InetAddress.getByName("192.0.2.101"), 24);
            watcher.removed(new RoutingEvent.AddressRemoved(other, 1234));
            watcher.removed(new RoutingEvent.AddressRemoved(InterfaceAddress.of(3, vip.address(), 32), 1234));
            assertEquals(List.of(), events, "another address, or ours with another prefix length, is not ours");

            watcher.removed(new RoutingEvent.AddressRemoved(vip, 1234));                // ip addr del
            watcher.removed(new RoutingEvent.AddressRemoved(vip, 0));                   // the kernel itself
            var report = "Netlink reflector reports IP 192.0.2.100 removed from eth0";
            assertEquals(List.of(new VrrpEvent.VirtualDeleted("VI_1", report, 42), new VrrpEvent.VirtualDeleted("VI_1", report, 42)),
                    events);
        }
    }

    private static final class NoMonitor implements RoutingMonitor {
        @Override
        public int fd() {
            return -1;
        }

        @Override
        public int drain(Consumer<RoutingEvent> events) {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
