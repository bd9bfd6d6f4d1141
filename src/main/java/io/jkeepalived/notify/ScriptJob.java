package io.jkeepalived.notify;

import io.jkeepalived.linux.Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run of a script: its words (argv[0] a path or a bare name looked up on the scripts' PATH), whom it runs
 * as (empty: as the daemon), and how long it may run. On timeout its process group gets SIGTERM and, after
 * {@code killGrace}, SIGKILL; a zero grace sends SIGKILL at once.
 */
public record ScriptJob(List<String> argv, Optional<Credentials> runAs, Optional<Duration> timeout, Duration killGrace) {
    public ScriptJob {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a script needs a program");
        }
    }

    /** A notify script: no timeout, as keepalived. */
    public static ScriptJob notify(List<String> argv, Optional<Credentials> runAs) {
        return new ScriptJob(argv, runAs, Optional.empty(), Duration.ZERO);
    }

    public String commandLine() {
        return String.join(" ", argv);
    }
}
