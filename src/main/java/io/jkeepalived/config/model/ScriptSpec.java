package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;
import java.util.Optional;

/**
 * A script keepalived runs (notify_*, vrrp_script, MISC_CHECK, quorum_up ...): the command line as
 * written, split into words the way keepalived splits it, and the optional user/group to run it as.
 */
public record ScriptSpec(String commandLine, List<String> argv, Optional<String> user, Optional<String> group, SourcePos pos) {
    public ScriptSpec {
        argv = List.copyOf(argv);
    }

    /** A script given as its words, with no user of its own (tests, and plans built in code). */
    public static ScriptSpec of(List<String> argv) {
        return new ScriptSpec(String.join(" ", argv), argv, Optional.empty(), Optional.empty(), SourcePos.NONE);
    }
}
