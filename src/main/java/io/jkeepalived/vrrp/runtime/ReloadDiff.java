package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.SyncGroupParams;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which instances and sync groups a reload carries over (see CarriedOver): an instance whose parameters,
 * socket and addresses are the same in both plans and that is MASTER or BACKUP; a sync group that is the same,
 * whose members all are carried and all in the group's state. A member of a group not carried is not carried
 * either (the group moves as one). FAULT instances restart: their fault causes are measured again.
 */
final class ReloadDiff {
    private ReloadDiff() {
    }

    /** States read from the old engine on its loop thread. */
    record OldStates(Map<String, VrrpState> instances, Map<String, VrrpState> groups) {
    }

    static CarriedOver carried(VrrpPlan old, OldStates states, VrrpPlan next) {
        var instances = new HashMap<String, VrrpState>();
        for (InstanceParams p : old.instances()) {
            String n = p.name();
            VrrpState s = states.instances().get(n);
            boolean same = next.instances().contains(p)
                    && Objects.equals(old.socketOf().get(n), next.socketOf().get(n))
                    && Objects.equals(old.addressesOf().get(n), next.addressesOf().get(n));
            if (same && (s == VrrpState.MASTER || s == VrrpState.BACKUP)) {
                instances.put(n, s);
            }
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
        return new CarriedOver(instances, groups);
    }

    private static Optional<SyncGroupParams> groupOf(VrrpPlan plan, String member) {
        return plan.groups().stream().filter(g -> g.members().contains(member)).findFirst();
    }
}
