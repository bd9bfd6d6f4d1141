package io.jkeepalived.notify;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.linux.ChildProcess;
import io.jkeepalived.linux.ProcessSpawner;
import io.jkeepalived.linux.Signals;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.linux.WaitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one way jkeepalived starts a program. Spawns happen on one launcher platform thread fed by a bounded
 * queue (a storm of transitions never delays an advert; a full queue drops the script with a log line), which
 * also lets that thread take the script user's credentials for the spawn alone. Each child leads its own
 * session and process group, gets /dev/null for stdin and output and a clean environment; a watcher thread
 * waits for it (with the job's timeout, after which the whole group is killed) and reaps it, so no zombie
 * and no orphaned group is left behind.
 */
public final class ScriptRunner implements AutoCloseable {
    /** The only environment a script gets: a PATH of the system directories (no daemon variables leak). */
    public static final String PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    /** PATH, and the daemon's mark by which a later daemon finds the scripts of one that died (LeftoverScripts). */
    static final List<String> ENVIRONMENT = List.of("PATH=" + PATH, LeftoverScripts.MARK);

    private final Log log;
    private final ThreadPoolExecutor launcher;

    public ScriptRunner(Log log, int queueCapacity, String threadName) {
        this.log = log;
        this.launcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> Thread.ofPlatform().name(threadName).daemon().unstarted(() -> {
                    dropAmbientCapabilities();
                    r.run();
                }));
    }

    /** Queues the job; the handle reports its outcome. Never blocks the caller. */
    public ScriptHandle start(ScriptJob job) {
        var handle = new ScriptHandle();
        try {
            launcher.execute(() -> launch(job, handle));
        } catch (RejectedExecutionException e) {
            log.warning("Too many scripts queued - not running " + job.commandLine());
            notRun(handle, "too many scripts queued");
        }
        return handle;
    }

    private void launch(ScriptJob job, ScriptHandle handle) {
        ChildProcess child;
        try {
            child = ProcessSpawner.spawn(new ProcessSpawner.SpawnRequest(withProgramPath(job.argv()), ENVIRONMENT, job.runAs()));
        } catch (SyscallException | RuntimeException e) {
            log.warning("Failed to exec script " + job.commandLine() + ": " + e.getMessage());
            notRun(handle, e.getMessage());
            return;
        }
        handle.started(child.pid());
        handle.onSignal(signal -> signalQuietly(child, signal));
        // a platform thread: it blocks in poll(2)/waitpid(2), which would pin a virtual thread's carrier
        Thread.ofPlatform().daemon().name("script-" + child.pid()).start(() -> watch(job, handle, child));
    }

    private void watch(ScriptJob job, ScriptHandle handle, ChildProcess child) {
        try {
            long limit = job.timeout().map(t -> Math.max(1, t.toMillis())).orElse(-1L);
            if (!child.awaitExit(limit)) {
                handle.complete(new ScriptOutcome.TimedOut());
                killGroup(child, job);
            }
            WaitStatus status = child.reap();
            handle.complete(status.exited() ? new ScriptOutcome.Exited(status.exitCode())
                    : new ScriptOutcome.Signalled(status.signal()));
        } catch (SyscallException e) {
            log.error("Lost track of script " + job.commandLine() + ": " + e.getMessage());
            handle.complete(new ScriptOutcome.NotRun(e.getMessage()));
        } finally {
            handle.finished();
            child.close();
        }
    }

    /**
     * SIGTERM (unless the grace is zero), then SIGKILL to the group once the grace is over, before the leader
     * is reaped: children that ignored SIGTERM are still killed while the group id is surely still ours.
     */
    private static void killGroup(ChildProcess child, ScriptJob job) throws SyscallException {
        if (!job.killGrace().isZero()) {
            child.signalGroup(Signals.SIGTERM);
            child.awaitExit(job.killGrace().toMillis());
        }
        child.signalGroup(Signals.SIGKILL);
        child.awaitExit(-1);
    }

    private void signalQuietly(ChildProcess child, int signal) {
        try {
            child.signalGroup(signal);
        } catch (SyscallException e) {
            log.warning("Unable to signal script process group " + child.pid() + ": " + e.getMessage());
        }
    }

    /** keepalived searches PATH for a bare program name; ours is the scripts' fixed PATH. */
    public static List<String> withProgramPath(List<String> argv) {
        String program = argv.getFirst();
        if (program.contains("/")) {
            return argv;
        }
        for (String dir : PATH.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                var resolved = new ArrayList<>(argv);
                resolved.set(0, candidate.toString());
                return resolved;
            }
        }
        return argv;
    }

    private void dropAmbientCapabilities() {
        try {
            ProcessSpawner.dropAmbientCapabilitiesOfThisThread();
        } catch (SyscallException e) {
            log.warning("Scripts may inherit ambient capabilities: " + e.getMessage());
        }
    }

    private static void notRun(ScriptHandle handle, String reason) {
        handle.complete(new ScriptOutcome.NotRun(reason));
        handle.finished();
    }

    /** Stops taking jobs; scripts already running are left to finish (their watchers reap them). */
    @Override
    public void close() {
        launcher.shutdownNow();
    }
}
