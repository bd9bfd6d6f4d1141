package io.jkeepalived.check.runtime;

import io.jkeepalived.check.port.ScriptExecutor;
import io.jkeepalived.common.Log;
import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.notify.ScriptHandle;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The checker's scripts (MISC_CHECK, notify_up/down, quorum_up/down) on the daemon's one script runner: the
 * {@link ScriptExecutor} port for checkers and fire-and-forget notifies for the action runner.
 */
public final class CheckScripts implements ScriptExecutor, AutoCloseable {
    private final ScriptRunner runner;
    private final ScriptJobs jobs;

    public CheckScripts(ScriptJobs jobs, Log log) {
        this.runner = new ScriptRunner(log, 256, "checker-scripts");
        this.jobs = jobs;
    }

    @Override
    public void run(ScriptSpec script, Duration timeout, Duration killGrace, Consumer<ScriptOutcome> done) {
        jobs.job(script, List.of(), Optional.of(timeout), killGrace).map(runner::start).ifPresentOrElse(
                handle -> handle.outcome().thenAccept(done),
                () -> done.accept(new ScriptOutcome.NotRun("no user to run " + script.commandLine() + " as")));
    }

    /** A notify script: started and not waited for; empty when it may not run. */
    public Optional<ScriptHandle> notify(ScriptSpec script) {
        return jobs.notifyJob(script, List.of()).map(runner::start);
    }

    /** The reader script of a checker notify FIFO (notify_fifo_script, lvs_notify_fifo_script). */
    public void startFifoReader(io.jkeepalived.notify.NotifyFifo fifo, ScriptSpec script) {
        fifo.startReader(script, jobs, runner);
    }

    @Override
    public void close() {
        runner.close();
    }
}
