package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vrrp_track_process NAME { process NAME [params]; param_match initial|partial; weight (0 = FAULT)
 * [reverse]; quorum (1); quorum_max; delay / fork_delay / terminate_delay; full_command }}.
 */
public record TrackProcessSpec(String name, String process, List<String> parameters, Optional<String> paramMatch,
        int weight, boolean weightReverse, int quorum, int quorumMax, Duration forkDelay, Duration terminateDelay,
        boolean fullCommand, SourcePos pos) {
    public TrackProcessSpec {
        parameters = List.copyOf(parameters);
    }
}
