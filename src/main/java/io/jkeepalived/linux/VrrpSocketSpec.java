package io.jkeepalived.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a VRRP socket is for: the family, the interface it is bound to (SO_BINDTODEVICE), the source address
 * ({@code mcast_src_ip} / {@code unicast_src_ip}; bound when present, otherwise the kernel chooses), and
 * either multicast (no peers: join 224.0.0.18 / ff02::12 on the interface, send there) or unicast peers
 * (send one copy to each). The TTL / hop limit is 255 for multicast (RFC 5798 5.1.1.3) and
 * {@code unicastTtl} for unicast. {@code multicastGroup} is the group a multicast socket joins, binds to and
 * sends to: keepalived's {@code vrrp_mcast_group4/6} or the instance's {@code mcast_dst_ip}.
 *
 * <p>IPv4 only: {@code ipHeaderIncluded} (IP_HDRINCL) means each send passes a whole IPv4 packet, as keepalived
 * and the project's {@code AdvertWriter} build it (tos 0xc0, id, TTL); {@code authenticationHeader} opens the
 * socket for IP protocol 51 (IPsec AH, keepalived's {@code auth_type AH}) instead of 112.
 */
public record VrrpSocketSpec(StandardProtocolFamily family, String interfaceName, Optional<InetAddress> source,
        List<InetAddress> unicastPeers, int unicastTtl, boolean ipHeaderIncluded, boolean authenticationHeader,
        InetAddress multicastGroup) {

    public static final String VRRP_GROUP_V4 = "224.0.0.18";
    public static final String VRRP_GROUP_V6 = "ff02::12";

    public VrrpSocketSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
            throw new IllegalArgumentException("VRRP runs over IPv4 or IPv6, not " + family);
        }
        if (interfaceName.isEmpty() || interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1-15 characters: '" + interfaceName + "'");
        }
        source = Objects.requireNonNullElse(source, Optional.empty());
        unicastPeers = List.copyOf(unicastPeers);
        for (var a : source.stream().toList()) {
            requireFamily(family, a, "source address");
        }
        for (var a : unicastPeers) {
            requireFamily(family, a, "unicast peer");
        }
        if (unicastTtl < 1 || unicastTtl > 255) {
            throw new IllegalArgumentException("unicast TTL must be 1-255, not " + unicastTtl);
        }
        if (family == StandardProtocolFamily.INET6 && (ipHeaderIncluded || authenticationHeader)) {
            throw new IllegalArgumentException("IP_HDRINCL and AH are IPv4 only (VRRPv2 AH), not for " + interfaceName + " over IPv6");
        }
        multicastGroup = Objects.requireNonNullElseGet(multicastGroup, () -> defaultGroup(family));
        requireFamily(family, multicastGroup, "multicast group");
        if (!multicastGroup.isMulticastAddress()) {
            throw new IllegalArgumentException("multicast group " + multicastGroup.getHostAddress() + " is not a multicast address");
        }
    }

    public VrrpSocketSpec(StandardProtocolFamily family, String interfaceName, Optional<InetAddress> source,
            List<InetAddress> unicastPeers, int unicastTtl, boolean ipHeaderIncluded, boolean authenticationHeader) {
        this(family, interfaceName, source, unicastPeers, unicastTtl, ipHeaderIncluded, authenticationHeader, null);
    }

    /** The VRRP group of RFC 5798: 224.0.0.18 or ff02::12. */
    public static InetAddress defaultGroup(StandardProtocolFamily family) {
        try {
            return InetAddress.getByName(family == StandardProtocolFamily.INET6 ? VRRP_GROUP_V6 : VRRP_GROUP_V4);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public VrrpSocketSpec(StandardProtocolFamily family, String interfaceName, Optional<InetAddress> source,
            List<InetAddress> unicastPeers, int unicastTtl) {
        this(family, interfaceName, source, unicastPeers, unicastTtl, false, false, null);
    }

    /** IP protocol of the socket: 112 (VRRP) or 51 (AH). */
    public int protocol() {
        return authenticationHeader ? 51 : RawVrrpSocket.IPPROTO_VRRP;
    }

    public VrrpSocketSpec withIpHeaderIncluded() {
        return new VrrpSocketSpec(family, interfaceName, source, unicastPeers, unicastTtl, true, authenticationHeader, multicastGroup);
    }

    public VrrpSocketSpec withAuthenticationHeader() {
        return new VrrpSocketSpec(family, interfaceName, source, unicastPeers, unicastTtl, ipHeaderIncluded, true, multicastGroup);
    }

    /** Multicast on {@code interfaceName}, source chosen by the kernel. */
    public static VrrpSocketSpec multicast(StandardProtocolFamily family, String interfaceName) {
        return new VrrpSocketSpec(family, interfaceName, Optional.empty(), List.of(), 255);
    }

    public VrrpSocketSpec withSource(InetAddress address) {
        return new VrrpSocketSpec(family, interfaceName, Optional.of(address), unicastPeers, unicastTtl, ipHeaderIncluded,
                authenticationHeader, multicastGroup);
    }

    public VrrpSocketSpec withUnicastPeers(List<InetAddress> peers, int ttl) {
        return new VrrpSocketSpec(family, interfaceName, source, peers, ttl, ipHeaderIncluded, authenticationHeader,
                multicastGroup);
    }

    /** Joins, binds to and sends to {@code group} instead of the default VRRP group. */
    public VrrpSocketSpec withMulticastGroup(InetAddress group) {
        return new VrrpSocketSpec(family, interfaceName, source, unicastPeers, unicastTtl, ipHeaderIncluded, authenticationHeader,
                group);
    }

    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    private static void requireFamily(StandardProtocolFamily family, InetAddress a, String what) {
        boolean v4 = a instanceof Inet4Address;
        if (v4 != (family == StandardProtocolFamily.INET)) {
            throw new IllegalArgumentException(what + " " + a.getHostAddress() + " is not " + family);
        }
    }
}
