package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.linux.VrrpSocketSpec;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Optional;

/**
 * What makes instances share a raw socket (keepalived's sockpool): interface, family, source address and,
 * for unicast, the peers and TTL. A thousand multicast instances on one interface share one socket.
 */
public record SocketKey(String interfaceName, int interfaceIndex, StandardProtocolFamily family, InetAddress source,
                        List<InetAddress> unicastPeers, int unicastTtl) {
    public SocketKey {
        unicastPeers = List.copyOf(unicastPeers);
    }

    public VrrpSocketSpec spec() {
        return new VrrpSocketSpec(family, interfaceName, Optional.of(source), unicastPeers, unicastTtl);
    }

    /** keepalived's "VRRP sockpool: [...]" line. */
    public String logLine(int fd) {
        var sb = new StringBuilder("VRRP sockpool: [ifindex(").append(String.format("%3d", interfaceIndex))
                .append("), family(").append(family == StandardProtocolFamily.INET ? "IPv4" : "IPv6")
                .append("), proto(112), fd(").append(fd).append(',').append(fd).append(')');
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
