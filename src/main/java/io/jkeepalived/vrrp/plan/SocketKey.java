package io.jkeepalived.vrrp.plan;

import io.jkeepalived.linux.VrrpSocketSpec;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Optional;

/**
 * What makes instances share a raw socket (keepalived's sockpool): interface, family, source address,
 * for unicast the peers and TTL, and the protocol - VRRPv2 {@code auth_type AH} instances use an IPv4
 * IP_HDRINCL socket on protocol 51, the others protocol 112. A thousand multicast instances on one
 * interface share one socket.
 */
public record SocketKey(String interfaceName, int interfaceIndex, StandardProtocolFamily family, InetAddress source,
                        List<InetAddress> unicastPeers, int unicastTtl, boolean authenticationHeader) {
    public SocketKey {
        unicastPeers = List.copyOf(unicastPeers);
        if (authenticationHeader && family != StandardProtocolFamily.INET) {
            throw new IllegalArgumentException("AH authentication is IPv4 only (VRRPv2), not on " + interfaceName + " over IPv6");
        }
    }

    /** A protocol 112 socket. */
    public SocketKey(String interfaceName, int interfaceIndex, StandardProtocolFamily family, InetAddress source,
                     List<InetAddress> unicastPeers, int unicastTtl) {
        this(interfaceName, interfaceIndex, family, source, unicastPeers, unicastTtl, false);
    }

    public VrrpSocketSpec spec() {
        var spec = new VrrpSocketSpec(family, interfaceName, Optional.of(source), unicastPeers, unicastTtl);
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
                    .append(family == StandardProtocolFamily.INET ? VrrpSocketSpec.VRRP_GROUP_V4 : VrrpSocketSpec.VRRP_GROUP_V6)
                    .append(")]");
        } else {
            sb.append(" unicast, src_ip=").append(source.getHostAddress()).append(']');
        }
        return sb.toString();
    }
}
