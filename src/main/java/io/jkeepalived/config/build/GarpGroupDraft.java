package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.GarpGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code garp_group} block while it is read: {@link GarpGroupKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks. An interface belongs to the first group naming it
 * ({@code claimed} is shared by the groups of one configuration).
 */
final class GarpGroupDraft {
    Duration garp = Duration.ZERO;
    Duration gna = Duration.ZERO;
    boolean hasGarp;
    boolean hasGna;
    int aggregationGroup;       // keepalived's number: set by an interfaces block, 0 otherwise
    final List<String> ifs = new ArrayList<>();
    private final InterfaceCheck interfaces;
    private final Set<String> claimed;
    final int groupsWithBlock;

    GarpGroupDraft(InterfaceCheck interfaces, Set<String> claimed, int groupsWithBlock) {
        this.interfaces = interfaces;
        this.claimed = claimed;
        this.groupsWithBlock = groupsWithBlock;
    }

    /** keepalived's garp_group_interface_handler: the interface must exist and be in no other group. */
    void add(String ifname, SourcePos pos, DiagnosticSink sink) {
        if (!interfaces.exists(ifname)) {
            sink.error(pos, "WARNING - interface " + ifname + " specified for garp_group doesn't exist");
        } else if (!claimed.add(ifname)) {
            sink.error(pos, "garp_group already specified for " + ifname + " - ignoring");
        } else {
            ifs.add(ifname);
        }
    }

    GarpGroupSpec finish(ConfigNode block, DiagnosticSink sink) {
        if (!hasGarp && !hasGna) {
            sink.error(block.closeBrace() == SourcePos.NONE ? block.pos() : block.closeBrace(),
                    "garp group " + aggregationGroup + " does not have any delay set - removing");
            ifs.forEach(claimed::remove);
            ifs.clear();
        }
        return new GarpGroupSpec(garp, gna, ifs, block.pos());
    }
}
