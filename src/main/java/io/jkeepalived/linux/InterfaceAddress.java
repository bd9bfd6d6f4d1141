package io.jkeepalived.linux;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An address on an interface (RTM_NEWADDR), or the request to add/delete one.
 *
 * @param scope RT_SCOPE_* (0 global, 200 site, 253 link, 254 host)
 * @param flags IFA_F_* bits (e.g. {@link #IFA_F_NODAD}, {@link #IFA_F_SECONDARY})
 * @param label IPv4 only (e.g. {@code eth0:vip}); must start with the interface name
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, Optional<InetAddress> broadcast,
        int scope, int flags, Optional<String> label) {
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;

    public InterfaceAddress {
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max + " for "
                    + address.getHostAddress());
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope + " out of range 0-255");
        }
        broadcast = broadcast == null ? Optional.empty() : broadcast;
        label = label == null ? Optional.empty() : label;
    }

    /** A global-scope address with no broadcast or label; for IPv6 VIPs add {@link #IFA_F_NODAD} as keepalived does. */
    public static InterfaceAddress of(int interfaceIndex, InetAddress address, int prefixLength) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, Optional.empty(), RT_SCOPE_UNIVERSE, 0,
                Optional.empty());
    }

    public InterfaceAddress withFlags(int newFlags) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, broadcast, scope, newFlags, label);
    }

    public InterfaceAddress withBroadcast(InetAddress brd) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, Optional.of(brd), scope, flags, label);
    }

    public InterfaceAddress withScope(int newScope) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, broadcast, newScope, flags, label);
    }

    public InterfaceAddress withLabel(String newLabel) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, broadcast, scope, flags, Optional.of(newLabel));
    }

    public boolean isIpv6() {
        return address.getAddress().length == 16;
    }

    /** {@code 192.0.2.10/24} */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
