package io.jkeepalived.vrrp.plan;

import io.jkeepalived.vrrp.plan.VipFirewallPlan.Element;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.SetName;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nft text for a {@link VipFirewallPlan}, in the shape keepalived 2.2.7's vrrp_nftables.c builds (what
 * {@code nft list ruleset} shows for it): per family a table with the {@code vips} set and base chains
 * {@code in}/{@code out} (filter, input/output hooks, the configured priority, policy accept) dropping traffic
 * to/from the set; IPv6 also lets neighbour discovery through and sends link-local traffic to
 * {@code in_link_local}/{@code out_link_local}, whose rules match address and interface. Each method returns
 * one transaction for libnftables.
 */
public final class VipFirewallRuleset {
    private final VipFirewallPlan plan;
    private final Set<SetName> sets;

    public VipFirewallRuleset(VipFirewallPlan plan) {
        this.plan = plan;
        this.sets = plan.sets();
    }

    public boolean ipv4() {
        return sets.contains(SetName.VIPS4);
    }

    public boolean ipv6() {
        return sets.stream().anyMatch(SetName::ipv6);
    }

    /** Replaces whatever a killed run left under our table name (both families) with empty sets. */
    public String create() {
        var out = new StringBuilder();
        for (String family : List.of("ip", "ip6")) {
            out.append("add table ").append(family).append(' ').append(quoted()).append('\n');
            out.append("delete table ").append(family).append(' ').append(quoted()).append('\n');
        }
        if (ipv4()) {
            out.append("table ip ").append(quoted()).append(" {\n")
                    .append("  set vips { type ipv4_addr; }\n")
                    .append(base("out", "output", "ip saddr @vips " + counter() + "drop"))
                    .append(base("in", "input", "ip daddr @vips " + counter() + "drop"))
                    .append("}\n");
        }
        if (ipv6()) {
            boolean byIndex = sets.contains(SetName.LINK_LOCAL_INDEX);
            boolean byName = sets.contains(SetName.LINK_LOCAL_NAME);
            out.append("table ip6 ").append(quoted()).append(" {\n")
                    .append("  set vips { type ipv6_addr; }\n")
                    .append("  set neighbor-discovery { type icmpv6_type; flags constant;"
                            + " elements = { nd-neighbor-solicit, nd-neighbor-advert }; }\n");
            if (byIndex) {
                out.append("  set vips_link_local { type ipv6_addr . iface_index; }\n");
            }
            if (byName) {
                out.append("  set vips_link_local_name { type ipv6_addr . ifname; }\n");
            }
            out.append(base("out", "output", "icmpv6 type @neighbor-discovery " + counter() + "accept",
                            "ip6 saddr fe80::/10 " + counter() + "goto out_link_local",
                            "ip6 saddr @vips " + counter() + "drop"))
                    .append(base("in", "input", "icmpv6 type @neighbor-discovery " + counter() + "accept",
                            "ip6 daddr fe80::/10 " + counter() + "goto in_link_local",
                            "ip6 daddr @vips " + counter() + "drop"));
            out.append("  chain in_link_local {\n");
            if (byIndex) {
                out.append("    ip6 daddr . iif @vips_link_local ").append(counter()).append("drop\n");
            }
            if (byName) {
                out.append("    ip6 daddr . iifname @vips_link_local_name ").append(counter()).append("drop\n");
            }
            out.append("  }\n  chain out_link_local {\n");
            if (byIndex) {
                out.append("    ip6 saddr . oif @vips_link_local ").append(counter()).append("drop\n");
            }
            if (byName) {
                out.append("    ip6 saddr . oifname @vips_link_local_name ").append(counter()).append("drop\n");
            }
            out.append("  }\n}\n");
        }
        return out.toString();
    }

    /** Removes our tables (the ones {@link #create} made). */
    public String delete() {
        var out = new StringBuilder();
        if (ipv4()) {
            out.append("delete table ip ").append(quoted()).append('\n');
        }
        if (ipv6()) {
            out.append("delete table ip6 ").append(quoted()).append('\n');
        }
        return out.toString();
    }

    public String add(Collection<Element> elements) {
        return elements("add", elements);
    }

    public String remove(Collection<Element> elements) {
        return elements("delete", elements);
    }

    private String elements(String verb, Collection<Element> elements) {
        var bySet = elements.stream().collect(Collectors.groupingBy(Element::set, () -> new java.util.EnumMap<>(SetName.class),
                Collectors.mapping(Element::key, Collectors.toList())));
        var out = new StringBuilder();
        bySet.forEach((set, keys) -> out.append(verb).append(" element ").append(set.ipv6() ? "ip6 " : "ip ").append(quoted())
                .append(' ').append(set.nftName).append(" { ").append(String.join(", ", keys)).append(" }\n"));
        return out.toString();
    }

    private String base(String chain, String hook, String... rules) {
        var out = new StringBuilder("  chain ").append(chain).append(" {\n    type filter hook ").append(hook)
                .append(" priority ").append(plan.priority()).append("; policy accept;\n");
        for (String r : rules) {
            out.append("    ").append(r).append('\n');
        }
        return out.append("  }\n").toString();
    }

    private String counter() {
        return plan.counters() ? "counter " : "";
    }

    /** The table name as nft's grammar takes it (no quoting: {@link VipFirewallPlan#tableNameProblem}). */
    private String quoted() {
        return plan.table();
    }
}
