package io.jkeepalived.vrrp.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * iproute2's names for route tables, scopes and protocols, as keepalived's rttables.c finds them: a number is taken
 * as it is; else the first entry of that name in the name files (rt_tables, rt_scopes, rt_protos, in the order they
 * were read, see IprouteNameFiles), then the built-in names for the ids no file gave. Route types have fixed names.
 */
public final class RoutingNames {
    public static final String RT_TABLES = "rt_tables";
    public static final String RT_SCOPES = "rt_scopes";
    public static final String RT_PROTOS = "rt_protos";
    /** The files whose names a route or rule can use here (realms, dsfield and groups are not applied). */
    public static final List<String> FILES = List.of(RT_TABLES, RT_SCOPES, RT_PROTOS);

    /** One line of a name file: an id and its name. */
    public record Entry(long id, String name) {
    }

    private static final Map<String, Integer> TABLES = ordered("default", 253, "main", 254, "local", 255, "unspec", 0);
    private static final Map<String, Integer> SCOPES = ordered("global", 0, "universe", 0, "nowhere", 255, "host", 254,
            "link", 253, "site", 200);
    private static final Map<String, Integer> TYPES = Map.ofEntries(Map.entry("unicast", 1), Map.entry("local", 2),
            Map.entry("broadcast", 3), Map.entry("anycast", 4), Map.entry("multicast", 5), Map.entry("blackhole", 6),
            Map.entry("unreachable", 7), Map.entry("prohibit", 8), Map.entry("throw", 9), Map.entry("nat", 10));
    private static final Map<String, Integer> PROTOCOLS = ordered("none", 0, "redirect", 1, "kernel", 2, "boot", 3,
            "static", 4, "gated", 8, "ra", 9, "mrt", 10, "zebra", 11, "bird", 12, "dnrouted", 13, "xorp", 14, "ntk", 15,
            "dhcp", 16, "keepalived", 18, "babel", 42, "bgp", 186, "isis", 187, "ospf", 188, "rip", 189, "eigrp", 192);

    private final Map<String, Integer> tables;
    private final Map<String, Integer> scopes;
    private final Map<String, Integer> protocols;

    private RoutingNames(Map<String, Integer> tables, Map<String, Integer> scopes, Map<String, Integer> protocols) {
        this.tables = tables;
        this.scopes = scopes;
        this.protocols = protocols;
    }

    /** Only the built-in names (no name file read). */
    public static RoutingNames builtIn() {
        return of(Map.of());
    }

    /** {@code files}: each name file's entries in reading order, by file name ({@link #FILES}). */
    public static RoutingNames of(Map<String, List<Entry>> files) {
        return new RoutingNames(merged(files.getOrDefault(RT_TABLES, List.of()), TABLES, 0xffffffffL),
                merged(files.getOrDefault(RT_SCOPES, List.of()), SCOPES, 255),
                merged(files.getOrDefault(RT_PROTOS, List.of()), PROTOCOLS, 255));
    }

    /** keepalived's add_default: a built-in name is added only for an id no file named. */
    private static Map<String, Integer> merged(List<Entry> read, Map<String, Integer> builtIn, long max) {
        var names = new LinkedHashMap<String, Integer>();
        var ids = new java.util.HashSet<Long>();
        for (Entry e : read) {
            if (e.id() >= 0 && e.id() <= max) {
                names.putIfAbsent(e.name(), (int) e.id());
                ids.add(e.id());
            }
        }
        builtIn.forEach((name, id) -> {
            if (!ids.contains((long) id)) {
                names.putIfAbsent(name, id);
            }
        });
        return Map.copyOf(names);
    }

    OptionalInt table(String text) {
        return lookup(tables, text, 0xffffffffL);
    }

    OptionalInt scope(String text) {
        return lookup(scopes, text, 255);
    }

    static OptionalInt type(String text) {
        return lookup(TYPES, text, 255);
    }

    OptionalInt protocol(String text) {
        return lookup(protocols, text, 255);
    }

    /** keepalived's find_entry: a number first (strtoul's bases: 0x.. and 0.. too), then the names. */
    private static OptionalInt lookup(Map<String, Integer> names, String text, long max) {
        OptionalLong number = number(text);
        if (number.isPresent()) {
            return number.getAsLong() <= max ? OptionalInt.of((int) number.getAsLong()) : OptionalInt.empty();
        }
        Integer named = names.get(text);
        return named == null ? OptionalInt.empty() : OptionalInt.of(named);
    }

    /** strtoul with base 0 over the whole text, no sign: decimal, 0x hexadecimal, 0 octal. */
    public static OptionalLong number(String text) {
        try {
            if (text.isEmpty() || text.startsWith("-") || text.startsWith("+")) {
                return OptionalLong.empty();
            }
            long v = Long.decode(text);
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        var m = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
