package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.linux.InterfaceAddress;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * track_src_ip: which interfaces hold each tracked source address. An address is present while any interface holds
 * it; the link watcher turns a change of presence into the source tracker's status. Owned by the watcher's thread.
 */
final class SourcePresence {
    private final Map<InetAddress, Set<Integer>> holders = new HashMap<>();

    SourcePresence(Set<InetAddress> tracked) {
        tracked.forEach(a -> holders.put(a, new HashSet<>()));
    }

    Set<InetAddress> tracked() {
        return holders.keySet();
    }

    /** The host's addresses at start. */
    void initial(List<InterfaceAddress> addresses) {
        addresses.forEach(this::added);
    }

    /** After a netlink overrun: the host's addresses read again; the tracked addresses whose presence changed. */
    Map<InetAddress, Boolean> resync(List<InterfaceAddress> addresses) {
        var before = new HashMap<InetAddress, Boolean>();
        holders.forEach((a, on) -> before.put(a, !on.isEmpty()));
        holders.values().forEach(Set::clear);
        initial(addresses);
        var changed = new HashMap<InetAddress, Boolean>();
        before.forEach((a, was) -> {
            if (present(a) != was) {
                changed.put(a, present(a));
            }
        });
        return changed;
    }

    boolean present(InetAddress address) {
        Set<Integer> on = holders.get(address);
        return on != null && !on.isEmpty();
    }

    /** RTM_NEWADDR: true when a tracked address was on no interface before. */
    Optional<Boolean> added(InterfaceAddress a) {
        Set<Integer> on = holders.get(a.address());
        return on != null && on.add(a.interfaceIndex()) && on.size() == 1 ? Optional.of(true) : Optional.empty();
    }

    /** RTM_DELADDR (also sent for each address of a deleted link): false when a tracked address is now on none. */
    Optional<Boolean> removed(InterfaceAddress a) {
        Set<Integer> on = holders.get(a.address());
        return on != null && on.remove(a.interfaceIndex()) && on.isEmpty() ? Optional.of(false) : Optional.empty();
    }
}
