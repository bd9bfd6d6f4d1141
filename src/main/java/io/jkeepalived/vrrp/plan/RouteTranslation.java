package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.build.Addresses;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RouteAddMode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code virtual_routes} / {@code static_routes} line as keepalived's netlink_route sends it: scope universe
 * unless {@code scope} is given, protocol keepalived unless {@code protocol} is given, table main unless
 * {@code table}, prepended unless {@code add} / {@code append}. Destination, {@code via}, {@code dev}, {@code src},
 * {@code metric}, {@code table}, {@code scope}, {@code protocol} and the types (blackhole, unreachable, prohibit,
 * throw ...) are applied; the options that tune metrics (mtu, advmss ...), multipath {@code nexthop}, {@code encap},
 * {@code tos}, {@code realms} and {@code onlink} are named as not applied.
 */
final class RouteTranslation {
    private static final Set<String> NOT_APPLIED_WITH_VALUE = Set.of("tos", "dsfield", "realms", "from", "weight",
            "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "ssthresh", "rto_min", "initcwnd", "initrwnd",
            "features", "congctl", "expires", "pref", "hoplimit", "quickack", "fastopen_no_cookie", "vrf", "nexthop",
            "encap", "mtu", "or");
    private static final Set<String> NOT_APPLIED_FLAGS = Set.of("onlink", "ttl-propagate");

    private RouteTranslation() {
    }

    static Translation<PlannedRoute> of(RouteSpec spec, HostInterfaces host) {
        var prefix = prefix(spec.destination());
        if (prefix.isEmpty()) {
            return new Translation.Refused<>("destination " + spec.destination() + " is not an address/prefix");
        }
        var viaText = viaOf(spec.words());
        if (spec.words().contains("default") && prefix.get().length() == 0 && viaText.filter(v -> v.contains(":")).isPresent()) {
            prefix = prefix("::/0");     // "default via inet6 ADDR": the gateway says the family
        }
        InetAddress dst = prefix.get().address();
        boolean v6 = dst.getAddress().length == 16;
        Optional<InetAddress> via = Optional.empty();
        if (viaText.isPresent()) {
            via = Addresses.parse(viaText.get());
            if (via.isEmpty() || (via.get().getAddress().length == 16) != v6) {
                return new Translation.Refused<>("via " + viaText.get() + " is not an " + (v6 ? "IPv6" : "IPv4")
                        + " address (a gateway of the other family is not supported)");
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
        OptionalInt table = spec.table().map(RoutingNames::table).orElse(OptionalInt.of(Route.RT_TABLE_MAIN));
        if (table.isEmpty()) {
            return new Translation.Refused<>("table " + spec.table().get() + " is not a number or main/local/default");
        }
        OptionalInt type = RoutingNames.type(spec.type());
        OptionalInt scope = spec.scope().map(RoutingNames::scope).orElse(OptionalInt.of(InterfaceAddress.RT_SCOPE_UNIVERSE));
        OptionalInt protocol = spec.protocol().map(RoutingNames::protocol).orElse(OptionalInt.of(Route.RTPROT_KEEPALIVED));
        if (type.isEmpty() || scope.isEmpty() || protocol.isEmpty()) {
            return new Translation.Refused<>("unknown " + (type.isEmpty() ? "type " + spec.type()
                    : scope.isEmpty() ? "scope " + spec.scope().get() : "protocol " + spec.protocol().get()));
        }
        Optional<InetAddress> src = Optional.empty();
        if (spec.source().isPresent()) {
            src = Addresses.parse(spec.source().get());
            if (src.isEmpty() || (src.get().getAddress().length == 16) != v6) {
                return new Translation.Refused<>("src " + spec.source().get() + " is not an " + (v6 ? "IPv6" : "IPv4") + " address");
            }
        }
        var route = new Route(dst, prefix.get().length(), via, oif, table.getAsInt(), spec.metric().orElse(0),
                scope.getAsInt(), protocol.getAsInt(), type.getAsInt(), src);
        return new Translation.Done<>(new PlannedRoute(route, mode(spec.words())), notApplied(spec.words()));
    }

    /** {@code via ADDR}, {@code via inet ADDR}, {@code via inet6 ADDR} or the deprecated {@code gw ADDR}. */
    static Optional<String> viaOf(List<String> words) {
        for (int i = 0; i < words.size() - 1; i++) {
            if (words.get(i).equals("via") || words.get(i).equals("gw")) {
                String next = words.get(i + 1);
                if ((next.equals("inet") || next.equals("inet6")) && i + 2 < words.size()) {
                    return Optional.of(words.get(i + 2));
                }
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    static RouteAddMode mode(List<String> words) {
        return words.contains("add") ? RouteAddMode.EXCLUSIVE : words.contains("append") ? RouteAddMode.APPEND
                : RouteAddMode.PREPEND;
    }

    static List<String> notApplied(List<String> words) {
        var out = new ArrayList<String>();
        for (String w : words) {
            if ((NOT_APPLIED_WITH_VALUE.contains(w) || NOT_APPLIED_FLAGS.contains(w)) && !out.contains(w)) {
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
