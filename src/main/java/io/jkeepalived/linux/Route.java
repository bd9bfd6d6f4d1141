package io.jkeepalived.linux;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A route (RTM_NEWROUTE), as keepalived's {@code virtual_routes} write them:
 * {@code 198.51.100.0/24 via 192.0.2.2 dev eth0 table 100 metric 5 proto keepalived}.
 *
 * @param outputInterface RTA_OIF, 0 = none
 * @param table routing table (254 main)
 * @param protocol RTPROT_* (18 keepalived, 3 boot)
 * @param type RTN_* (1 unicast, 6 blackhole, 7 unreachable, 8 prohibit)
 * @param extras multipath next hops, metrics, ttl-propagate, onlink
 */
public record Route(InetAddress destination, int prefixLength, Optional<InetAddress> gateway, int outputInterface,
        int table, int metric, int scope, int protocol, int type, Optional<InetAddress> preferredSource, RouteExtras extras) {
    public static final int RT_TABLE_MAIN = 254;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_KEEPALIVED = 18;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;

    public Route(InetAddress destination, int prefixLength, Optional<InetAddress> gateway, int outputInterface,
            int table, int metric, int scope, int protocol, int type, Optional<InetAddress> preferredSource) {
        this(destination, prefixLength, gateway, outputInterface, table, metric, scope, protocol, type, preferredSource,
                RouteExtras.NONE);
    }

    public Route {
        Objects.requireNonNull(destination, "destination");
        extras = Objects.requireNonNullElse(extras, RouteExtras.NONE);
        for (var hop : extras.nexthops()) {
            hop.gateway().ifPresent(g -> {
                if (g.getAddress().length != destination.getAddress().length) {
                    throw new IllegalArgumentException("next hop " + g.getHostAddress() + " is not in the family of "
                            + destination.getHostAddress());
                }
            });
        }
        gateway = Objects.requireNonNullElse(gateway, Optional.empty());
        preferredSource = Objects.requireNonNullElse(preferredSource, Optional.empty());
        int max = destination.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max + " for "
                    + destination.getHostAddress());
        }
        gateway.ifPresent(g -> {
            if (g.getAddress().length != destination.getAddress().length) {
                throw new IllegalArgumentException("gateway " + g.getHostAddress() + " is not in the family of "
                        + destination.getHostAddress());
            }
        });
    }

    /** A unicast route in the main table, scope universe with a gateway and link without, proto keepalived. */
    public static Route unicast(InetAddress destination, int prefixLength, Optional<InetAddress> gateway, int outputInterface) {
        return new Route(destination, prefixLength, gateway, outputInterface, RT_TABLE_MAIN, 0,
                gateway.isPresent() ? InterfaceAddress.RT_SCOPE_UNIVERSE : InterfaceAddress.RT_SCOPE_LINK, RTPROT_KEEPALIVED,
                RTN_UNICAST, Optional.empty());
    }

    public static Route blackhole(InetAddress destination, int prefixLength) {
        return new Route(destination, prefixLength, Optional.empty(), 0, RT_TABLE_MAIN, 0, InterfaceAddress.RT_SCOPE_UNIVERSE,
                RTPROT_KEEPALIVED, RTN_BLACKHOLE, Optional.empty());
    }

    public Route inTable(int newTable) {
        return new Route(destination, prefixLength, gateway, outputInterface, newTable, metric, scope, protocol, type, preferredSource, extras);
    }

    public Route withMetric(int newMetric) {
        return new Route(destination, prefixLength, gateway, outputInterface, table, newMetric, scope, protocol, type, preferredSource, extras);
    }

    public Route withPreferredSource(InetAddress src) {
        return new Route(destination, prefixLength, gateway, outputInterface, table, metric, scope, protocol, type, Optional.of(src), extras);
    }

    public boolean isIpv6() {
        return destination.getAddress().length == 16;
    }

    /** e.g. {@code 198.51.100.0/24 via 192.0.2.2 dev 3 table 100 metric 5} */
    public String describe() {
        var sb = new StringBuilder();
        if (type != RTN_UNICAST) {
            sb.append(switch (type) {
                case RTN_BLACKHOLE -> "blackhole ";
                case RTN_UNREACHABLE -> "unreachable ";
                case RTN_PROHIBIT -> "prohibit ";
                case RTN_LOCAL -> "local ";
                default -> "type " + type + " ";
            });
        }
        sb.append(destination.getHostAddress()).append('/').append(prefixLength);
        gateway.ifPresent(g -> sb.append(" via ").append(g.getHostAddress()));
        if (outputInterface != 0) {
            sb.append(" dev ").append(outputInterface);
        }
        preferredSource.ifPresent(s -> sb.append(" src ").append(s.getHostAddress()));
        if (table != RT_TABLE_MAIN) {
            sb.append(" table ").append(table);
        }
        if (metric != 0) {
            sb.append(" metric ").append(metric);
        }
        for (var hop : extras.nexthops()) {
            sb.append(" nexthop");
            hop.gateway().ifPresent(g -> sb.append(" via ").append(g.getHostAddress()));
            if (hop.outputInterface() != 0) {
                sb.append(" dev ").append(hop.outputInterface());
            }
            sb.append(" weight ").append(hop.weight());
        }
        return sb.toString();
    }
}
