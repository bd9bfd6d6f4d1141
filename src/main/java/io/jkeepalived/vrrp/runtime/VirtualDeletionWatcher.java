package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.AddressText;
import io.jkeepalived.common.Log;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RoutingEvent;
import io.jkeepalived.linux.RoutingMonitor;
import io.jkeepalived.linux.Rule;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.plan.TrackedVirtuals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * keepalived's netlink reflector for deleted VIPs, virtual routes and virtual rules: each RTM_DELADDR /
 * RTM_DELROUTE / RTM_DELRULE matching a tracked entry becomes a VirtualDeleted event for its instance. Our own
 * removals (made when leaving MASTER, at stop or reload) must not count. keepalived, single-threaded, relies on the
 * instance having left MASTER when their echo arrives, and so does the engine; but this thread may read the echo
 * late, after a short skew time already made the instance MASTER again, so echoes of requests from our own netlink
 * sockets ({@code ownPorts}, the events' requester) are dropped here. Runs on its own thread and socket.
 */
final class VirtualDeletionWatcher implements AutoCloseable, Supervised {
    private final TrackedVirtuals tracked;
    private final Set<Integer> ownPorts;
    private final RoutingMonitor monitor;
    private final NetlinkWatchThread watchThread;
    private final Consumer<VrrpEvent> loop;
    private final MonotonicClock clock;
    private final Log log;

    VirtualDeletionWatcher(TrackedVirtuals tracked, Set<Integer> ownPorts, RoutingMonitor monitor, EventPoller poller,
                           Consumer<VrrpEvent> loop, MonotonicClock clock, Log log) throws Exception {
        this.tracked = tracked;
        this.ownPorts = Set.copyOf(ownPorts);
        this.monitor = monitor;
        this.loop = loop;
        this.clock = clock;
        this.log = log;
        this.watchThread = new NetlinkWatchThread(poller, monitor.fd(), monitor::close, "Virtual routing monitor error: ", log);
    }

    void start() {
        watchThread.startWatched("VRRP-virtual-deleted", () -> -1, () -> monitor.drain(this::removed));
    }

    @Override
    public java.util.Optional<io.jkeepalived.common.ThreadWatch.Death> death() {
        return watchThread.death();
    }

    void removed(RoutingEvent e) {
        if (ownPorts.contains(e.requester())) {
            return;         // the echo of our own removal
        }
        switch (e) {
            case RoutingEvent.AddressRemoved a -> {
                int index = a.address().interfaceIndex();
                String report = "Netlink reflector reports IP " + AddressText.of(a.address().address()) + " removed from "
                        + tracked.interfaceNames().getOrDefault(index, "interface " + index);
                owners(tracked.addressesOf(), a.address(), StaticRouting::sameAddress).forEach(i -> publish(i, report));
            }
            case RoutingEvent.RouteRemoved r -> owners(tracked.routesOf(), r.route(), StaticRouting::sameRoute)
                    .forEach(i -> publish(i, ""));
            case RoutingEvent.RuleRemoved r -> owners(tracked.rulesOf(), r.rule(), StaticRouting::sameRule)
                    .forEach(i -> publish(i, ""));
            case RoutingEvent.Overrun o -> log.warning("Netlink: virtual routing events lost (receive queue overrun)");
        }
    }

    /** The instances owning an entry equal to {@code removed} (the engine acts only on a MASTER among them). */
    private static <T> List<String> owners(Map<String, List<T>> of, T removed, BiPredicate<T, T> same) {
        return of.entrySet().stream().filter(en -> en.getValue().stream().anyMatch(t -> same.test(t, removed)))
                .map(Map.Entry::getKey).toList();
    }

    /** {@code report}: the -D line the engine logs if the deletion counts (the instance is MASTER). */
    private void publish(String instance, String report) {
        loop.accept(new VrrpEvent.VirtualDeleted(instance, report, clock.nowMicros()));
    }

    @Override
    public void close() {
        watchThread.close();
    }
}
