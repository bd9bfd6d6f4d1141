package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code virtual_rules} / {@code static_rules} line as keepalived's netlink_rule sends it, protocol keepalived:
 * the selectors {@code from}, {@code to}, {@code iif}/{@code dev}, {@code oif}, {@code fwmark[/mask]}, the
 * {@code priority} (keepalived's own when none was given) and the action ({@code table}/{@code lookup}, blackhole,
 * unreachable, prohibit, nop). {@code tos}, {@code realms}, {@code goto}, {@code uidrange}, ports, {@code ipproto},
 * {@code suppress_*}, {@code tunnel-id}, {@code l3mdev} and {@code not} are named as not applied.
 */
final class RuleTranslation {
    private static final Set<String> NOT_APPLIED = Set.of("tos", "dsfield", "realms", "goto", "uidrange", "sport",
            "dport", "ipproto", "ip_proto", "protocol", "suppress_prefixlength", "suppress_ifgroup", "tunnel-id",
            "l3mdev", "not");

    private RuleTranslation() {
    }

    static Translation<Rule> of(RuleSpec spec, RoutingNames names) {
        boolean v6 = spec.family() == AddressFamily.INET6;
        int action;
        int table = 0;
        String type = spec.type().orElse("");
        switch (type) {
            case "blackhole" -> action = Rule.FR_ACT_BLACKHOLE;
            case "unreachable" -> action = Rule.FR_ACT_UNREACHABLE;
            case "prohibit" -> action = Rule.FR_ACT_PROHIBIT;
            case "nop" -> action = Rule.FR_ACT_NOP;
            case "l3mdev" -> {
                return new Translation.Refused<>("l3mdev rules are not supported");
            }
            default -> {
                if (spec.table().isEmpty()) {
                    return new Translation.Refused<>("rule has neither a table nor an action");
                }
                OptionalInt t = names.table(spec.table().get());
                if (t.isEmpty()) {
                    return new Translation.Refused<>("table " + spec.table().get() + " is neither a number nor a table name (rt_tables)");
                }
                action = Rule.FR_ACT_TO_TBL;
                table = t.getAsInt();
            }
        }
        var rule = new Rule(v6, spec.preference(), action, table, Optional.empty(), 0, Optional.empty(), 0, spec.iif(),
                spec.oif(), spec.fwmark(), spec.fwmask(), Route.RTPROT_KEEPALIVED);
        for (var selector : List.of("from", "to")) {
            Optional<String> text = selector.equals("from") ? spec.from() : spec.to();
            if (text.isEmpty() || text.get().equals("all")) {
                continue;
            }
            var p = RouteTranslation.prefix(text.get());
            if (p.isEmpty() || (p.get().address().getAddress().length == 16) != v6) {
                return new Translation.Refused<>(selector + " " + text.get() + " is not an " + (v6 ? "IPv6" : "IPv4") + " prefix");
            }
            rule = selector.equals("from") ? rule.from(p.get().address(), p.get().length()) : rule.to(p.get().address(),
                    p.get().length());
        }
        return new Translation.Done<>(rule, notApplied(spec.words()));
    }

    private static List<String> notApplied(List<String> words) {
        var out = new ArrayList<String>();
        for (String w : words) {
            if (NOT_APPLIED.contains(w) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
