package io.jkeepalived.config.build;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * keepalived's rule (vrrp_complete_instance) that the members of a sync group move together, so their own
 * trackers may not shift their priorities unless the group says {@code sync_group_tracking_weight} (or the
 * deprecated {@code global_tracking}); and that an address owner (priority 255) has no floating priority at
 * all. For such an instance a weighted tracked script is dropped; a tracked file with the default weight 1
 * becomes unweighted (a non-zero value means FAULT) and one with another weight is dropped. A weighted tracked
 * interface is reported as ignored but keeps its weight: keepalived 2.2.7 does the same (seen side by side in
 * SyncGroupTrackingWeightRootTest). Each change is reported in keepalived's words.
 * A sync group with an address owner among its members has its own weighted trackers unweighted.
 */
final class SyncGroupTrackingWeights {
    private final DiagnosticSink sink;
    private final List<VrrpScriptSpec> scripts;
    private final List<TrackFileSpec> files;
    private final List<TrackProcessSpec> processes;

    SyncGroupTrackingWeights(DiagnosticSink sink, List<VrrpScriptSpec> scripts, List<TrackFileSpec> files,
                             List<TrackProcessSpec> processes) {
        this.sink = sink;
        this.scripts = scripts;
        this.files = files;
        this.processes = processes;
    }

    /**
     * keepalived's sync_group_tracking_init: a group with an address owner among its members cannot shift
     * priorities either, so its own weighted trackers become unweighted (a failure means FAULT).
     */
    List<VrrpSyncGroupSpec> applyToGroups(List<VrrpSyncGroupSpec> groups, List<VrrpInstanceSpec> instances) {
        var out = new ArrayList<VrrpSyncGroupSpec>();
        for (var g : groups) {
            boolean owner = instances.stream().anyMatch(i -> i.isAddressOwner() && g.members().contains(i.name()));
            out.add(owner ? unweighted(g) : g);
        }
        return out;
    }

    private VrrpSyncGroupSpec unweighted(VrrpSyncGroupSpec g) {
        String tag = "(" + g.name() + ") Cannot have weighted track ";
        String owner = "' with member having priority 255 - ";
        var keptScripts = zeroed(g.trackScripts(), r -> r.weight().orElseGet(() -> scripts.stream()
                .filter(s -> s.name().equals(r.name())).mapToInt(VrrpScriptSpec::weight).findFirst().orElse(0)),
                r -> tag + "script '" + r.name() + owner + "clearing weight");
        var keptFiles = zeroed(g.trackFiles(), r -> r.weight().orElseGet(() -> files.stream()
                .filter(f -> f.name().equals(r.name())).mapToInt(TrackFileSpec::weight).findFirst().orElse(1)),
                r -> tag + "file '" + r.name() + owner + "setting weight 0");
        var keptProcesses = zeroed(g.trackProcesses(), r -> r.weight().orElseGet(() -> processes.stream()
                .filter(p -> p.name().equals(r.name())).mapToInt(TrackProcessSpec::weight).findFirst().orElse(0)),
                r -> tag + "process '" + r.name() + owner + "setting weight 0");
        var keptInterfaces = zeroed(g.trackInterfaces(), r -> r.weight().orElse(0),
                r -> tag + "interface '" + r.name() + owner + "clearing weight");
        return new VrrpSyncGroupSpec(g.name(), g.members(), keptInterfaces, keptScripts, keptFiles, keptProcesses,
                g.trackBfds(), g.notifyScripts(), g.smtpAlert(), g.globalTracking(), g.syncGroupTrackingWeight(),
                g.notifyPriorityChanges(), g.pos());
    }

    private List<TrackRef> zeroed(List<TrackRef> refs, java.util.function.ToIntFunction<TrackRef> weight,
                                  java.util.function.Function<TrackRef, String> message) {
        var out = new ArrayList<TrackRef>();
        for (var r : refs) {
            if (weight.applyAsInt(r) == 0) {
                out.add(r);
            } else {
                warn(message.apply(r));
                out.add(new TrackRef(r.name(), OptionalInt.of(0), false, r.pos()));
            }
        }
        return out;
    }

    List<VrrpInstanceSpec> apply(List<VrrpInstanceSpec> instances, List<VrrpSyncGroupSpec> groups) {
        var out = new ArrayList<VrrpInstanceSpec>();
        for (var i : instances) {
            boolean sync = groups.stream().anyMatch(g -> g.members().contains(i.name()) && !g.syncGroupTrackingWeight());
            out.add(sync || i.isAddressOwner() ? unweighted(i, sync) : i);
        }
        return out;
    }

    private VrrpInstanceSpec unweighted(VrrpInstanceSpec i, boolean sync) {
        String tag = "(" + i.name() + ") ";
        String cause = sync ? "SYNC group" : "address_owner";
        // keepalived 2.2.7 says so for a weighted tracked interface but has linked it to the interface with its
        // weight already (add_vrrp_to_interface comes first): the weight stays in force, and here too
        for (var r : i.trackInterfaces()) {
            if (r.weight().orElse(0) != 0) {
                warn(tag + "ignoring " + r.name() + " tracked interface " + (sync ? "weight due to SYNC group"
                        : "due to address owner"));
            }
        }
        var keptScripts = new ArrayList<TrackRef>();
        for (var r : i.trackScripts()) {
            int weight = r.weight().orElseGet(() -> scripts.stream().filter(s -> s.name().equals(r.name()))
                    .mapToInt(VrrpScriptSpec::weight).findFirst().orElse(0));
            if (weight == 0) {
                keptScripts.add(r);
            } else {
                warn(tag + "ignoring tracked script " + r.name() + " with weights due to " + cause);
            }
        }
        var keptFiles = new ArrayList<TrackRef>();
        for (var r : i.trackFiles()) {
            int weight = r.weight().orElseGet(() -> files.stream().filter(f -> f.name().equals(r.name()))
                    .mapToInt(TrackFileSpec::weight).findFirst().orElse(1));
            if (weight == 0) {
                keptFiles.add(r);
            } else if (weight == 1) {       // keepalived's default weight: taken as "not meant"
                warn(tag + "ignoring weight from tracked file " + r.name() + " due to " + cause + ". specify weight 0");
                keptFiles.add(new TrackRef(r.name(), OptionalInt.of(0), false, r.pos()));
            } else {
                warn(tag + "ignoring tracked file " + r.name() + " with weight " + weight + " due to " + cause);
            }
        }
        return i.withTracking(i.trackInterfaces(), keptScripts, keptFiles);
    }

    private void warn(String message) {
        sink.warning(SourcePos.NONE, message);
    }
}
