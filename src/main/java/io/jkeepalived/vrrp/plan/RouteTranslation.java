package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.build.Addresses;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RouteAddMode;
import io.jkeepalived.linux.RouteExtras;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code virtual_routes} / {@code static_routes} line as keepalived's netlink_route sends it: scope universe
 * unless {@code scope} is given, protocol keepalived unless {@code protocol} is given, table main unless
 * {@code table}, prepended unless {@code add} / {@code append}. Destination, {@code via}, {@code dev}, {@code src},
 * {@code metric}, {@code table}, {@code scope}, {@code protocol}, the types (blackhole, unreachable, prohibit,
 * throw ...), multipath {@code nexthop} (and the old {@code or}), the numeric metrics with their {@code lock}
 * ({@code mtu}, {@code ssthresh} ...), {@code ttl-propagate} and {@code onlink} are applied; {@code tos},
 * {@code realms}, {@code from}, the time and name metrics ({@code rtt}, {@code rttvar}, {@code rto_min},
 * {@code congctl}), {@code features}, {@code expires}, {@code pref}, {@code vrf} and {@code encap} are named as not
 * applied.
 */
final class RouteTranslation {
    private static final Set<String> NOT_APPLIED = Set.of("tos", "dsfield", "realms", "from", "rtt", "rttvar",
            "rto_min", "congctl", "features", "expires", "pref", "vrf", "encap", "as");
    private static final Map<String, Integer> RTAX = Map.ofEntries(Map.entry("mtu", RouteExtras.RTAX_MTU),
            Map.entry("window", RouteExtras.RTAX_WINDOW), Map.entry("ssthresh", RouteExtras.RTAX_SSTHRESH),
            Map.entry("cwnd", RouteExtras.RTAX_CWND), Map.entry("advmss", RouteExtras.RTAX_ADVMSS),
            Map.entry("reordering", RouteExtras.RTAX_REORDERING), Map.entry("hoplimit", RouteExtras.RTAX_HOPLIMIT),
            Map.entry("initcwnd", RouteExtras.RTAX_INITCWND), Map.entry("initrwnd", RouteExtras.RTAX_INITRWND),
            Map.entry("quickack", RouteExtras.RTAX_QUICKACK),
            Map.entry("fastopen_no_cookie", RouteExtras.RTAX_FASTOPEN_NO_COOKIE));

    private RouteTranslation() {
    }

