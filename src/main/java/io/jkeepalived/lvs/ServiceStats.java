package io.jkeepalived.lvs;

import java.util.List;

/** Counters of one service and its servers, in ipvsadm's terms. */
public record ServiceStats(VirtualService service, Counters totals, List<DestinationStats> destinations) {
    public ServiceStats {
        destinations = List.copyOf(destinations);
    }

    /** Connections scheduled and traffic seen; -1 where a data plane cannot count it. */
    public record Counters(long connections, long packetsIn, long packetsOut, long bytesIn, long bytesOut) {
        public static final Counters NONE = new Counters(0, 0, 0, 0, 0);
    }

    /** @param activeConnections / inactiveConnections: -1 where unknown (nftables) */
    public record DestinationStats(RealServer server, int weight, long activeConnections, long inactiveConnections,
                                   Counters counters) {
    }
}
