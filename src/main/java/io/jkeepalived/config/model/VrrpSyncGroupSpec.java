package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;

/** {@code vrrp_sync_group NAME { group { VI_1 VI_2 } ... }}: instances that change state together. */
public record VrrpSyncGroupSpec(
        String name,
        List<String> members,
        List<TrackRef> trackInterfaces,
        List<TrackRef> trackScripts,
        List<TrackRef> trackFiles,
        List<TrackRef> trackProcesses,
        List<TrackRef> trackBfds,
        NotifySpec notifyScripts,
        boolean smtpAlert,
        boolean globalTracking,
        boolean syncGroupTrackingWeight,
        boolean notifyPriorityChanges,
        SourcePos pos) {
    public VrrpSyncGroupSpec {
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }
}
