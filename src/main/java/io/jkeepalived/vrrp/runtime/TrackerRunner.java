package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.notify.ScriptHandle;
import io.jkeepalived.notify.ScriptJob;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.linux.SafeFiles;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.common.Log;
import io.jkeepalived.common.ThreadWatch;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.common.MonotonicClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs vrrp_scripts on their interval (with timeout, rise/fall, init_fail, user) and reads track_files,
 * on one tracking thread away from the VRRP loop; a status change goes to the loop as TrackerChanged
 * events. Scripts are waited for asynchronously, so a hanging script only delays itself.
 */
final class TrackerRunner implements AutoCloseable {
    private final TrackerBook book;
    private final List<VrrpScriptSpec> scripts;
    private final List<TrackFileSpec> files;
    private final Consumer<VrrpEvent> loop;
    private static final int MAX_TRACK_FILE_BYTES = 4096;
    private final ScriptRunner runner;
    private final int umask;
    private final ScriptJobs jobs;
    private final MonotonicClock clock;
    private final Log log;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("VRRP-track").daemon().unstarted(r));
    private final Map<String, ScriptState> states = new HashMap<>();
    private final Map<String, Long> fileValues = new HashMap<>();
    /** A task that throws would be cancelled silently by the executor: guarded, it is a death the daemon sees. */
    private final ThreadWatch watch;
    /** The tracking thread's steps: a task stuck on it (a hanging file read) stops every tracker. */
    private final ThreadWatch.Heartbeat beat;

    /** rise/fall bookkeeping of one script; touched only on the tracking thread. */
    private static final class ScriptState {
        boolean ok;
        int streak;
        int lastExit = Integer.MIN_VALUE;
        ScriptHandle running;
    }

    TrackerRunner(TrackerBook book, List<VrrpScriptSpec> scripts, List<TrackFileSpec> files, Consumer<VrrpEvent> loop,
                  ScriptRunner runner, ScriptJobs jobs, int umask, MonotonicClock clock, Log log) {
        this.book = book;
        this.scripts = List.copyOf(scripts);
        this.files = List.copyOf(files);
        this.loop = loop;
        this.runner = runner;
        this.umask = umask;
        this.jobs = jobs;
        this.clock = clock;
        this.log = log;
        this.watch = new ThreadWatch(d -> log.error("VRRP thread " + d.describe() + " - the VRRP subsystem will be restarted"));
        this.beat = watch.heartbeat("VRRP-track", java.time.Duration.ofSeconds(1));
    }

    /** The first tracking task that died, if one did. */
    java.util.Optional<ThreadWatch.Death> death() {
        return watch.death();
    }

    /** A task on the tracking thread: what it throws is a death, a step it never finishes is a stall. */
    private Runnable watched(Runnable task) {
        return watch.guarded("VRRP-track", () -> beat.step(task));
    }

    /** The initial statuses (submitted right after the engine's Start), then the periodic work. */
    void start() {
        long now = clock.nowMicros();
        for (VrrpScriptSpec s : scripts) {
            var st = new ScriptState();
            st.ok = !s.initFail();
            states.put(s.name(), st);
            book.status(TrackerBook.scriptKey(s.name()), st.ok, now).forEach(loop);
            long every = Math.max(1, s.interval().toMillis());
            timer.scheduleWithFixedDelay(watched(() -> runScript(s)), 0, every, TimeUnit.MILLISECONDS);
        }
        for (TrackFileSpec f : files) {
            initFile(f);
            long v = readValue(f);
            fileValues.put(f.name(), v);
            book.value(TrackerBook.fileKey(f.name()), v, now).forEach(loop);
            timer.scheduleWithFixedDelay(watched(() -> pollFile(f)), 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    private void runScript(VrrpScriptSpec s) {
        ScriptState st = states.get(s.name());
        if (st.running != null && st.running.running()) {
            return;                        // still within its timeout from the last interval
        }
        // on timeout the runner kills the script's whole process group at once (SIGKILL, no grace)
        Optional<ScriptJob> job = jobs.job(s.script(), List.of(), Optional.of(s.timeout()), Duration.ZERO);
        if (job.isEmpty()) {
            result(s, st, -1, false);
            return;
        }
        ScriptHandle handle = runner.start(job.get());
        st.running = handle;
        handle.outcome().thenAccept(outcome -> timer.execute(watched(() -> {
            switch (outcome) {
                case ScriptOutcome.TimedOut t -> {
                    log.warning("Script `" + s.name() + "` timed out");
                    result(s, st, -1, true);
                }
                case ScriptOutcome.NotRun n -> result(s, st, -1, false);
                default -> result(s, st, outcome.shellStatus(), false);
            }
        })));
    }

    private void result(VrrpScriptSpec s, ScriptState st, int exit, boolean timedOut) {
        if (!timedOut && exit != st.lastExit) {
            log.info("Script `" + s.name() + "` now returning " + exit);
        }
        st.lastExit = timedOut ? Integer.MIN_VALUE : exit;
        boolean success = !timedOut && exit == 0;
        if (success == st.ok) {
            st.streak = 0;
            return;
        }
        st.streak++;
        if (st.streak < (success ? s.rise() : s.fall())) {
            return;
        }
        st.ok = success;
        st.streak = 0;
        log.info("VRRP_Script(" + s.name() + ") " + (success ? "succeeded"
                : timedOut ? "timed_out" : "failed (exited with status " + exit + ")"));
        book.status(TrackerBook.scriptKey(s.name()), success, clock.nowMicros()).forEach(loop);
    }

    private void initFile(TrackFileSpec f) {
        Path p = Path.of(f.file());
        if (f.initFile() && (f.initOverwrite() || !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            try {
                SafeFiles.write(p, (f.initValue().orElse(0) + "\n").getBytes(StandardCharsets.US_ASCII), umask);
            } catch (IOException e) {
                log.error("Unable to initialise track file " + p + ": " + e.getMessage());
            }
        }
    }

    private void pollFile(TrackFileSpec f) {
        long v = readValue(f);
        Long old = fileValues.put(f.name(), v);
        if (old == null || old != v) {
            log.info("Tracked file " + f.name() + " now has value " + v);
            book.value(TrackerBook.fileKey(f.name()), v, clock.nowMicros()).forEach(loop);
        }
    }

    /**
     * keepalived reads the first number in the file; missing or unreadable counts as 0. Only a regular file is
     * read, and only its start: a track file pointing at /dev/zero or a FIFO must not exhaust memory or block.
     */
    static long readValue(TrackFileSpec f) {
        Path p = Path.of(f.file());
        if (!Files.isRegularFile(p)) {
            return 0;
        }
        try (var in = Files.newInputStream(p)) {
            String text = new String(in.readNBytes(MAX_TRACK_FILE_BYTES), StandardCharsets.US_ASCII).trim();
            String first = text.isEmpty() ? "0" : text.split("\\s+")[0];
            return Long.parseLong(first);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        states.values().forEach(st -> {
            if (st.running != null) {
                st.running.kill();
            }
        });
    }
}
