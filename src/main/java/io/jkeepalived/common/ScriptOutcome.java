package io.jkeepalived.common;

/** How a script run ended, as the VRRP trackers, MISC_CHECK and the notifiers read it. */
public sealed interface ScriptOutcome {
    /** It exited with this status. */
    record Exited(int code) implements ScriptOutcome {
    }

    /** A signal ended it (not ours: a timeout is {@link TimedOut}). */
    record Signalled(int signal) implements ScriptOutcome {
    }

    /** It ran past its timeout; its whole process group was killed. */
    record TimedOut() implements ScriptOutcome {
    }

    /** It never ran: refused by script security, an unknown user, or exec failed. */
    record NotRun(String reason) implements ScriptOutcome {
    }

    /**
     * The status as a shell (and Java's Process) reports it: the exit code, or 128 + the signal; -1 when it
     * did not end by itself.
     */
    default int shellStatus() {
        return switch (this) {
            case Exited e -> e.code();
            case Signalled s -> 128 + s.signal();
            case TimedOut t -> -1;
            case NotRun n -> -1;
        };
    }
}
