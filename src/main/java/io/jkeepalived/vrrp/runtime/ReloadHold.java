package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances and sync groups a reload carries over (CarriedOver), while they are held. While the old run
 * stops, their priority-0 advert, VIP removal and STOP notifies are held back; while the new run starts,
 * their VIP removal and notifies are held back until each is in its old state again - so no VIP flaps, no peer
 * takes over and no notify script runs again. Thread-safe: the loop, reader and signal threads consult it.
 */
final class ReloadHold {
    private final Map<String, VrrpState> instances = new ConcurrentHashMap<>();
    private final Map<String, GroupHold> groups = new ConcurrentHashMap<>();
    private final Map<String, Set<java.net.InetAddress>> keptVips = new ConcurrentHashMap<>();
    private final Map<String, GoneAtReload> gone = new ConcurrentHashMap<>();

    /** A held group, and whether the new run's start-up BACKUP notify for it was already swallowed. */
    private record GroupHold(VrrpState state, boolean startSeen) {
    }

    static ReloadHold none() {
        return new ReloadHold();
    }

    void hold(CarriedOver carried) {
        instances.putAll(carried.instances());
        carried.instances().keySet().forEach(i -> carried.kept(i).ifPresent(k -> keptVips.put(i, k)));
        carried.groups().forEach((g, s) -> groups.put(g, new GroupHold(s, false)));
    }

    /** Instances the reload removes: their STOP notify becomes what keepalived announces for them. */
    void gone(java.util.Collection<GoneAtReload> instances) {
        instances.forEach(g -> gone.put(g.instance(), g));
    }

    Optional<GoneAtReload> gone(String instance) {
        return Optional.ofNullable(gone.get(instance));
    }

    boolean held(String instance) {
        return instances.containsKey(instance);
    }

    /**
     * Of {@code vips}, those a held instance may lose now: the ones it does not keep over the reload (a changed
     * instance's removed VIPs). Nothing for a held instance that keeps them all; all of them when not held.
     */
    java.util.List<java.net.InetAddress> removable(String instance, java.util.List<java.net.InetAddress> vips) {
        if (!held(instance)) {
            return vips;
        }
        Set<java.net.InetAddress> kept = keptVips.get(instance);
        return kept == null ? java.util.List.of() : vips.stream().filter(v -> !kept.contains(v)).toList();
    }

    Optional<VrrpState> carriedState(String instance) {
        return Optional.ofNullable(instances.get(instance));
    }

    void release(String instance) {
        instances.remove(instance);
        keptVips.remove(instance);
    }

    Set<String> instances() {
        return Set.copyOf(instances.keySet());
    }

    Optional<VrrpState> groupState(String group) {
        return Optional.ofNullable(groups.get(group)).map(GroupHold::state);
    }

    boolean groupHeld(String group) {
        return groups.containsKey(group);
    }

    /**
     * The new run's group notify {@code state}: true when it is to be swallowed. The engine announces every
     * group as BACKUP at start; a group carried as MASTER then announces MASTER once it resumed. The first
     * notify that is not one of these is delivered and ends the hold.
     */
    boolean swallowGroupNotify(String group, VrrpState state) {
        GroupHold h = groups.get(group);
        if (h == null) {
            return false;
        }
        if (state == VrrpState.BACKUP && h.state() == VrrpState.MASTER && !h.startSeen()) {
            groups.put(group, new GroupHold(h.state(), true));
            return true;
        }
        groups.remove(group);
        return state == h.state();
    }
}
