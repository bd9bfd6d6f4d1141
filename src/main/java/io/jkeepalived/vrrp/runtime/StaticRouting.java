package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.Log;
import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RoutingEvent;
import io.jkeepalived.linux.RoutingMonitor;
import io.jkeepalived.linux.Rule;
import io.jkeepalived.vrrp.plan.PlannedRoute;
import io.jkeepalived.vrrp.plan.RoutingPlan;
import io.jkeepalived.vrrp.port.RoutingTable;
import java.util.Arrays;

/**
 * {@code static_ipaddress}, {@code static_routes} and {@code static_rules}: installed at start (addresses, routes,
 * rules), put back when the kernel reports one removed ("Restoring deleted static route ..." as keepalived), and
 * removed at stop (rules, routes, addresses) - keepalived removes them at stop even with -V. The watch runs on its
 * own thread with its own netlink socket; only static entries are considered, so the VRRP side removing its own
 * virtual routes is never undone.
 */
final class StaticRouting implements AutoCloseable, Supervised {
    private final RoutingPlan plan;
    private final RoutingTable table;
    private final RoutingMonitor monitor;
    private final NetlinkWatchThread watchThread;
    private final Log log;

    StaticRouting(RoutingPlan plan, RoutingTable table, RoutingMonitor monitor, EventPoller poller, Log log) throws Exception {
        this.plan = plan;
        this.table = table;
        this.monitor = monitor;
        this.log = log;
        this.watchThread = new NetlinkWatchThread(poller, monitor.fd(), monitor::close, "Static routing monitor error: ", log);
    }

    /** Installs everything, then watches for removals. */
    void start() {
        plan.staticAddresses().forEach(this::add);
        plan.staticRoutes().forEach(this::add);
        plan.staticRules().forEach(this::add);
        watchThread.startWatched("VRRP-static-routing", () -> -1, () -> monitor.drain(this::removed));
    }

    @Override
    public java.util.Optional<io.jkeepalived.common.ThreadWatch.Death> death() {
        return watchThread.death();
    }

    private void removed(RoutingEvent e) {
        switch (e) {
            case RoutingEvent.RouteRemoved r -> plan.staticRoutes().stream().filter(p -> sameRoute(p.route(), r.route()))
                    .forEach(p -> restore("route " + p.route().describe(), () -> table.add(p)));
            case RoutingEvent.RuleRemoved r -> plan.staticRules().stream().filter(p -> sameRule(p, r.rule()))
                    .forEach(p -> restore("rule " + p.describe(), () -> table.add(p)));
            case RoutingEvent.AddressRemoved a -> plan.staticAddresses().stream().filter(p -> sameAddress(p, a.address()))
                    .forEach(p -> restore("address " + describe(p), () -> table.add(p)));
            case RoutingEvent.Overrun o -> {
                // events were lost: adding everything again is harmless (present entries are left alone)
                plan.staticAddresses().forEach(this::add);
                plan.staticRoutes().forEach(this::add);
                plan.staticRules().forEach(this::add);
            }
        }
    }

    /**
     * keepalived's interface_up (static_track_group_reinstate_config): a link that comes up gets its static
     * addresses and routes back - the kernel drops IPv4 routes on link down without an RTM_DELROUTE. Entries
     * still present are left alone. Called on the link watcher's thread; the table serialises its calls.
     */
    void interfaceUp(int index) {
        plan.staticAddresses().stream().filter(a -> a.interfaceIndex() == index)
                .forEach(a -> restore("address " + describe(a), () -> table.add(a)));
        plan.staticRoutes().stream().filter(r -> r.route().outputInterface() == index)
                .forEach(r -> restore("route " + r.route().describe(), () -> table.add(r)));
    }

    /** keepalived's route_is_ours for static routes: table, family, prefix, destination (and our gateway, metric). */
    static boolean sameRoute(Route ours, Route removed) {
        return ours.table() == removed.table() && ours.prefixLength() == removed.prefixLength()
                && Arrays.equals(ours.destination().getAddress(), removed.destination().getAddress())
                && ours.metric() == removed.metric()
                && (ours.gateway().isEmpty() || ours.gateway().equals(removed.gateway()));
    }

    /** keepalived's compare_rule: family, priority, action, table and selectors. */
    static boolean sameRule(Rule ours, Rule removed) {
        return ours.ipv6() == removed.ipv6() && ours.priority() == removed.priority() && ours.action() == removed.action()
                && ours.table() == removed.table() && ours.source().equals(removed.source())
                && ours.sourceLength() == removed.sourceLength() && ours.destination().equals(removed.destination())
                && ours.destinationLength() == removed.destinationLength()
                && ours.inputInterface().equals(removed.inputInterface())
                && ours.outputInterface().equals(removed.outputInterface()) && ours.fwmark().equals(removed.fwmark());
    }

    static boolean sameAddress(InterfaceAddress ours, InterfaceAddress removed) {
        return ours.interfaceIndex() == removed.interfaceIndex() && ours.address().equals(removed.address())
                && ours.prefixLength() == removed.prefixLength();
    }

    private interface Change {
        void apply() throws Exception;
    }

    private void restore(String what, Change change) {
        log.info("Restoring deleted static " + what);
        try {
            change.apply();
        } catch (Exception ex) {
            log.error("Cannot restore static " + what + ": " + ex.getMessage());
        }
    }

    private void add(InterfaceAddress a) {
        apply("add static address " + describe(a), () -> table.add(a));
    }

    private void add(PlannedRoute r) {
        apply("add static route " + r.route().describe(), () -> table.add(r));
    }

    private void add(Rule r) {
        apply("add static rule " + r.describe(), () -> table.add(r));
    }

    private void apply(String what, Change change) {
        try {
            change.apply();
        } catch (Exception e) {
            log.error("Cannot " + what + ": " + e.getMessage());
        }
    }

    private static String describe(InterfaceAddress a) {
        return a.address().getHostAddress() + "/" + a.prefixLength() + " dev " + a.interfaceIndex();
    }

    /** Stops watching, then removes rules, routes and addresses. */
    @Override
    public void close() {
        watchThread.close();
        for (Rule r : plan.staticRules()) {
            apply("remove static rule " + r.describe(), () -> table.remove(r));
        }
        for (PlannedRoute r : plan.staticRoutes()) {
            apply("remove static route " + r.route().describe(), () -> table.remove(r));
        }
        for (InterfaceAddress a : plan.staticAddresses()) {
            apply("remove static address " + describe(a), () -> table.remove(a));
        }
    }
}
