package io.jkeepalived.lvs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the configuration says about the pool, before health decides who is in: each service's
 * settings and every server it may hold (real servers and sorry server) with its forwarding and thresholds.
 *
 * @param flushAtStart   lvs_flush: empty the whole table before programming ours
 * @param flushOnStop    lvs_flush_on_stop
 */
public record PoolPlan(Map<VirtualService, ServicePlan> services, Optional<Timeouts> timeouts, boolean flushAtStart,
                       FlushOnStop flushOnStop) {

    public static final PoolPlan EMPTY = new PoolPlan(Map.of(), Optional.empty(), false, FlushOnStop.NONE);

    /** What stop does besides removing what we added: keepalived's {@code lvs_flush_on_stop [VS]}. */
    public enum FlushOnStop {
        /** Remove only what we added (keepalived's default; nothing with -I). */
        NONE,
        /** {@code lvs_flush_on_stop}: flush the whole table. */
        ALL,
        /** {@code lvs_flush_on_stop VS}: our services only, even with -I. */
        VS
    }

    public PoolPlan {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /**
     * @param display  the virtual_server as keepalived names it, for log lines
     * @param servers  every server the service may hold, with its configured weight
     */
    public record ServicePlan(VirtualService key, String display, ServiceSettings settings, Map<RealServer, Destination> servers) {
        public ServicePlan {
            servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
        }
    }
}
