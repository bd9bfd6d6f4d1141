package io.jkeepalived.vrrp.plan;

import io.jkeepalived.linux.VrrpSocketSpec;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Optional;

/**
 * What makes instances share a raw socket (keepalived's sockpool): interface, family, source address,
 * for multicast the group, for unicast the peers and TTL, and the protocol - VRRPv2 {@code auth_type AH} instances use an IPv4
 * IP_HDRINCL socket on protocol 51, the others protocol 112. A thousand multicast instances on one
 * interface share one socket.
 */
public record SocketKey(String interfaceName, int interfaceIndex, StandardProtocolFamily family, InetAddress source,
                        List<InetAddress> unicastPeers, int unicastTtl, boolean authenticationHeader, InetAddress multicastGroup) {
    public SocketKey {
        unicastPeers = List.copyOf(unicastPeers);
        multicastGroup = java.util.Objects.requireNonNullElseGet(multicastGroup, () -> VrrpSocketSpec.defaultGroup(family));
        if (authenticationHeader && family != StandardProtocolFamily.INET) {
            throw new IllegalArgumentException("AH authentication is IPv4 only (VRRPv2), not on " + interfaceName + " over IPv6");
        }
    }

    /** On the default group (224.0.0.18 / ff02::12). */
    public SocketKey(String interfaceName, int interfaceIndex, StandardProtocolFamily family, InetAddress source,
                     List<InetAddress> unicastPeers, int unicastTtl, boolean authenticationHeader) {
        this(interfaceName, interfaceIndex, family, source, unicastPeers, unicastTtl, authenticationHeader, null);
    }

    /** A protocol 112 socket. */
    public SocketKey(String interfaceName, int interfaceIndex, StandardProtocolFamily family, InetAddress source,
                     List<InetAddress> unicastPeers, int unicastTtl) {
        this(interfaceName, interfaceIndex, family, source, unicastPeers, unicastTtl, false);
    }

    public VrrpSocketSpec spec() {
        var spec = new VrrpSocketSpec(family, interfaceName, Optional.of(source), unicastPeers, unicastTtl)
                .withMulticastGroup(multicastGroup);
        // AH sits between the IP header and VRRP, so we write the whole IPv4 packet (as keepalived does)
        return authenticationHeader ? spec.withIpHeaderIncluded().withAuthenticationHeader() : spec;
    }

    /** keepalived's "VRRP sockpool: [...]" line. */
    public String logLine(int fd) {
        var sb = new StringBuilder("VRRP sockpool: [ifindex(").append(String.format("%3d", interfaceIndex))
                .append("), family(").append(family == StandardProtocolFamily.INET ? "IPv4" : "IPv6")
                .append("), proto(").append(authenticationHeader ? 51 : 112).append("), fd(").append(fd).append(',').append(fd)
                .append(')');
        if (unicastPeers.isEmpty()) {
            sb.append(" multicast, address(")
                    .append(io.jkeepalived.common.AddressText.of(multicastGroup)).append(")]");
        } else {
            sb.append(" unicast, src_ip=").append(source.getHostAddress()).append(']');
        }
        return sb.toString();
    }
}
