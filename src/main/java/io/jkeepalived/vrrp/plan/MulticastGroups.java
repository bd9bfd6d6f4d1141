package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The group a multicast instance joins and sends to, as keepalived decides it: the instance's {@code mcast_dst_ip}
 * when it is a multicast address of the instance's family (link-local ff02::/16 for IPv6), otherwise the global
 * {@code vrrp_mcast_group4} / {@code vrrp_mcast_group6} (224.0.0.18 / ff02::12 unless set). keepalived reports
 * and skips a wrong {@code mcast_dst_ip} while parsing; the same address is skipped here too.
 */
public final class MulticastGroups {
    private MulticastGroups() {
    }

    public static InetAddress of(VrrpInstanceSpec spec, GlobalDefs global) {
        boolean v6 = spec.family() == AddressFamily.INET6;
        InetAddress fallback = v6 ? global.vrrpMcastGroup6() : global.vrrpMcastGroup4();
        return spec.mcastDstIp().filter(a -> usable(a, v6)).orElse(fallback);
    }

    private static boolean usable(InetAddress a, boolean v6) {
        if ((a instanceof Inet6Address) != v6 || !a.isMulticastAddress()) {
            return false;
        }
        return !v6 || a.isMCLinkLocal();
    }
}
