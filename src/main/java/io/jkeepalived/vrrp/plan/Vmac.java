package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VmacSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.IpvlanFlag;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * keepalived's {@code use_vmac}: a macvlan in private mode named {@code name} on {@code parent} with the virtual MAC
 * 00:00:5e:00:01:VRID (00:00:5e:00:02:VRID for IPv6) or the one configured (five octets: the VRID is the sixth).
 * The VIPs live on it and, unless {@code vmac_xmit_base}, the adverts are sent and received on it.
 * With {@code use_ipvlan} ({@code ipvlan} present) it is an ipvlan in mode l2 instead: the parent's MAC (empty
 * {@code mac}), the configured address (the adverts' source) and the adverts on it; the VIPs stay on the parent,
 * as keepalived 2.2.7 leaves them (it moves VIPs for use_vmac only).
 *
 * @param name default {@code vmac_prefix.VRID} ("vrrp.51")
 */
public record Vmac(String instance, String name, String parent, String mac, boolean ipv6, boolean xmitBase,
        Optional<Ipvlan> ipvlan) {

    /**
     * use_ipvlan's link: mode l2 with {@code flag}; {@code address} goes on it; {@code ipv6} keeps IPv6 on (an IPv6
     * instance, or E-VIPs of the other family), else keepalived turns it off.
     */
    public record Ipvlan(IpvlanFlag flag, Optional<VmacSpec.IpvlanAddress> address, boolean ipv6) {
    }

    /** A macvlan VMAC. */
    public Vmac(String instance, String name, String parent, String mac, boolean ipv6, boolean xmitBase) {
        this(instance, name, parent, mac, ipv6, xmitBase, Optional.empty());
    }

    /** The VMAC (macvlan) or ipvlan of a {@code use_vmac} / {@code use_ipvlan} instance. */
    public static Optional<Vmac> of(VrrpInstanceSpec spec, GlobalDefs global) {
        if (spec.vmac().isEmpty() || spec.interfaceName().isEmpty()) {
            return Optional.empty();
        }
        VmacSpec v = spec.vmac().get();
        boolean v6 = spec.family() == AddressFamily.INET6;
        String name = v.name().filter(n -> !n.isEmpty()).orElse(global.vmacPrefix() + "." + spec.virtualRouterId());
        if (v.kind() == VmacSpec.Kind.IPVLAN) {
            // keepalived: an address of the other family is a config fault and is not put on the link
            var address = v.ipvlanAddress().filter(a -> a.family() == spec.family());
            boolean otherFamily = excludedVips(spec).anyMatch(vip -> vip.family() != spec.family());
            return Optional.of(new Vmac(spec.name(), name, spec.interfaceName().get(), "", v6, false,
                    Optional.of(new Ipvlan(IpvlanFlag.of(v.ipvlanMode()), address, v6 || otherFamily))));
        }
        return Optional.of(new Vmac(spec.name(), name, spec.interfaceName().get(), mac(v.mac(), v6, spec.virtualRouterId()),
                v6, spec.vmacXmitBase()));
    }

    private static java.util.stream.Stream<VirtualIpSpec> excludedVips(VrrpInstanceSpec spec) {
        return spec.virtualIpAddressesExcluded().stream();
    }

    /**
     * keepalived's use_vmac_addr (and a VIP's own {@code use_vmac}), as vrrp_complete_instance: a VIP on another
     * interface ({@code dev}), or of the other family on the instance's interface, lives on a VMAC of its own on that
     * interface, with the instance's virtual MAC for its family. One already {@code planned} with that base and MAC
     * is shared; a new one is named {@code vmac_addr_prefix} (else {@code vmac_prefix}) "." VRID, or with a number
     * after the prefix when taken (IPv6 tries 6 first). Empty when the VIP needs no VMAC of its own.
     */
    public static Optional<Vmac> forAddress(VrrpInstanceSpec spec, VirtualIpSpec vip, GlobalDefs global, List<Vmac> planned) {
        if (spec.interfaceName().isEmpty()) {
            return Optional.empty();
        }
        String ifname = spec.interfaceName().get();
        boolean instanceVmac = spec.vmac().filter(v -> v.kind() == VmacSpec.Kind.MACVLAN).isPresent();
        boolean sameIf = vip.dev().isEmpty() || vip.dev().get().equals(ifname);
        boolean sameFamily = vip.family() == spec.family();
        boolean needs;
        if (sameIf) {
            needs = !(instanceVmac && sameFamily) && (vip.useVmac() || (spec.useVmacAddr() && !sameFamily));
        } else {
            needs = vip.useVmac() || spec.useVmacAddr();
        }
        if (!needs) {
            return Optional.empty();
        }
        String base = sameIf ? ifname : vip.dev().get();
        boolean v6 = vip.family() == AddressFamily.INET6;
        String mac = mac(spec.vmac().flatMap(VmacSpec::mac), v6, spec.virtualRouterId());
        var shared = planned.stream().filter(p -> p.parent().equals(base) && p.mac().equals(mac)).findFirst();
        if (shared.isPresent()) {
            return shared;
        }
        String prefix = global.vmacAddrPrefix().orElse(global.vmacPrefix());
        var taken = planned.stream().map(Vmac::name).collect(java.util.stream.Collectors.toSet());
        return Optional.of(new Vmac(spec.name(), freeName(prefix, spec.virtualRouterId(), v6, taken), base, mac, v6, false));
    }

    /** keepalived's create_vmac_name: PREFIX.VRID, then PREFIX1.VRID, PREFIX2.VRID ... (IPv6: 6, 1, 2, ... 5, 7 ...). */
    static String freeName(String prefix, int vrid, boolean v6, java.util.Set<String> taken) {
        String name = ifname(prefix, "." + vrid);
        int num = 0;
        while (taken.contains(name)) {
            if (v6) {
                num = num == 0 ? 6 : num == 6 ? 1 : num + 1 == 6 ? 7 : num + 1;
            } else {
                num++;
            }
            name = ifname(prefix, num + "." + vrid);
        }
        return name;
    }

    /** The prefix shortened so that the name fits IFNAMSIZ (15 characters), as keepalived's snprintf. */
    private static String ifname(String prefix, String tail) {
        int room = 15 - tail.length();
        return (prefix.length() > room ? prefix.substring(0, Math.max(0, room)) : prefix) + tail;
    }

    /** The interface the adverts go out on and come in from. */
    public String vrrpInterface() {
        return xmitBase ? parent : name;
    }

    static String mac(Optional<String> configured, boolean v6, int vrid) {
        String vridOctet = String.format(Locale.ROOT, "%02x", vrid);
        if (configured.isPresent()) {
            String[] octets = configured.get().toLowerCase(Locale.ROOT).split(":");
            if (octets.length == 5 || (octets.length == 6 && octets[5].isEmpty())) {
                return String.join(":", java.util.Arrays.copyOf(octets, 5)) + ":" + vridOctet;
            }
            if (octets.length == 6) {
                var sb = new StringBuilder();
                for (String o : octets) {
                    sb.append(sb.isEmpty() ? "" : ":").append(o.length() == 1 ? "0" + o : o);
                }
                return sb.toString();
            }
        }
        return "00:00:5e:00:0" + (v6 ? "2" : "1") + ":" + vridOctet;
    }
}
