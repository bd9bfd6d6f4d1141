package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpState;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reload carries from the old run to the new one: instances that are still the same virtual router and
 * sync groups, with the state they were in (MASTER or BACKUP), and for each instance the VIPs it keeps (in both
 * configurations). Neither run sends a priority-0 advert, removes a kept VIP or runs a notify for them; the
 * new run resumes them in that state with their new settings (VIPs no longer configured are removed, new ones
 * added).
 */
record CarriedOver(Map<String, VrrpState> instances, Map<String, VrrpState> groups,
                   Map<String, Set<InetAddress>> keptVips) {
    CarriedOver {
        instances = Map.copyOf(instances);
        groups = Map.copyOf(groups);
        var copy = new java.util.HashMap<String, Set<InetAddress>>();
        keptVips.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        keptVips = Map.copyOf(copy);
    }

    /** Every VIP of every carried instance kept (none listed: none removed). */
    CarriedOver(Map<String, VrrpState> instances, Map<String, VrrpState> groups) {
        this(instances, groups, Map.of());
    }

    static CarriedOver none() {
        return new CarriedOver(Map.of(), Map.of());
    }

    /** The VIPs {@code instance} keeps over the reload; none listed means all of them. */
    java.util.Optional<Set<InetAddress>> kept(String instance) {
        return java.util.Optional.ofNullable(keptVips.get(instance));
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
