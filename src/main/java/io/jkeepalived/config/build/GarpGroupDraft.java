package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.GarpGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code garp_group} block while it is read: {@link GarpGroupKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks.
 */
final class GarpGroupDraft {
    Duration garp = Duration.ZERO;
    Duration gna = Duration.ZERO;
    final List<String> ifs = new ArrayList<>();

    GarpGroupSpec finish(ConfigNode block, DiagnosticSink sink) {
        if (ifs.isEmpty()) {
            sink.error(block.pos(), "No interface specified for garp_group - ignoring");
        }
        return new GarpGroupSpec(garp, gna, ifs, block.pos());
    }
}
