package io.jkeepalived.check.runtime;

import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.check.engine.Action;
import io.jkeepalived.common.Log;
import io.jkeepalived.lvs.PoolEditor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Carries out the check engine's actions: desired-pool changes, log lines, notify scripts, alert mails and
 * notify FIFO lines. Runs on the checker loop; nothing here blocks for long (scripts are not waited for,
 * except shutdown scripts).
 */
public final class ActionRunner implements java.util.function.Consumer<Action>, AutoCloseable {
    private final PoolEditor pool;
    private final Runnable poolChanged;
    private final Log log;
    private final ScriptRunner scripts;
    private final BiConsumer<String, String> alerts;
    private final List<RandomAccessFile> fifos = new ArrayList<>();
    /** FIFO lines wait here for the writer thread: a FIFO nobody reads must not block the checker loop. */
    private final java.util.concurrent.BlockingQueue<byte[]> fifoLines = new java.util.concurrent.ArrayBlockingQueue<>(4096);
    private Thread fifoWriter;
    private boolean fifoOverflowLogged;
    private final List<Process> shutdownScripts = new ArrayList<>();

    /**
     * @param alerts  sends an smtp_alert mail (subject, body)
     * @param fifos   notify_fifo / lvs_notify_fifo paths (opened read-write so a missing reader never blocks)
     */
    public ActionRunner(PoolEditor pool, Log log, ScriptRunner scripts, BiConsumer<String, String> alerts, List<String> fifos) {
        this(pool, () -> { }, log, scripts, alerts, fifos);
    }

    /** @param poolChanged  told after each pool change (the owner coalesces them into one reconcile) */
    public ActionRunner(PoolEditor pool, Runnable poolChanged, Log log, ScriptRunner scripts, BiConsumer<String, String> alerts,
                        List<String> fifos) {
        this.pool = pool;
        this.poolChanged = poolChanged;
        this.log = log;
        this.scripts = scripts;
        this.alerts = alerts;
        for (var path : fifos) {
            try {
                this.fifos.add(new RandomAccessFile(path, "rw"));
            } catch (IOException e) {
                log.warning("Unable to open notify FIFO " + path + ": " + e.getMessage());
            }
        }
        if (!this.fifos.isEmpty()) {
            fifoWriter = Thread.ofVirtual().name("checker-fifo").start(this::writeFifoLines);
        }
    }

    @Override
    public void accept(Action action) {
        switch (action) {
            case Action.DataPlaneOp op -> {
                op.applyTo(pool);
                poolChanged.run();
            }
            case Action.Log l -> log.info(l.line());
            case Action.RunScript s -> {
                var process = scripts.run(s.argv());
                if (s.atShutdown() && process != null) {
                    shutdownScripts.add(process);
                }
            }
            case Action.SendAlert a -> alerts.accept(a.subject(), a.body());
            case Action.FifoLine f -> writeFifos(f.line());
        }
    }

    private void writeFifos(String line) {
        if (fifos.isEmpty()) {
            return;
        }
        if (!fifoLines.offer((line + "\n").getBytes(StandardCharsets.UTF_8)) && !fifoOverflowLogged) {
            fifoOverflowLogged = true;
            log.warning("Notify FIFO is not being read: dropping lines");
        }
    }

    private void writeFifoLines() {
        try {
            while (true) {
                byte[] bytes = fifoLines.take();
                for (var fifo : fifos) {
                    try {
                        fifo.write(bytes);
                    } catch (IOException e) {
                        log.warning("Write to notify FIFO failed: " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /**
     * Waits for the scripts started at shutdown (omega's notify_down / quorum_down), together at most
     * {@code limit}, then terminates those still running - keepalived gives them one second.
     */
    public void awaitShutdownScripts(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (var p : shutdownScripts) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    p.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroy();
            }
        }
        shutdownScripts.clear();
    }

    @Override
    public void close() {
        if (fifoWriter != null) {
            fifoWriter.interrupt();
        }
        for (var fifo : fifos) {
            try {
                fifo.close();
            } catch (IOException ignored) {
                // closing at exit
            }
        }
    }
}
