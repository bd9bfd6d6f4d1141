package io.jkeepalived.config.build;

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
            .on("track_interface",
                    (g, w) -> g.trackInterfaces.addAll(TrackLines.read(g.tag(), w.node(), -253, 253, w.sink())))
            .on("track_script",
                    (g, w) -> g.trackScripts.addAll(TrackLines.read(g.tag(), w.node(), -253, 253, w.sink())))
            .on("track_file",
                    (g, w) -> g.trackFiles.addAll(TrackLines.read(g.tag(), w.node(), -254, 254, w.sink())))
            .on("track_process",
                    (g, w) -> g.trackProcesses.addAll(TrackLines.read(g.tag(), w.node(), -254, 254, w.sink())))
            .on("track_bfd",
                    (g, w) -> g.trackBfds.addAll(TrackLines.read(g.tag(), w.node(), -253, 253, w.sink())))
            .on("notify_master", (g, w) -> g.master = w.script(0).orElse(null))
            .on("notify_backup", (g, w) -> g.backup = w.script(0).orElse(null))
            .on("notify_fault", (g, w) -> g.fault = w.script(0).orElse(null))
            .on("notify_stop", (g, w) -> g.stop = w.script(0).orElse(null))
            .on("notify", (g, w) -> g.generic = w.script(0).orElse(null))
            .on("smtp_alert", (g, w) -> g.smtp = w.bool(0))
            .on("global_tracking", (g, w) -> g.globalTracking = true)
            .on("sync_group_tracking_weight", (g, w) -> g.weighted = true)
            .on("notify_priority_changes", (g, w) -> g.prioChanges = w.bool(0))
            .build();

    private static void group(VrrpSyncGroupDraft g, Words w) {
        // Members may be one per line or several on a line.
        for (var line : w.node().children()) {
            g.members.add(new TrackRef(line.name(), OptionalInt.empty(), false, line.pos()));
            line.args().forEach(a -> g.members.add(new TrackRef(a.text(), OptionalInt.empty(), false, a.pos())));
        }
    }
}
