package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The free-form lines of address, route and rule blocks ({@code virtual_ipaddress}, {@code static_routes},
 * {@code virtual_rules} ...), parsed with keepalived's messages. One instance per configuration: rules
 * without a preference get decreasing preferences from 16384, in file order, as keepalived assigns them.
 */
final class AddressLines {
    private final DiagnosticSink sink;
    private final InterfaceCheck interfaces;
    private final RouteLines routes;
    private long nextRulePreference4 = 16384;
    private long nextRulePreference6 = 16384;

    AddressLines(DiagnosticSink sink, InterfaceCheck interfaces) {
        this.sink = sink;
        this.interfaces = interfaces;
        this.routes = new RouteLines(sink, this, interfaces);
    }

    /** An address with optional /LEN; reports and returns empty when invalid. */
    record Prefix(InetAddress address, int length) {
        String text() {
            return Addresses.format(address) + "/" + length;
        }
    }

    Optional<Prefix> prefix(ConfigNode line, String text) {
        int slash = text.indexOf('/');
        var addrText = slash >= 0 ? text.substring(0, slash) : text;
        var addr = Addresses.parse(addrText);
        if (addr.isEmpty()) {
            sink.error(line.pos(), "VRRP parsed invalid IP " + text + ". skipping IP...");
            return Optional.empty();
        }
        int max = Addresses.maxPrefix(addr.get());
        int len = max;
        if (slash >= 0) {
            var lenText = text.substring(slash + 1);
            try {
                len = Integer.parseInt(lenText);
                if (len < 0 || len > max) {
                    sink.error(line.pos(), "number '" + lenText + "' outside range [0, " + max + "]");
                    sink.error(line.pos(), "Invalid address prefix len " + lenText + " for address " + text + " - using " + max);
                    len = max;
                }
            } catch (NumberFormatException e) {
                sink.error(line.pos(), "invalid number '" + lenText + "'");
                sink.error(line.pos(), "Invalid address prefix len " + lenText + " for address " + text + " - using " + max);
            }
        }
        return Optional.of(new Prefix(addr.get(), len));
    }

