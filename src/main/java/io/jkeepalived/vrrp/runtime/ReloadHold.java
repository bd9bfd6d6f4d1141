package io.jkeepalived.vrrp.runtime;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances a reload carries over as MASTER (unchanged configuration, MASTER before the reload). While
 * the old run stops, their priority-0 advert, VIP removal and STOP notify are held back; while the new run
 * starts, their VIP removal and notifies are held back until the new engine is MASTER again - so the VIP
 * never flaps and no peer takes over. Thread-safe: the loop, reader and signal threads consult it.
 */
final class ReloadHold {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    static ReloadHold none() {
        return new ReloadHold();
    }

    void holdAll(Collection<String> instances) {
        held.addAll(instances);
    }

    boolean held(String instance) {
        return held.contains(instance);
    }

    void release(String instance) {
        held.remove(instance);
    }

    Set<String> instances() {
        return Set.copyOf(held);
    }
}
