package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.TrackProcessSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One {@code vrrp_track_process} block while it is read: {@link TrackProcessKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks.
 */
final class TrackProcessDraft {
    final String name;
    String process;
    List<String> params = List.of();
    Optional<String> paramMatch = Optional.empty();
    int weight;
    boolean reverse;
    int quorum = 1;
    int quorumMax = Integer.MAX_VALUE;
    Duration fork = Duration.ZERO;
    Duration terminate = Duration.ZERO;
    boolean full;

    TrackProcessDraft(String name) {
        this.name = name;
    }

    Optional<TrackProcessSpec> finish(ConfigNode block, DiagnosticSink sink) {
        if (process == null) {
            sink.error(VrrpBuilder.endPos(block), "track process '" + name + "' process name not specified");
            return Optional.empty();
        }
        return Optional.of(new TrackProcessSpec(name, process, params, paramMatch, weight, reverse, quorum, quorumMax, fork,
                terminate, full, block.pos()));
    }
}
