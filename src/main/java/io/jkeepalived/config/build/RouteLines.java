package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.RouteSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One line of {@code virtual_routes} / {@code static_routes}, read as keepalived's alloc_route reads it: the
 * family fixed by the first address or {@code inet}/{@code inet6} (mixing them drops the route), {@code via
 * [inet|inet6] ADDR}, metrics with an optional {@code lock}, {@code ttl-propagate enabled|disabled}, multipath
 * {@code nexthop ...} to the end of the line, and a {@code dev} that must exist (else the route is dropped and the
 * configuration names a missing interface).
 */
final class RouteLines {
    private static final Set<String> TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit", "throw",
            "local", "broadcast", "multicast", "anycast", "nat");
    /** Metrics taking an optional {@code lock} before their value, and the ones that do not. */
    private static final Set<String> LOCKABLE = Set.of("mtu", "advmss", "rtt", "rttvar", "reordering", "cwnd",
            "ssthresh", "rto_min", "congctl");
    private static final Set<String> PLAIN_METRICS = Set.of("window", "initcwnd", "initrwnd", "hoplimit", "quickack",
            "fastopen_no_cookie");
    /** Metrics whose value is not a plain number (a time or a name): kept as written, named as not applied later. */
    private static final Set<String> TEXT_METRICS = Set.of("rtt", "rttvar", "rto_min", "congctl");
    private static final Map<String, Long> LIMITS = Map.of("hoplimit", 255L, "quickack", 1L, "fastopen_no_cookie", 1L);
    /** Options taking one value that are kept only in the line's words. */
    private static final Set<String> ONE_VALUE = Set.of("tos", "dsfield", "realms", "from", "expires", "pref", "vrf",
            "features");

    private final DiagnosticSink sink;
    private final AddressLines addresses;
    private final InterfaceCheck interfaces;

    RouteLines(DiagnosticSink sink, AddressLines addresses, InterfaceCheck interfaces) {
        this.sink = sink;
        this.addresses = addresses;
        this.interfaces = interfaces;
    }

    /** Thrown to drop the route after its message was reported (keepalived's {@code goto err}). */
    private static final class Dropped extends Exception {
        Dropped() {
            super(null, null, false, false);
        }
    }

    /** The state of one line being read. */
    private final class Line {
        final ConfigNode node;
        final List<String> w;
        int i;
        AddressFamily family;
        String dest;
        Optional<String> src = Optional.empty();
        Optional<String> via = Optional.empty();
        final List<String> orVia = new ArrayList<>();
        Optional<String> dev = Optional.empty();
        Optional<String> table = Optional.empty();
        OptionalInt metric = OptionalInt.empty();
        Optional<String> scope = Optional.empty();
        Optional<String> protocol = Optional.empty();
        Optional<String> trackGroup = Optional.empty();
        String type = "unicast";
        boolean noTrack;
        final List<RouteSpec.Nexthop> nexthops = new ArrayList<>();
        final List<RouteSpec.Metric> metrics = new ArrayList<>();
        Optional<Boolean> ttlPropagate = Optional.empty();

        Line(ConfigNode node) {
            this.node = node;
            this.w = node.words();
        }

        /** The word after the current one ({@code ""} past the end, as keepalived's empty slot). */
        String next() {
            i++;
            return i < w.size() ? w.get(i) : "";
        }

        Dropped drop(String message) {
            sink.error(node.pos(), message);
            return new Dropped();
        }

        /** Fixes or checks the route's family against an address's. */
        void family(AddressFamily f, String mismatch) throws Dropped {
            if (family == null) {
                family = f;
            } else if (family != f) {
                throw drop(mismatch);
            }
        }
    }

    /** keepalived warns about an untrackable route (no {@code dev}) in static and virtual blocks alike. */
    Optional<RouteSpec> route(ConfigNode node) {
        var l = new Line(node);
        try {
            read(l);
        } catch (Dropped d) {
            return Optional.empty();
        }
        if (l.dest == null) {
            sink.error(node.pos(), "Route must have a destination");
            return Optional.empty();
        }
        if (l.family == null) {
            l.family = AddressFamily.INET;
        }
        String destination = switch (l.dest) {
            case "default", "any", "all" -> l.family == AddressFamily.INET6 ? "::/0" : "0.0.0.0/0";
            case "default6" -> "::/0";
            default -> addresses.prefix(node, l.dest).map(AddressLines.Prefix::text).orElseThrow();
        };
        boolean noTrack = l.noTrack;
        if (!noTrack && l.dev.isEmpty()) {
            sink.warning(node.pos(), "Warning - cannot track route " + l.dest + " with no interface specified, not tracking");
            noTrack = true;
        }
        return Optional.of(new RouteSpec(destination, l.src, l.via, l.orVia, l.dev, l.table, l.metric, l.scope, l.type,
                l.protocol, noTrack, l.trackGroup, l.nexthops, l.metrics, l.ttlPropagate, l.w, node.pos()));
    }

    private void read(Line l) throws Dropped {
        var w = l.w;
        for (l.i = 0; l.i < w.size(); l.i++) {
            String opt = w.get(l.i);
            switch (opt) {
                case "inet" -> l.family(AddressFamily.INET, "inet specified for IPv6 route");
                case "inet6" -> l.family(AddressFamily.INET6, "inet6 specified for IPv4 route");
                case "src" -> {
                    var text = l.next();
                    var a = address(l, text, "invalid route src address " + text);
                    l.family(AddressFamily.of(a), "Cannot mix IPv4 and IPv6 addresses for route");
                    l.src = Optional.of(text);
                }
                case "via", "gw" -> {
                    if (opt.equals("gw")) {
                        sink.warning(l.node.pos(), "\"gw\" for routes is deprecated. Please use \"via\"");
                    }
                    var text = l.next();
                    if (text.equals("inet") || text.equals("inet6")) {
                        l.family(text.equals("inet") ? AddressFamily.INET : AddressFamily.INET6,
                                "Cannot mix IPv4 and IPv6 addresses for route");
                        text = l.next();
                    }
                    var a = address(l, text, "invalid route via address " + text);
                    l.family(AddressFamily.of(a), "Cannot mix IPv4 and IPv6 addresses for route");
                    l.via = Optional.of(text);
                }
                case "dev", "oif" -> l.dev = Optional.of(device(l, l.next()));
                case "table" -> l.table = Optional.of(l.next());
                case "protocol" -> l.protocol = Optional.of(l.next());
                case "scope" -> l.scope = Optional.of(l.next());
                case "metric", "priority", "preference" -> {
                    var text = l.next();
                    try {
                        l.metric = OptionalInt.of(Integer.parseUnsignedInt(text));
                    } catch (NumberFormatException e) {
                        throw l.drop("Invalid metric " + text + " specified for route");
                    }
                }
                case "ttl-propagate" -> {
                    var text = l.next();
                    switch (text) {
                        case "enabled" -> l.ttlPropagate = Optional.of(true);
                        case "disabled" -> l.ttlPropagate = Optional.of(false);
                        default -> sink.error(l.node.pos(), "ttl-propagate value " + text + " not recognised");
                    }
                }
                case "or" -> {
                    sink.warning(l.node.pos(), "\"or\" for routes is deprecated. Please use \"nexthop\"");
                    l.orVia.add(l.next());
                }
                case "nexthop" -> {
                    nexthops(l);
                    return;
                }
                case "no_track" -> l.noTrack = true;
                case "track_group" -> l.trackGroup = Optional.of(l.next());
                case "onlink", "add", "append", "prepend" -> {
                }
                case "as" -> {
                    if (l.next().equals("to")) {
                        l.i++;
                    }
                    sink.error(l.node.pos(), "\"as to\" for MPLS only - ignoring");
                }
                case "encap" -> encap(l);
                default -> {
                    if (LOCKABLE.contains(opt) || PLAIN_METRICS.contains(opt)) {
                        metric(l, opt);
                    } else if (ONE_VALUE.contains(opt)) {
                        l.i++;
                    } else {
                        destination(l, opt);
                    }
                }
            }
        }
    }

    /** {@code [to] [TYPE] PREFIX}: anything else unknown is keepalived's "unknown route keyword". */
    private void destination(Line l, String opt) throws Dropped {
        String text = opt;
        if (text.equals("to")) {
            text = l.next();
        }
        if (TYPES.contains(text)) {
            l.type = text;
            text = l.next();
        }
        switch (text) {
            case "default", "any", "all" -> l.dest = text;
            case "default6" -> {
                l.dest = text;
                l.family(AddressFamily.INET6, "Cannot mix IPv4 and IPv6 addresses for route (" + text + ")");
            }
            default -> {
                var slash = text.indexOf('/');
                var a = Addresses.parse(slash < 0 ? text : text.substring(0, slash));
                if (a.isEmpty()) {
                    throw l.drop("unknown route keyword " + text);
                }
                l.family(AddressFamily.of(a.get()), "Cannot mix IPv4 and IPv6 addresses for route (" + text + ")");
                l.dest = text;
            }
        }
    }

    private void metric(Line l, String name) throws Dropped {
        var text = l.next();
        boolean locked = false;
        if (LOCKABLE.contains(name) && text.equals("lock")) {
            locked = true;
            text = l.next();
        }
        if (TEXT_METRICS.contains(name)) {
            return;     // kept in the words; named as not applied by the VRRP plan
        }
        long max = LIMITS.getOrDefault(name, 0xFFFF_FFFFL);
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > max) {
                throw new NumberFormatException();
            }
            l.metrics.add(new RouteSpec.Metric(name, value, locked));
        } catch (NumberFormatException e) {
            throw l.drop("Invalid " + name + " " + text + " specified for route");
        }
    }

    private static final Set<String> ENCAP_IP_KEYS = Set.of("id", "dst", "src", "tos", "tc", "ttl", "hoplimit", "flags");
    private static final Set<String> ENCAP_ILA_KEYS = Set.of("csum-mode", "ident-type", "hook-type");

    /** {@code encap ip|ip6 KEY VALUE ...}, {@code encap mpls LABEL}, {@code encap ila LOCATOR ...}: kept in the words. */
    private void encap(Line l) throws Dropped {
        var type = l.next();
        var keys = switch (type) {
            case "ip", "ip6" -> ENCAP_IP_KEYS;
            case "mpls", "ila" -> {
                l.i++;     // the label / locator
                yield type.equals("ila") ? ENCAP_ILA_KEYS : Set.<String>of();
            }
            default -> throw l.drop("Unknown encap type - " + type);
        };
        while (l.i + 1 < l.w.size() && keys.contains(l.w.get(l.i + 1))) {
            l.i += 2;
        }
    }

    /** keepalived's parse_nexthops: {@code nexthop via A dev X weight N onlink ...} to the end of the line. */
    private void nexthops(Line l) throws Dropped {
        var w = l.w;
        while (l.i < w.size() && w.get(l.i).equals("nexthop")) {
            l.i++;
            Optional<String> via = Optional.empty();
            Optional<String> dev = Optional.empty();
            int weight = 0;
            boolean onlink = false;
            hop:
            while (l.i < w.size()) {
                switch (w.get(l.i)) {
                    case "via" -> {
                        var text = l.next();
                        if (text.equals("inet") || text.equals("inet6")) {
                            l.family(text.equals("inet") ? AddressFamily.INET : AddressFamily.INET6,
                                    "IPv4/6 mismatch for nexthop");
                            text = l.next();
                        }
                        var a = Addresses.parse(text);
                        if (a.isEmpty()) {
                            throw l.drop("invalid nexthop address " + text);
                        }
                        l.family(AddressFamily.of(a.get()), "Address family mismatch for next hop");
                        via = Optional.of(text);
                    }
                    case "dev" -> dev = Optional.of(device(l, l.next()));
                    case "weight" -> {
                        var text = l.next();
                        try {
                            weight = Integer.parseInt(text);
                        } catch (NumberFormatException e) {
                            weight = -1;
                        }
                        if (weight < 1 || weight > 256) {
                            throw l.drop("Invalid weight " + text + " specified for route");
                        }
                    }
                    case "onlink" -> onlink = true;
                    default -> {
                        break hop;
                    }
                }
                l.i++;
            }
            l.nexthops.add(new RouteSpec.Nexthop(via, dev, weight, onlink));
        }
        if (l.i < w.size()) {
            throw l.drop("Route has trailing nonsense after nexthops - " + w.get(l.i));
        }
    }

    private String device(Line l, String name) throws Dropped {
        if (!interfaces.exists(name)) {
            throw l.drop("WARNING - interface " + name + " for VROUTE nexthop doesn't exist");
        }
        return name;
    }

    private InetAddress address(Line l, String text, String invalid) throws Dropped {
        var a = Addresses.parse(text);
        if (a.isEmpty()) {
            throw l.drop(invalid);
        }
        return a.get();
    }
}