    static Translation<PlannedRoute> of(RouteSpec spec, HostInterfaces host, RoutingNames names) {
        var prefix = prefix(spec.destination());
        if (prefix.isEmpty()) {
            return new Translation.Refused<>("destination " + spec.destination() + " is not an address/prefix");
        }
        InetAddress dst = prefix.get().address();
        boolean v6 = dst.getAddress().length == 16;
        String family = v6 ? "IPv6" : "IPv4";
        Optional<InetAddress> via = Optional.empty();
        if (spec.via().isPresent()) {
            via = Addresses.parse(spec.via().get());
            if (via.isEmpty() || (via.get().getAddress().length == 16) != v6) {
                return new Translation.Refused<>("via " + spec.via().get() + " is not an " + family + " address");
            }
        }
        int oif = 0;
        if (spec.dev().isPresent()) {
            Optional<Link> link = host.link(spec.dev().get());
            if (link.isEmpty()) {
                return new Translation.Refused<>("interface " + spec.dev().get() + " does not exist");
            }
            oif = link.get().index();
        }
        OptionalInt table = spec.table().map(names::table).orElse(OptionalInt.of(Route.RT_TABLE_MAIN));
        if (table.isEmpty()) {
            return new Translation.Refused<>("table " + spec.table().get() + " is neither a number nor a table name (rt_tables)");
        }
        OptionalInt type = RoutingNames.type(spec.type());
        OptionalInt scope = spec.scope().map(names::scope).orElse(OptionalInt.of(InterfaceAddress.RT_SCOPE_UNIVERSE));
        OptionalInt protocol = spec.protocol().map(names::protocol).orElse(OptionalInt.of(Route.RTPROT_KEEPALIVED));
        if (type.isEmpty() || scope.isEmpty() || protocol.isEmpty()) {
            return new Translation.Refused<>("unknown " + (type.isEmpty() ? "type " + spec.type()
                    : scope.isEmpty() ? "scope " + spec.scope().get() : "protocol " + spec.protocol().get()));
        }
        Optional<InetAddress> src = Optional.empty();
        if (spec.source().isPresent()) {
            src = Addresses.parse(spec.source().get());
            if (src.isEmpty() || (src.get().getAddress().length == 16) != v6) {
                return new Translation.Refused<>("src " + spec.source().get() + " is not an " + family + " address");
            }
        }
        var hops = new ArrayList<RouteExtras.Nexthop>();
        if (!spec.orVia().isEmpty()) {
            // keepalived's old "via A or B": two paths, the via address first
            var gateways = new ArrayList<Optional<InetAddress>>();
            gateways.add(via);
            spec.orVia().forEach(o -> gateways.add(Addresses.parse(o)));
            for (var gateway : gateways) {
                if (gateway.isEmpty() || (gateway.get().getAddress().length == 16) != v6) {
                    return new Translation.Refused<>("an \"or\" gateway is not an " + family + " address");
                }
                hops.add(new RouteExtras.Nexthop(gateway, oif, 1, false));
            }
            via = Optional.empty();
        }
        for (var hop : spec.nexthops()) {
            Optional<InetAddress> gateway = hop.via().flatMap(Addresses::parse);
            if (hop.via().isPresent() && (gateway.isEmpty() || (gateway.get().getAddress().length == 16) != v6)) {
                return new Translation.Refused<>("nexthop via " + hop.via().get() + " is not an " + family + " address");
            }
            int hopIf = 0;
            if (hop.dev().isPresent()) {
                var link = host.link(hop.dev().get());
                if (link.isEmpty()) {
                    return new Translation.Refused<>("interface " + hop.dev().get() + " does not exist");
                }
                hopIf = link.get().index();
            }
            hops.add(new RouteExtras.Nexthop(gateway, hopIf, hop.weight() == 0 ? 1 : hop.weight(), hop.onlink()));
        }
        var metrics = new TreeMap<Integer, Long>();
        int locks = 0;
        for (var m : spec.metrics()) {
            int rtax = RTAX.get(m.name());
            metrics.put(rtax, m.value());
            if (m.locked()) {
                locks |= 1 << rtax;
            }
        }
        var extras = new RouteExtras(hops, metrics, locks, spec.ttlPropagate(), onlinkBeforeNexthops(spec.words()));
        var route = new Route(dst, prefix.get().length(), via, oif, table.getAsInt(), spec.metric().orElse(0),
                scope.getAsInt(), protocol.getAsInt(), type.getAsInt(), src, extras);
        return new Translation.Done<>(new PlannedRoute(route, mode(spec.words())), notApplied(spec.words()));
    }

    /** {@code onlink} of the route itself (an {@code onlink} after {@code nexthop} belongs to that path). */
    private static boolean onlinkBeforeNexthops(List<String> words) {
        int nexthop = words.indexOf("nexthop");
        int onlink = words.indexOf("onlink");
        return onlink >= 0 && (nexthop < 0 || onlink < nexthop);
    }

    static RouteAddMode mode(List<String> words) {
        return words.contains("add") ? RouteAddMode.EXCLUSIVE : words.contains("append") ? RouteAddMode.APPEND
                : RouteAddMode.PREPEND;
    }

    static List<String> notApplied(List<String> words) {
        var out = new ArrayList<String>();
        for (String w : words) {
            if (NOT_APPLIED.contains(w) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    record Prefix(InetAddress address, int length) {
    }

    /** {@code ADDR/LEN} or {@code ADDR} (a host route). */
    static Optional<Prefix> prefix(String text) {
        int slash = text.indexOf('/');
        var address = Addresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int max = address.get().getAddress().length * 8;
        try {
            int length = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            return length < 0 || length > max ? Optional.empty() : Optional.of(new Prefix(address.get(), length));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
