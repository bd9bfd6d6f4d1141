package io.jkeepalived.notify;

import io.jkeepalived.common.Log;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts scripts off the VRRP loop: fork/exec happens on one launcher thread fed by a bounded queue, so a
 * slow exec or a storm of transitions never delays an advert. Output is discarded, the exit status is
 * reaped by the JDK. A full queue drops the script with a log line rather than blocking.
 */
public final class ScriptLauncher implements AutoCloseable {
    private final Log log;
    private final ThreadPoolExecutor executor;
    private final List<Process> stopScripts = new ArrayList<>();

    public ScriptLauncher(Log log, int queueCapacity) {
        this.log = log;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> Thread.ofPlatform().name("VRRP-scripts").daemon().unstarted(r));
    }

    /** Fire and forget. */
    public void launch(List<String> argv) {
        launch(argv, p -> { });
    }

    /** Runs {@code started} with the process once it runs (on the launcher thread). */
    public void launch(List<String> argv, Consumer<Process> started) {
        try {
            executor.execute(() -> start(argv).ifPresent(started));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warning("Too many scripts queued - not running " + String.join(" ", argv));
        }
    }

    /** notify_stop scripts: remembered so that {@link #awaitStopScripts} can wait for them. */
    public void launchStopScript(List<String> argv) {
        launch(argv, p -> {
            synchronized (stopScripts) {
                stopScripts.add(p);
            }
        });
    }

    /** Waits until queued launches are done and stop scripts have exited, at most {@code limit} in all. */
    public void awaitStopScripts(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        var flushed = new CompletableFuture<Void>();
        try {
            executor.execute(() -> flushed.complete(null));
            flushed.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            List<Process> running;
            synchronized (stopScripts) {
                running = List.copyOf(stopScripts);
            }
            for (Process p : running) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the bound passed or the launcher was full: keepalived also stops waiting
        }
    }

    Optional<Process> start(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(p);
        } catch (IOException e) {
            log.warning("Failed to exec script " + String.join(" ", argv) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
