package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.VmacSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * keepalived's {@code use_vmac}: a macvlan in private mode named {@code name} on {@code parent} with the virtual MAC
 * 00:00:5e:00:01:VRID (00:00:5e:00:02:VRID for IPv6) or the one configured (five octets: the VRID is the sixth).
 * The VIPs live on it and, unless {@code vmac_xmit_base}, the adverts are sent and received on it.
 *
 * @param name default {@code vmac_prefix.VRID} ("vrrp.51")
 */
public record Vmac(String instance, String name, String parent, String mac, boolean ipv6, boolean xmitBase) {

    /** The VMAC of a macvlan {@code use_vmac} instance; {@code use_ipvlan} is not made. */
    public static Optional<Vmac> of(VrrpInstanceSpec spec, GlobalDefs global) {
        if (spec.vmac().isEmpty() || spec.vmac().get().kind() != VmacSpec.Kind.MACVLAN || spec.interfaceName().isEmpty()) {
            return Optional.empty();
        }
        VmacSpec v = spec.vmac().get();
        boolean v6 = spec.family() == AddressFamily.INET6;
        String name = v.name().filter(n -> !n.isEmpty()).orElse(global.vmacPrefix() + "." + spec.virtualRouterId());
        return Optional.of(new Vmac(spec.name(), name, spec.interfaceName().get(), mac(v.mac(), v6, spec.virtualRouterId()),
                v6, spec.vmacXmitBase()));
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
