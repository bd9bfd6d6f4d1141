package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses, routes and rules the VRRP subsystem installs besides the VIPs, decided before anything is opened:
 * {@code static_ipaddress}, {@code static_routes}, {@code static_rules} (from start to stop, put back when removed)
 * and each instance's {@code virtual_routes} / {@code virtual_rules} (while it is MASTER).
 *
 * @param warnings one line per route/rule/address that is skipped or has options that are not applied,
 *                 {@code file:line:col: ...}
 */
public record RoutingPlan(List<InterfaceAddress> staticAddresses, List<PlannedRoute> staticRoutes, List<Rule> staticRules,
                          Map<String, List<PlannedRoute>> virtualRoutesOf, Map<String, List<Rule>> virtualRulesOf,
                          List<String> warnings) {
    public RoutingPlan {
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        virtualRoutesOf = Map.copyOf(virtualRoutesOf);
        virtualRulesOf = Map.copyOf(virtualRulesOf);
        warnings = List.copyOf(warnings);
    }

    public static RoutingPlan of(KeepalivedConfig config, HostInterfaces host, RoutingNames names) {
        var warnings = new ArrayList<String>();
        var addresses = new ArrayList<InterfaceAddress>();
        for (VirtualIpSpec a : config.staticAddresses()) {
            String dev = a.dev().orElse(config.globalDefs().defaultInterface());
            Optional<Link> link = host.link(dev);
            if (link.isEmpty()) {
                warnings.add(a.pos() + ": static_ipaddress " + a.address().getHostAddress() + ": interface " + dev
                        + " does not exist - not installed");
                continue;
            }
            addresses.add(VrrpPlan.interfaceAddress(a, link.get().index()));
        }
        var routes = routes("static_routes", config.staticRoutes(), host, names, warnings);
        var rules = rules("static_rules", config.staticRules(), names, warnings);
        var virtualRoutes = new LinkedHashMap<String, List<PlannedRoute>>();
        var virtualRules = new LinkedHashMap<String, List<Rule>>();
        for (VrrpInstanceSpec i : config.vrrpInstances()) {
            virtualRoutes.put(i.name(), routes("(" + i.name() + ") virtual_routes", i.virtualRoutes(), host, names, warnings));
            virtualRules.put(i.name(), rules("(" + i.name() + ") virtual_rules", i.virtualRules(), names, warnings));
        }
        return new RoutingPlan(addresses, routes, rules, virtualRoutes, virtualRules, warnings);
    }

    public boolean isEmpty() {
        return staticAddresses.isEmpty() && staticRoutes.isEmpty() && staticRules.isEmpty()
                && virtualRoutesOf.values().stream().allMatch(List::isEmpty)
                && virtualRulesOf.values().stream().allMatch(List::isEmpty);
    }

    private static List<PlannedRoute> routes(String where, List<RouteSpec> specs, HostInterfaces host, RoutingNames names,
                                             List<String> warnings) {
        var out = new ArrayList<PlannedRoute>();
        for (RouteSpec s : specs) {
            String line = String.join(" ", s.words());
            accept(RouteTranslation.of(s, host, names), s.pos(), where, "route", line, out, warnings);
        }
        return out;
    }

    private static List<Rule> rules(String where, List<RuleSpec> specs, RoutingNames names, List<String> warnings) {
        var out = new ArrayList<Rule>();
        for (RuleSpec s : specs) {
            accept(RuleTranslation.of(s, names), s.pos(), where, "rule", String.join(" ", s.words()), out, warnings);
        }
        return out;
    }

    private static <T> void accept(Translation<T> t, SourcePos pos, String where, String what, String line, List<T> out,
                                   List<String> warnings) {
        switch (t) {
            case Translation.Done<T> done -> {
                out.add(done.value());
                for (String option : done.notApplied()) {
                    warnings.add(pos + ": " + where + " " + what + " '" + line + "': option " + option
                            + " is not supported by jkeepalived and is ignored");
                }
            }
            case Translation.Refused<T> refused -> warnings.add(pos + ": " + where + " " + what + " '" + line + "': "
                    + refused.reason() + " - not installed");
        }
    }
}
