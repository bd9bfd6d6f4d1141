package io.jkeepalived.notify;

import io.jkeepalived.common.ScriptOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * A script the runner accepted: its outcome (completed when it exits, times out or cannot start) and whether
 * its process is still to be reaped. A timed-out script's outcome completes at the timeout even while its
 * group is still being killed.
 */
public final class ScriptHandle {
    private final CompletableFuture<ScriptOutcome> outcome = new CompletableFuture<>();
    private volatile boolean finished;
    private volatile int pid;
    private volatile java.util.function.IntConsumer signal = sig -> { };

    public CompletableFuture<ScriptOutcome> outcome() {
        return outcome;
    }

    /** True until the process is reaped (or was never started). */
    public boolean running() {
        return !finished;
    }

    /** SIGTERM to its whole process group (nothing once it has been reaped). */
    public void terminate() {
        signal.accept(io.jkeepalived.linux.Signals.SIGTERM);
    }

    /** SIGKILL to its whole process group (nothing once it has been reaped). */
    public void kill() {
        signal.accept(io.jkeepalived.linux.Signals.SIGKILL);
    }

    /** The script's pid (also its process group and session id) once started; 0 before or when never started. */
    public int pid() {
        return pid;
    }

    void started(int childPid) {
        pid = childPid;
    }

    void onSignal(java.util.function.IntConsumer sender) {
        signal = sender;
    }

    void complete(ScriptOutcome result) {
        outcome.complete(result);
    }

    void finished() {
        finished = true;
    }
}
