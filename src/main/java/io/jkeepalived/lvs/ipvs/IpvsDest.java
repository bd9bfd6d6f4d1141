package io.jkeepalived.lvs.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server ("destination") of an IPVS service, as {@code IPVS_CMD_ATTR_DEST} carries it.
 *
 * @param family      address family of the real server (may differ from the service's for TUN)
 * @param forwarding  {@link #MASQ} (NAT), {@link #LOCALNODE}, {@link #TUNNEL}, {@link #DROUTE} (DR) or {@link #BYPASS}
 * @param weight      0 drains the server (no new connections)
 * @param upperThreshold  {@code uthreshold}, 0 = none
 * @param lowerThreshold  {@code lthreshold}, 0 = none
 * @param tunnelType  {@link #TUN_IPIP}, {@link #TUN_GUE} or {@link #TUN_GRE} (TUN only)
 * @param tunnelPort  GUE's UDP port (TUN only)
 * @param tunnelFlags {@link #TUN_NOCSUM}, {@link #TUN_CSUM} or {@link #TUN_REMCSUM} (TUN only)
 */
public record IpvsDest(int family, InetAddress address, int port, int forwarding, int weight,
                       int upperThreshold, int lowerThreshold, int tunnelType, int tunnelPort, int tunnelFlags) {
    public static final int MASQ = 0;
    public static final int LOCALNODE = 1;
    public static final int TUNNEL = 2;
    public static final int DROUTE = 3;
    public static final int BYPASS = 4;
    public static final int TUN_IPIP = 0;
    public static final int TUN_GUE = 1;
    public static final int TUN_GRE = 2;
    public static final int TUN_NOCSUM = 0;
    public static final int TUN_CSUM = 1;
    public static final int TUN_REMCSUM = 2;

    public IpvsDest {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
    }

    public static IpvsDest of(InetAddress address, int port, int forwarding, int weight) {
        int family = address instanceof Inet6Address ? IpvsService.AF_INET6 : IpvsService.AF_INET;
        return new IpvsDest(family, address, port, forwarding, weight, 0, 0, 0, 0, 0);
    }

    public IpvsDest withWeight(int newWeight) {
        return new IpvsDest(family, address, port, forwarding, newWeight, upperThreshold, lowerThreshold, tunnelType,
                tunnelPort, tunnelFlags);
    }

    /** {@code 198.51.100.2:8080} or {@code [2001:db8::2]:53}. */
    public String describe() {
        return hostPort(address, port);
    }

    static String hostPort(InetAddress a, int port) {
        String host = a.getHostAddress();
        int scope = host.indexOf('%');
        if (scope >= 0) {
            host = host.substring(0, scope);
        }
        return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** ipvsadm's forwarding words. */
    public static String forwardingName(int forwarding) {
        return switch (forwarding) {
            case MASQ -> "Masq";
            case LOCALNODE -> "Local";
            case TUNNEL -> "Tunnel";
            case DROUTE -> "Route";
            case BYPASS -> "Bypass";
            default -> "fwd " + forwarding;
        };
    }
}
