package io.jkeepalived.daemon;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * keepalived 2.2.7's {@code startup_script} and {@code shutdown_script}: the first runs before any subsystem
 * starts and the daemon waits for it; the second runs after every subsystem stopped, and the daemon exits
 * once it ends. Each runs as a script (script_user, the path-security rules) through the one script runner,
 * with its own timeout ({@code startup_script_timeout} / {@code shutdown_script_timeout}, 10 s by default);
 * one that outlives it gets keepalived's SIGTERM, then SIGKILL 2 s later, to its whole process group. Whatever
 * the script's outcome - failed, timed out, not run - the daemon goes on, as keepalived does.
 */
final class StartStopScripts {
    /** keepalived: SIGTERM at the timeout, SIGKILL 2 s later. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final GlobalDefs globals;
    private final boolean logDetail;
    private final Log log;

    StartStopScripts(GlobalDefs globals, boolean logDetail, Log log) {
        this.globals = globals;
        this.logDetail = logDetail;
        this.log = log;
    }

    void runStartup() {
        globals.startupScript().ifPresent(s -> run("startup script", s, globals.startupScriptTimeout()));
    }

    void runShutdown() {
        globals.shutdownScript().ifPresent(s -> run("shutdown script", s, globals.shutdownScriptTimeout()));
    }

    private void run(String type, ScriptSpec script, Duration timeout) {
        if (logDetail) {
            log.info("Running " + type + " " + script.commandLine());
        }
        var jobs = new ScriptJobs(ScriptJobs.Settings.of(globals), log);
        var job = jobs.job(script, List.of(), Optional.of(timeout), KILL_GRACE);
        if (job.isEmpty()) {
            log.info("Call of " + type + " " + script.commandLine() + " failed");
            return;
        }
        try (var runner = new ScriptRunner(log, 1, "start-stop-script")) {
            var handle = runner.start(job.get());
            ScriptOutcome outcome;
            try {
                outcome = handle.outcome().get(timeout.plus(KILL_GRACE).toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.info(type + " (PID " + handle.pid() + ") failed to terminate after kill");
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                log.info("Call of " + type + " " + script.commandLine() + " failed");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // keepalived's words, "startup script script failed" included: operators grep for them
            switch (outcome) {
                case ScriptOutcome.Exited x when x.code() != 0 -> log.info(type + " script failed, status " + x.code());
                case ScriptOutcome.Exited x -> {
                    if (logDetail) {
                        log.info(type + " script succeeded");
                    }
                }
                case ScriptOutcome.TimedOut t -> {
                    log.info(type + " timed out");
                    awaitReaped(handle);
                }
                case ScriptOutcome.NotRun n -> log.info("Call of " + type + " " + script.commandLine() + " failed");
                default -> { }
            }
        }
    }

    /** A timed-out script's outcome comes at the timeout; its group is killed after: wait for that too. */
    private static void awaitReaped(io.jkeepalived.notify.ScriptHandle handle) {
        long deadline = System.nanoTime() + KILL_GRACE.toNanos() + 5_000_000_000L;
        while (handle.running() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }
}
