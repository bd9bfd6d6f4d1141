package io.jkeepalived.lvs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One virtual service with its destinations, in the order they were configured. */
public record Service(VirtualService key, ServiceSettings settings, Map<RealServer, Destination> destinations) {
    public Service {
        destinations = Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
    }

    public static Service of(VirtualService key, ServiceSettings settings, Iterable<Destination> destinations) {
        var map = new LinkedHashMap<RealServer, Destination>();
        for (var d : destinations) {
            map.put(d.server(), d);
        }
        return new Service(key, settings, map);
    }
}
