package io.jkeepalived.check.runtime;

import io.jkeepalived.check.engine.Action;
import io.jkeepalived.common.Log;
import io.jkeepalived.lvs.PoolEditor;
import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.notify.ScriptsAtStop;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Carries out the check engine's actions: desired-pool changes, log lines, notify scripts, alert mails and
 * notify FIFO lines. Runs on the checker loop; nothing here blocks for long (scripts are not waited for,
 * except shutdown scripts; a FIFO nobody reads drops lines).
 */
public final class ActionRunner implements java.util.function.Consumer<Action>, AutoCloseable {
    private final PoolEditor pool;
    private final Runnable poolChanged;
    private final Log log;
    private final CheckScripts scripts;
    private final BiConsumer<String, String> alerts;
    private final List<NotifyFifo> fifos;
    private final ScriptsAtStop shutdownScripts = new ScriptsAtStop();

    /**
     * @param alerts  sends an smtp_alert mail (subject, body)
     * @param fifos   the open notify_fifo / lvs_notify_fifo
     */
    public ActionRunner(PoolEditor pool, Log log, CheckScripts scripts, BiConsumer<String, String> alerts,
                        List<NotifyFifo> fifos) {
        this(pool, () -> { }, log, scripts, alerts, fifos);
    }

    /** @param poolChanged  told after each pool change (the owner coalesces them into one reconcile) */
    public ActionRunner(PoolEditor pool, Runnable poolChanged, Log log, CheckScripts scripts, BiConsumer<String, String> alerts,
                        List<NotifyFifo> fifos) {
        this.pool = pool;
        this.poolChanged = poolChanged;
        this.log = log;
        this.scripts = scripts;
        this.alerts = alerts;
        this.fifos = List.copyOf(fifos);
    }

    @Override
    public void accept(Action action) {
        switch (action) {
            case Action.DataPlaneOp op -> {
                op.applyTo(pool);
                poolChanged.run();
            }
            case Action.Log l -> log.info(l.line());
            case Action.RunScript s -> scripts.notify(s.script()).ifPresent(handle -> {
                if (s.atShutdown()) {
                    shutdownScripts.add(handle);
                }
            });
            case Action.SendAlert a -> alerts.accept(a.subject(), a.body());
            case Action.FifoLine f -> fifos.forEach(fifo -> fifo.write(f.line()));
        }
    }

    /**
     * Waits for the scripts started at shutdown (omega's notify_down / quorum_down), together at most
     * {@code limit}, then terminates those still running - keepalived gives them one second.
     */
    public void awaitShutdownScripts(Duration limit) {
        shutdownScripts.await(limit, true);
    }

    @Override
    public void close() {
        fifos.forEach(NotifyFifo::close);
    }
}
