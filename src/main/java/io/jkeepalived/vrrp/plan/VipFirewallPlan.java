package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.InterfaceAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * no_accept's drop rules as keepalived 2.2.7 (nftables build) plans them: every instance that is not the
 * address owner and has accept mode off (no_accept, strict_mode or vrrp_strict) gets its VIPs and E-VIPs into
 * the {@code vips} sets of table {@code ip}/{@code ip6} {@code nftables}-name (default {@code keepalived}) while
 * they are configured. Without a global_defs {@code nftables} line keepalived uses the default table anyway
 * (and says so). IPv6 link-local VIPs go into a set keyed by address and interface: by name
 * ({@code vips_link_local_name}) when the instance has dont_track_primary, the VIP is on the instance's
 * interface (or no_track) and nftables_ifindex is off; by index ({@code vips_link_local}) otherwise.
 *
 * @param table         the table name, in both families
 * @param defaultTable  true when no {@code nftables} line named it (keepalived's "no firewall configured")
 * @param instances     the instances that need the rules, by name
 */
public record VipFirewallPlan(String table, int priority, boolean counters, boolean defaultTable,
                              Map<String, Instance> instances) {

    /** Which set a VIP goes into. */
    public enum SetName {
        VIPS4("vips"), VIPS6("vips"), LINK_LOCAL_INDEX("vips_link_local"), LINK_LOCAL_NAME("vips_link_local_name");

        public final String nftName;

        SetName(String nftName) {
            this.nftName = nftName;
        }

        public boolean ipv6() {
            return this != VIPS4;
        }
    }

    /** One set element: the set and the key as nft writes it ({@code 192.0.2.1}, {@code fe80::1 . 3}, {@code fe80::1 . "eth0"}). */
    public record Element(SetName set, String key) {
    }

    /** @param noAcceptPos the line that turned accept mode off */
    public record Instance(String name, SourcePos noAcceptPos, Map<InetAddress, Element> elements) {
        public Instance {
            elements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(elements));
        }

        /** The elements of these VIPs (addresses the plan does not know are left out). */
        public List<Element> elementsOf(List<InetAddress> vips) {
            return vips.stream().map(elements::get).filter(e -> e != null).distinct().toList();
        }
    }

    public VipFirewallPlan {
        instances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }

    public static final String DEFAULT_TABLE = "keepalived";

    /**
     * @param addressesOf the VIPs per instance as the VRRP plan resolved them (interface index per address)
     * @param deviceOf    the interface name per VIP
     */
    public static VipFirewallPlan of(KeepalivedConfig config, Map<String, List<InterfaceAddress>> addressesOf,
                                     Map<InetAddress, String> deviceOf) {
        var g = config.globalDefs();
        var instances = new LinkedHashMap<String, Instance>();
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            if (spec.accept() || spec.priority() == 255) {
                continue;
            }
            var indexOf = new LinkedHashMap<InetAddress, Integer>();
            addressesOf.getOrDefault(spec.name(), List.of()).forEach(a -> indexOf.putIfAbsent(a.address(), a.interfaceIndex()));
            var elements = new LinkedHashMap<InetAddress, Element>();
            Stream.concat(spec.virtualIpAddresses().stream(), spec.virtualIpAddressesExcluded().stream())
                    .filter(v -> indexOf.containsKey(v.address()))
                    .forEach(v -> elements.putIfAbsent(v.address(), element(spec, v, indexOf.get(v.address()),
                            Optional.ofNullable(deviceOf.get(v.address())), g.nftablesIfindex())));
            instances.put(spec.name(), new Instance(spec.name(), spec.noAcceptPos(), elements));
        }
        return new VipFirewallPlan(g.nftables().orElse(DEFAULT_TABLE), g.nftablesPriority(), g.nftablesCounters(),
                g.nftables().isEmpty(), instances);
    }

    private static Element element(VrrpInstanceSpec spec, VirtualIpSpec vip, int ifindex, Optional<String> ifname,
                                   boolean byIndex) {
        InetAddress a = vip.address();
        String text = io.jkeepalived.common.AddressText.of(a);
        if (!(a instanceof Inet6Address)) {
            return new Element(SetName.VIPS4, text);
        }
        if (!a.isLinkLocalAddress()) {
            return new Element(SetName.VIPS6, text);
        }
        boolean onOwnInterface = vip.dev().isEmpty() || vip.dev().equals(spec.interfaceName());
        if (!byIndex && spec.dontTrackPrimary() && (onOwnInterface || vip.noTrack()) && ifname.isPresent()) {
            return new Element(SetName.LINK_LOCAL_NAME, text + " . \"" + ifname.get() + "\"");
        }
        return new Element(SetName.LINK_LOCAL_INDEX, text + " . " + ifindex);
    }

    /**
     * Why nft's command language cannot name this table (it takes a table name only as a bare word:
     * a letter, '_' or '.', then letters, digits and "/-_."), or empty when it can.
     */
    public Optional<String> tableNameProblem() {
        return table.matches("[A-Za-z_.][A-Za-z0-9/\\-_.]*") ? Optional.empty()
                : Optional.of("nftables table name '" + table + "' is not a name nft accepts"
                        + " (a letter, '_' or '.', then letters, digits, '/', '-', '_' or '.')");
    }

    public boolean isEmpty() {
        return instances.isEmpty();
    }

    /** The sets some instance's VIPs go into: which tables, sets and link-local chains the ruleset needs. */
    public java.util.Set<SetName> sets() {
        var sets = java.util.EnumSet.noneOf(SetName.class);
        instances.values().forEach(i -> i.elements().values().forEach(e -> sets.add(e.set())));
        return sets;
    }
}
