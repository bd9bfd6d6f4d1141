package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.SyncGroupParams;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which instances and sync groups a reload carries over (see CarriedOver), as keepalived's clear_diff_vrrp does:
 * an instance that is still the same virtual router - same name, interface, VRID, address family, unicast or
 * not and, for unicast, the same source address (keepalived's vrrp_exist) - and that is MASTER or BACKUP keeps
 * its state; everything else about it (priority, advert_int, preempt, VIPs, tracking, notify scripts, peers)
 * is applied in place: the new run resumes it in that state with the new settings. Of a MASTER's VIPs, those in
 * both configurations stay where they are, removed ones go and new ones are added (keepalived's
 * clear_diff_vrrp_vip / restore_vrrp_state). A changed interface, VRID, family or unicast source is another
 * virtual router: it stops and starts afresh, as do instances the caller says must restart (a changed VMAC or
 * virtual routes). A sync group that is the same, whose members all are carried and all in the group's state,
 * is carried; a member of a group not carried is not carried either (the group moves as one). FAULT instances
 * restart: their fault causes are measured again; so do instances the new plan finds absent (dynamic_interfaces).
 */
final class ReloadDiff {
    private ReloadDiff() {
    }

    /** States read from the old engine on its loop thread. */
    record OldStates(Map<String, VrrpState> instances, Map<String, VrrpState> groups) {
    }

    static CarriedOver carried(VrrpPlan old, OldStates states, VrrpPlan next) {
        return carried(old, states, next, Set.of());
    }

    /** {@code mustRestart}: instances whose change cannot be applied in place for reasons outside the plans. */
    static CarriedOver carried(VrrpPlan old, OldStates states, VrrpPlan next, Set<String> mustRestart) {
        var instances = new HashMap<String, VrrpState>();
        var kept = new HashMap<String, Set<InetAddress>>();
        for (InstanceParams p : old.instances()) {
            String n = p.name();
            VrrpState s = states.instances().get(n);
            Optional<InstanceParams> q = next.instances().stream().filter(x -> x.name().equals(n)).findFirst();
            if (q.isEmpty() || !sameRouter(p, q.get()) || mustRestart.contains(n) || next.absent().containsKey(n)
                    || (s != VrrpState.MASTER && s != VrrpState.BACKUP)) {
                continue;
            }
            instances.put(n, s);
            kept.put(n, keptVips(p, q.get(), old.addressesOf().get(n), next.addressesOf().get(n)));
        }
        var groups = new HashMap<String, VrrpState>();
        for (SyncGroupParams g : old.groups()) {
            VrrpState s = states.groups().get(g.name());
            boolean same = next.groups().contains(g)
                    && g.members().stream().allMatch(m -> instances.get(m) == s);
            if (same && (s == VrrpState.MASTER || s == VrrpState.BACKUP)) {
                groups.put(g.name(), s);
            }
        }
        for (SyncGroupParams g : old.groups()) {
            if (!groups.containsKey(g.name())) {
                g.members().forEach(instances::remove);
            }
        }
        for (SyncGroupParams g : next.groups()) {
            if (groupOf(old, g.members().getFirst()).isEmpty()) {
                g.members().forEach(instances::remove);    // joined a group: the group starts afresh
            }
        }
        kept.keySet().retainAll(instances.keySet());
        return new CarriedOver(instances, groups, kept);
    }

    /**
     * The old instances no new one is the same virtual router of (keepalived's vrrp_exist fails): the reload deletes
     * them. {@code notifyDeleted}: the old instances configured with notify_deleted.
     */
    static java.util.List<GoneAtReload> gone(VrrpPlan old, OldStates states, VrrpPlan next, Set<String> notifyDeleted) {
        return old.instances().stream()
                .filter(p -> next.instances().stream().noneMatch(q -> sameRouter(p, q)))
                .map(p -> GoneAtReload.of(p.name(), states.instances().get(p.name()), notifyDeleted.contains(p.name())))
                .toList();
    }

    /** keepalived's vrrp_exist: the same virtual router on the same link, so its state means the same. */
    static boolean sameRouter(InstanceParams a, InstanceParams b) {
        return a.name().equals(b.name()) && a.interfaceName().equals(b.interfaceName()) && a.vrid() == b.vrid()
                && a.family() == b.family() && a.unicast() == b.unicast()
                && (!a.unicast() || Objects.equals(a.sourceAddress(), b.sourceAddress()));
    }

    /**
     * The VIPs and E-VIPs in both configurations with the same address spec (interface, prefix, scope, label):
     * they stay on over the reload. One whose spec changed is removed and added again as the new one.
     */
    private static Set<InetAddress> keptVips(InstanceParams old, InstanceParams next, List<InterfaceAddress> oldSpecs,
                                             List<InterfaceAddress> nextSpecs) {
        var both = new LinkedHashSet<InetAddress>(old.vips());
        both.addAll(old.excludedVips());
        var wanted = new HashSet<InetAddress>(next.vips());
        wanted.addAll(next.excludedVips());
        both.retainAll(wanted);
        both.removeIf(a -> !Objects.equals(spec(oldSpecs, a), spec(nextSpecs, a)));
        return both;
    }

    private static Optional<InterfaceAddress> spec(List<InterfaceAddress> specs, InetAddress a) {
        return specs == null ? Optional.empty() : specs.stream().filter(s -> s.address().equals(a)).findFirst();
    }

    private static Optional<SyncGroupParams> groupOf(VrrpPlan plan, String member) {
        return plan.groups().stream().filter(g -> g.members().contains(member)).findFirst();
    }
}
