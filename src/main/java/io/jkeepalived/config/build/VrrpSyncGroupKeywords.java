package io.jkeepalived.config.build;

import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import io.jkeepalived.config.model.TrackRef;
import java.util.OptionalInt;

/**
 * The {@code vrrp_sync_group} keywords, each beside what it does to the {@link VrrpSyncGroupDraft}, with keepalived's
 * words.
 */
final class VrrpSyncGroupKeywords {
    private VrrpSyncGroupKeywords() {
    }

    static final KeywordTable<VrrpSyncGroupDraft> TABLE = KeywordTable.<VrrpSyncGroupDraft>of("vrrp_sync_group")
            .on("group", VrrpSyncGroupKeywords::group)
                .applied(VrrpSyncGroupSpec::members)
            .on("track_interface",
                    (g, w) -> g.trackInterfaces.addAll(TrackLines.read(g.tag(), w.node(), -253, 253, w.sink())))
                .applied(VrrpSyncGroupSpec::trackInterfaces)
            .on("track_script",
                    (g, w) -> g.trackScripts.addAll(TrackLines.read(g.tag(), w.node(), -253, 253, w.sink())))
                .applied(VrrpSyncGroupSpec::trackScripts)
            .on("track_file",
                    (g, w) -> g.trackFiles.addAll(TrackLines.read(g.tag(), w.node(), -254, 254, w.sink())))
                .applied(VrrpSyncGroupSpec::trackFiles)
            .on("track_process",
                    (g, w) -> g.trackProcesses.addAll(TrackLines.read(g.tag(), w.node(), -254, 254, w.sink())))
                .applied(VrrpSyncGroupSpec::trackProcesses)
            .on("track_bfd",
                    (g, w) -> g.trackBfds.addAll(TrackLines.read(g.tag(), w.node(), -253, 253, w.sink())))
                .unsupported("BFD")
            .on("notify_master", (g, w) -> g.master = w.script(0).orElse(null))
                .applied(NotifySpec::master)
            .on("notify_backup", (g, w) -> g.backup = w.script(0).orElse(null))
                .applied(NotifySpec::backup)
            .on("notify_fault", (g, w) -> g.fault = w.script(0).orElse(null))
                .applied(NotifySpec::fault)
            .on("notify_stop", (g, w) -> g.stop = w.script(0).orElse(null))
                .applied(NotifySpec::stop)
            .on("notify", (g, w) -> g.generic = w.script(0).orElse(null))
                .applied(NotifySpec::generic)
            .on("smtp_alert", (g, w) -> g.smtp = w.bool(0))
                .applied(VrrpSyncGroupSpec::smtpAlert)
            // both keep the weights of the members' own trackers (SyncGroupTrackingWeights), so what they fill is
            // the members' track lists
            .on("global_tracking", VrrpSyncGroupKeywords::globalTracking)
                .applied(VrrpInstanceSpec::trackScripts)
            .on("sync_group_tracking_weight", (g, w) -> g.weighted = true)
                .applied(VrrpInstanceSpec::trackScripts)
            // keepalived: the default of the members that do not set their own (before global_defs')
            .on("notify_priority_changes", (g, w) -> g.prioChanges = w.bool(0))
                .applied(VrrpInstanceSpec::notifyPriorityChanges)
            .build();

    /** keepalived 2.2.7 still honours it, as sync_group_tracking_weight, and says it is deprecated. */
    private static void globalTracking(VrrpSyncGroupDraft g, Words w) {
        w.warning(g.tag() + " global_tracking is deprecated. Use track_interface/script/file on the sync group");
        g.globalTracking = true;
        g.weighted = true;
    }

    private static void group(VrrpSyncGroupDraft g, Words w) {
        // Members may be one per line or several on a line.
        for (var line : w.node().children()) {
            g.members.add(new TrackRef(line.name(), OptionalInt.empty(), false, line.pos()));
            line.args().forEach(a -> g.members.add(new TrackRef(a.text(), OptionalInt.empty(), false, a.pos())));
        }
    }
}
