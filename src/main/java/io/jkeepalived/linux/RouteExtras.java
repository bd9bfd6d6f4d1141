package io.jkeepalived.linux;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The less common parts of a route: multipath next hops (RTA_MULTIPATH), metrics (RTA_METRICS, with RTAX_LOCK),
 * RTA_TTL_PROPAGATE and the onlink flag, as {@code ip route} and keepalived send them.
 *
 * @param metrics RTAX_* → value (RTAX_MTU 2, RTAX_SSTHRESH 6 ...)
 * @param locks   RTAX_LOCK: bit {@code 1 << RTAX_*} for each locked metric
 */
public record RouteExtras(List<Nexthop> nexthops, Map<Integer, Long> metrics, int locks, Optional<Boolean> ttlPropagate,
        boolean onlink) {
    public static final RouteExtras NONE = new RouteExtras(List.of(), Map.of(), 0, Optional.empty(), false);
    public static final int RTAX_LOCK = 1;
    public static final int RTAX_MTU = 2;
    public static final int RTAX_WINDOW = 3;
    public static final int RTAX_SSTHRESH = 6;
    public static final int RTAX_CWND = 7;
    public static final int RTAX_ADVMSS = 8;
    public static final int RTAX_REORDERING = 9;
    public static final int RTAX_HOPLIMIT = 10;
    public static final int RTAX_INITCWND = 11;
    public static final int RTAX_INITRWND = 14;
    public static final int RTAX_QUICKACK = 15;
    public static final int RTAX_FASTOPEN_NO_COOKIE = 17;

    /** One path: {@code nexthop via GATEWAY dev IFINDEX weight WEIGHT [onlink]}; weight 1-256. */
    public record Nexthop(Optional<InetAddress> gateway, int outputInterface, int weight, boolean onlink) {
        public Nexthop {
            gateway = Objects.requireNonNullElse(gateway, Optional.empty());
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("next hop weight " + weight + " out of range 1-256");
            }
        }
    }

    public RouteExtras {
        nexthops = List.copyOf(nexthops);
        metrics = new TreeMap<>(metrics);
        ttlPropagate = Objects.requireNonNullElse(ttlPropagate, Optional.empty());
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
