package io.jkeepalived.vrrp.plan;

import java.util.Map;
import java.util.OptionalInt;

/**
 * iproute2's names for route tables, scopes, types and protocols (the built-in ones; numbers are taken as they are).
 * keepalived also reads /etc/iproute2/rt_tables; names found only there are reported as not applied.
 */
final class RoutingNames {
    private static final Map<String, Integer> TABLES = Map.of("main", 254, "local", 255, "default", 253, "unspec", 0);
    private static final Map<String, Integer> SCOPES = Map.of("global", 0, "universe", 0, "site", 200, "link", 253,
            "host", 254, "nowhere", 255);
    private static final Map<String, Integer> TYPES = Map.ofEntries(Map.entry("unicast", 1), Map.entry("local", 2),
            Map.entry("broadcast", 3), Map.entry("anycast", 4), Map.entry("multicast", 5), Map.entry("blackhole", 6),
            Map.entry("unreachable", 7), Map.entry("prohibit", 8), Map.entry("throw", 9), Map.entry("nat", 10));
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("redirect", 1), Map.entry("kernel", 2),
            Map.entry("boot", 3), Map.entry("static", 4), Map.entry("gated", 8), Map.entry("ra", 9), Map.entry("mrt", 10),
            Map.entry("zebra", 11), Map.entry("bird", 12), Map.entry("dnrouted", 13), Map.entry("xorp", 14),
            Map.entry("ntk", 15), Map.entry("dhcp", 16), Map.entry("keepalived", 18), Map.entry("babel", 42),
            Map.entry("bgp", 186), Map.entry("isis", 187), Map.entry("ospf", 188), Map.entry("rip", 189),
            Map.entry("eigrp", 192));

    private RoutingNames() {
    }

    static OptionalInt table(String text) {
        return lookup(TABLES, text, 0xffffffffL);
    }

    static OptionalInt scope(String text) {
        return lookup(SCOPES, text, 255);
    }

    static OptionalInt type(String text) {
        return lookup(TYPES, text, 255);
    }

    static OptionalInt protocol(String text) {
        return lookup(PROTOCOLS, text, 255);
    }

    private static OptionalInt lookup(Map<String, Integer> names, String text, long max) {
        Integer named = names.get(text);
        if (named != null) {
            return OptionalInt.of(named);
        }
        try {
            long v = Long.decode(text);
            return v >= 0 && v <= max ? OptionalInt.of((int) v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
