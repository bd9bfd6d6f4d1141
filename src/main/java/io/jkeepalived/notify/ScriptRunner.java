package io.jkeepalived.notify;

import io.jkeepalived.common.Log;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Runs notify scripts the way keepalived does: fire and forget, argv exec'd directly, output discarded,
 * the exit status reaped so no zombie is left.
 */
public final class ScriptRunner {
    private final Log log;

    public ScriptRunner(Log log) {
        this.log = log;
    }

    /** Starts the script; returns the running process, or null when it could not start (logged). */
    public Process run(List<String> argv) {
        try {
            var p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.onExit(); // reaped by the JDK's process reaper
            return p;
        } catch (IOException e) {
            log.warning("Failed to exec notify script " + String.join(" ", argv) + ": " + e.getMessage());
            return null;
        }
    }
}
