package io.jkeepalived.lvs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A whole load-balancer state: what we want (the desired pool) or what the kernel has (observed). The
 * same record for both, so the reconciler compares like with like.
 *
 * @param timeouts  lvs_timeouts; empty = not managed
 */
public record Pool(Map<VirtualService, Service> services, Optional<Timeouts> timeouts) {
    public static final Pool EMPTY = new Pool(Map.of(), Optional.empty());

    public Pool {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public static Pool of(Iterable<Service> services) {
        var map = new LinkedHashMap<VirtualService, Service>();
        for (var s : services) {
            map.put(s.key(), s);
        }
        return new Pool(map, Optional.empty());
    }

    public Pool withTimeouts(Optional<Timeouts> t) {
        return new Pool(services, t);
    }
}
