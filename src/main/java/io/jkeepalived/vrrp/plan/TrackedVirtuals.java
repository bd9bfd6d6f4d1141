package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per instance, the VIPs / E-VIPs, virtual routes and virtual rules whose deletion by someone else moves a MASTER
 * to BACKUP (keepalived's address_is_ours, route_is_ours, rule_is_ours): every one not marked {@code no_track}.
 *
 * @param interfaceNames index to name of the interfaces the tracked addresses are on (for the log line)
 */
public record TrackedVirtuals(Map<String, List<InterfaceAddress>> addressesOf, Map<String, List<Route>> routesOf,
                              Map<String, List<Rule>> rulesOf, Map<Integer, String> interfaceNames) {
    public TrackedVirtuals {
        interfaceNames = Map.copyOf(interfaceNames);
        addressesOf = Map.copyOf(addressesOf);
        routesOf = Map.copyOf(routesOf);
        rulesOf = Map.copyOf(rulesOf);
    }

    /** {@code plan}'s addresses are in config order (VIPs then E-VIPs), as are the specs they came from. */
    public static TrackedVirtuals of(KeepalivedConfig config, VrrpPlan plan, HostInterfaces host, RoutingNames routingNames) {
        var addresses = new LinkedHashMap<String, List<InterfaceAddress>>();
        var routes = new LinkedHashMap<String, List<Route>>();
        var rules = new LinkedHashMap<String, List<Rule>>();
        var names = new LinkedHashMap<Integer, String>();
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            List<InterfaceAddress> planned = plan.addressesOf().getOrDefault(spec.name(), List.of());
            var vips = new ArrayList<VirtualIpSpec>(spec.virtualIpAddresses());
            vips.addAll(spec.virtualIpAddressesExcluded());
            var tracked = new ArrayList<InterfaceAddress>();
            for (int i = 0; i < vips.size() && i < planned.size(); i++) {
                if (!vips.get(i).noTrack()) {
                    tracked.add(planned.get(i));
                    int index = planned.get(i).interfaceIndex();
                    host.link(index).ifPresent(l -> names.put(index, l.name()));
                }
            }
            addresses.put(spec.name(), List.copyOf(tracked));
            var trackedRoutes = new ArrayList<Route>();
            for (RouteSpec r : spec.virtualRoutes()) {
                if (!r.noTrack() && RouteTranslation.of(r, host, routingNames) instanceof Translation.Done<PlannedRoute> done) {
                    trackedRoutes.add(done.value().route());
                }
            }
            routes.put(spec.name(), List.copyOf(trackedRoutes));
            var trackedRules = new ArrayList<Rule>();
            for (RuleSpec r : spec.virtualRules()) {
                if (!r.noTrack() && RuleTranslation.of(r, routingNames) instanceof Translation.Done<Rule> done) {
                    trackedRules.add(done.value());
                }
            }
            rules.put(spec.name(), List.copyOf(trackedRules));
        }
        return new TrackedVirtuals(addresses, routes, rules, names);
    }

    public boolean isEmpty() {
        return addressesOf.values().stream().allMatch(List::isEmpty) && routesOf.values().stream().allMatch(List::isEmpty)
                && rulesOf.values().stream().allMatch(List::isEmpty);
    }
}
