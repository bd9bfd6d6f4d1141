package io.jkeepalived.vrrp.engine;

import java.util.List;

/** A vrrp_sync_group: its name and member instance names. Members move between states together. */
public record SyncGroupParams(String name, List<String> members) {
    public SyncGroupParams {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("sync group " + name + " has no members");
        }
    }
}
