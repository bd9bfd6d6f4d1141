package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reload carries from the old run to the new one: unchanged instances and sync groups with the state
 * they were in (MASTER or BACKUP). Neither run sends a priority-0 advert, removes a VIP or runs a notify for
 * them; the new run resumes them in that state.
 */
record CarriedOver(Map<String, VrrpState> instances, Map<String, VrrpState> groups) {
    CarriedOver {
        instances = Map.copyOf(instances);
        groups = Map.copyOf(groups);
    }

    static CarriedOver none() {
        return new CarriedOver(Map.of(), Map.of());
    }

    /** The instances carried as MASTER: the new engine resumes them as MASTER. */
    Set<String> masters() {
        var masters = new TreeSet<String>();
        instances.forEach((name, state) -> {
            if (state == VrrpState.MASTER) {
                masters.add(name);
            }
        });
        return masters;
    }
}
