package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code vrrp_sync_group} block while it is read: {@link VrrpSyncGroupKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks.
 */
final class VrrpSyncGroupDraft {
    final String name;
    final List<TrackRef> members = new ArrayList<>();
    final List<TrackRef> trackInterfaces = new ArrayList<>();
    final List<TrackRef> trackScripts = new ArrayList<>();
    final List<TrackRef> trackFiles = new ArrayList<>();
    final List<TrackRef> trackProcesses = new ArrayList<>();
    final List<TrackRef> trackBfds = new ArrayList<>();
    ScriptSpec master;
    ScriptSpec backup;
    ScriptSpec fault;
    ScriptSpec stop;
    ScriptSpec generic;
    boolean smtp;
    boolean globalTracking;
    boolean weighted;
    Boolean prioChanges;       // null: not written (members then follow global_defs)

    VrrpSyncGroupDraft(String name) {
        this.name = name;
    }

    String tag() {
        return "(" + name + ")";
    }

    UnresolvedSyncGroup finish(ConfigNode block) {
        var notify = new NotifySpec(Optional.ofNullable(master), Optional.ofNullable(backup), Optional.ofNullable(fault),
                Optional.ofNullable(stop), Optional.empty(), false, Optional.ofNullable(generic), Optional.empty());
        var spec = new VrrpSyncGroupSpec(name, List.of(), trackInterfaces, trackScripts, trackFiles, trackProcesses,
                trackBfds, notify, smtp, globalTracking, weighted, Boolean.TRUE.equals(prioChanges), block.pos());
        return new UnresolvedSyncGroup(spec, members, java.util.Optional.ofNullable(prioChanges));
    }
}