    /** One line of virtual_ipaddress / virtual_ipaddress_excluded / static_ipaddress. */
    Optional<VirtualIpSpec> address(ConfigNode line) {
        var w = line.words();
        var p = prefix(line, w.get(0));
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> brd = Optional.empty();
        String brdMode = "";
        Optional<String> dev = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<InetAddress> peer = Optional.empty();
        Optional<String> lft = Optional.empty();
        Optional<String> trackGroup = Optional.empty();
        var scope = VirtualIpSpec.Scope.GLOBAL;
        boolean home = false;
        boolean nodad = false;
        boolean mngtmp = false;
        boolean noprefixroute = false;
        boolean autojoin = false;
        boolean useVmac = false;
        boolean noTrack = false;
        for (int i = 1; i < w.size(); i++) {
            var opt = w.get(i);
            var val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "brd", "broadcast" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    if (val.equals("+") || val.equals("-")) {
                        brdMode = val;
                    } else {
                        brd = Addresses.parse(val);
                        if (brd.isEmpty()) {
                            sink.error(line.pos(), "VRRP is trying to assign invalid broadcast " + val + ". skipping VIP...");
                            return Optional.empty();
                        }
                        brdMode = "ip";
                    }
                }
                case "dev" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    if (!interfaces.exists(val)) {
                        sink.error(line.pos(), "WARNING - interface " + val + " for ip address " + w.get(0) + " doesn't exist");
                        return Optional.empty();
                    }
                    dev = Optional.of(val);
                }
                case "scope" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    scope = switch (val) {
                        case "global" -> VirtualIpSpec.Scope.GLOBAL;
                        case "site" -> VirtualIpSpec.Scope.SITE;
                        case "link" -> VirtualIpSpec.Scope.LINK;
                        case "host" -> VirtualIpSpec.Scope.HOST;
                        case "nowhere" -> VirtualIpSpec.Scope.NOWHERE;
                        default -> {
                            sink.error(line.pos(), "Invalid scope '" + val + "' specified for " + w.get(0) + " - ignoring");
                            yield VirtualIpSpec.Scope.GLOBAL;
                        }
                    };
                }
                case "label" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    if (val.length() > 15) {
                        sink.error(line.pos(), "Address label " + val + " is longer than maximum length 15 - removing address");
                        return Optional.empty();
                    }
                    label = Optional.of(val);
                }
                case "peer" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    peer = Addresses.parse(val.contains("/") ? val.substring(0, val.indexOf('/')) : val);
                    if (peer.isEmpty()) {
                        sink.error(line.pos(), "Invalid peer address " + val);
                    }
                }
                case "preferred_lft" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    lft = Optional.of(val);
                }
                case "track_group" -> {
                    if (val == null) {
                        missing(line, opt);
                        break;
                    }
                    i++;
                    trackGroup = Optional.of(val);
                }
                case "home" -> home = true;
                case "-nodad" -> nodad = true;
                case "mngtmpaddr" -> mngtmp = true;
                case "noprefixroute" -> noprefixroute = true;
                case "autojoin" -> autojoin = true;
                case "use_vmac" -> useVmac = true;
                case "no_track" -> noTrack = true;
                default -> sink.error(line.pos(), "Unknown configuration entry '" + opt + "' for ip address - ignoring");
            }
        }
        return Optional.of(new VirtualIpSpec(p.get().address(), p.get().length(), brd, brdMode, dev, scope, label, peer,
                home, nodad, mngtmp, noprefixroute, autojoin, lft, useVmac, noTrack, trackGroup, line.pos()));
    }

    private void missing(ConfigNode line, String option) {
        sink.error(line.pos(), "Missing value for '" + option + "'");
    }

    /** One line of virtual_routes / static_routes. */
    Optional<RouteSpec> route(ConfigNode line) {
        return routes.route(line);
    }

    private static final Map<String, Integer> RULE_ONE_ARG = Map.ofEntries(Map.entry("tos", 1), Map.entry("dsfield", 1),
            Map.entry("realms", 1), Map.entry("goto", 1), Map.entry("uidrange", 1), Map.entry("sport", 1),
            Map.entry("dport", 1), Map.entry("ipproto", 1), Map.entry("protocol", 1),
            Map.entry("suppress_prefixlength", 1), Map.entry("suppress_ifgroup", 1), Map.entry("tunnel-id", 1));

    /** One line of virtual_rules / static_rules. */
    Optional<RuleSpec> rule(ConfigNode line) {
        var w = line.words();
        Optional<String> from = Optional.empty();
        Optional<String> to = Optional.empty();
        Optional<String> table = Optional.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        Optional<String> type = Optional.empty();
        Optional<String> trackGroup = Optional.empty();
        OptionalLong fwmark = OptionalLong.empty();
        OptionalLong fwmask = OptionalLong.empty();
        Long preference = null;
        boolean noTrack = false;
        AddressFamily family = null;
        for (int i = 0; i < w.size(); i++) {
            var opt = w.get(i);
            var val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "from", "to" -> {
                    i++;
                    if (val == null) {
                        sink.error(line.pos(), "Missing value for rule " + opt);
                        return Optional.empty();
                    }
                    if (val.equals("default") || val.equals("any")) {
                        val = "all";    // keepalived's parse_route: any address of either family
                    }
                    if (!val.equals("all")) {
                        var p = prefix(line, val);
                        if (p.isEmpty()) {
                            sink.error(line.pos(), "Invalid rule " + opt + " address " + val);
                            return Optional.empty();
                        }
                        family = AddressFamily.of(p.get().address());
                    }
                    if (opt.equals("from")) {
                        from = Optional.of(val);
                    } else {
                        to = Optional.of(val);
                    }
                }
                case "table", "lookup" -> {
                    table = Optional.ofNullable(val);
                    i++;
                }
                case "preference", "priority", "order", "pref", "prio" -> {
                    i++;
                    try {
                        preference = Long.parseUnsignedLong(val == null ? "" : val);
                    } catch (NumberFormatException e) {
                        sink.error(line.pos(), "Invalid rule preference " + val);
                    }
                }
                case "iif", "dev", "oif" -> {
                    i++;
                    if (val != null && !interfaces.exists(val)) {
                        sink.error(line.pos(), "WARNING - interface " + val + " for rule doesn't exist");
                        return Optional.empty();
                    }
                    if (opt.equals("oif")) {
                        oif = Optional.ofNullable(val);
                    } else {
                        iif = Optional.ofNullable(val);
                    }
                }
                case "fwmark" -> {
                    i++;
                    if (val != null) {
                        var parts = val.split("/", 2);
                        try {
                            fwmark = OptionalLong.of(Long.decode(parts[0]));
                            if (parts.length > 1) {
                                fwmask = OptionalLong.of(Long.decode(parts[1]));
                            }
                        } catch (NumberFormatException e) {
                            sink.error(line.pos(), "Invalid rule fwmark " + val);
                        }
                    }
                }
                case "type" -> {
                    type = Optional.ofNullable(val);
                    i++;
                }
                case "track_group" -> {
                    trackGroup = Optional.ofNullable(val);
                    i++;
                }
                case "no_track" -> noTrack = true;
                case "inet" -> family = AddressFamily.INET;
                case "inet6" -> family = AddressFamily.INET6;
                case "nop", "l3mdev", "blackhole", "unreachable", "prohibit" -> type = Optional.of(opt);
                default -> {
                    if (RULE_ONE_ARG.containsKey(opt)) {
                        i++;
                    } else {
                        sink.error(line.pos(), "Unknown rule option '" + opt + "' - ignoring");
                    }
                }
            }
        }
        if (family == null) {
            family = AddressFamily.INET;
        }
        boolean set = preference != null;
        if (!set) {
            preference = family == AddressFamily.INET ? nextRulePreference4-- : nextRulePreference6--;
            sink.warning(line.pos(), "Rule has no preference specified - setting to " + preference
                    + ". This is probably not what you want.");
        }
        return Optional.of(new RuleSpec(family, from, to, table, preference, set, iif, oif, fwmark, fwmask, type, noTrack,
                trackGroup, w, line.pos()));
    }
}
