package io.jkeepalived.check;

import io.jkeepalived.daemon.log.Log;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs notify scripts the way keepalived does: fire and forget, argv exec'd directly, output discarded,
 * the exit status reaped so no zombie is left. Shutdown scripts (omega) are waited for, at most a bound.
 */
public final class ScriptRunner {
    private final Log log;
    private final Duration shutdownWait;

    public ScriptRunner(Log log, Duration shutdownWait) {
        this.log = log;
        this.shutdownWait = shutdownWait;
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

    /** Runs a shutdown script and waits for it (bounded), as keepalived does for omega notifies. */
    public void runAndWait(List<String> argv) {
        var p = run(argv);
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(shutdownWait.toNanos(), TimeUnit.NANOSECONDS)) {
                p.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
