package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.notify.ScriptsAtStop;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import io.jkeepalived.common.Log;
import io.jkeepalived.notify.AlertMail;
import io.jkeepalived.notify.MailAlerter;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget;
import io.jkeepalived.vrrp.port.Notifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * keepalived's notifications for a state change, none of which may block the VRRP loop: the state's own
 * script ({@code notify_master} ...), the generic {@code notify} script with the four arguments
 * {@code INSTANCE|GROUP name state priority}, a line {@code INSTANCE "VI_1" MASTER 100} on the notify FIFOs,
 * and an SMTP alert when {@code smtp_alert} is on (see {@link AlertMailStates}). {@code notify_stop} scripts are
 * remembered so the daemon can wait for them (1 s) at shutdown.
 */
final class VrrpNotifier implements Notifier {
    private final Map<String, NotifySpec> instanceScripts = new HashMap<>();
    private final Map<String, NotifySpec> groupScripts = new HashMap<>();
    private final Map<String, Boolean> instanceSmtp = new HashMap<>();
    private final Map<String, Boolean> groupSmtp = new HashMap<>();
    private final java.util.Set<String> priorityChanges = new java.util.HashSet<>();
    private final java.util.Set<String> notifyDeleted = new java.util.HashSet<>();
    private final ScriptRunner runner;
    private final ScriptJobs jobs;
    private final ScriptsAtStop atStop;
    private final List<NotifyFifo> fifos;
    private final Optional<MailAlerter> mail;
    private final AlertMailStates mailStates;
    private final String routerId;
    private final Log log;

    VrrpNotifier(KeepalivedConfig config, ScriptRunner runner, ScriptJobs jobs, ScriptsAtStop atStop, List<NotifyFifo> fifos,
                 Optional<MailAlerter> mail, String routerId, Log log) {
        for (VrrpInstanceSpec i : config.vrrpInstances()) {
            instanceScripts.put(i.name(), i.notifyScripts());
            instanceSmtp.put(i.name(), i.smtpAlert());
            if (i.notifyScripts().notifyDeletedSet()) {
                notifyDeleted.add(i.name());
            }
            if (i.notifyPriorityChanges()) {
                priorityChanges.add(i.name());
            }
        }
        for (VrrpSyncGroupSpec g : config.vrrpSyncGroups()) {
            groupScripts.put(g.name(), g.notifyScripts());
            groupSmtp.put(g.name(), g.smtpAlert());
        }
        this.runner = runner;
        this.jobs = jobs;
        this.atStop = atStop;
        this.fifos = List.copyOf(fifos);
        this.mail = mail;
        this.mailStates = new AlertMailStates(config.globalDefs().noEmailFaults());
        this.routerId = routerId;
        this.log = log;
    }

    @Override
    public void notify(VrrpAction.RunNotify n) {
        boolean group = n.target() == NotifyTarget.GROUP;
        NotifySpec scripts = (group ? groupScripts : instanceScripts).getOrDefault(n.name(), NotifySpec.NONE);
        // keepalived words a deleted instance FAULT unless it has notify_deleted; the state script is still the
        // notify_deleted one (it picks the script before it rewords the state)
        NotifyState word = n.state() == NotifyState.DELETED && !notifyDeleted.contains(n.name()) ? NotifyState.FAULT
                : n.state();
        String state = word.name();
        stateScript(scripts, n.state()).ifPresent(s -> run(s, List.of(), n.state()));
        scripts.generic().ifPresent(s -> run(s, List.of(n.target().name(), n.name(), state, Integer.toString(n.priority())),
                n.state()));
        if (n.state() != NotifyState.MASTER_RX_LOWER_PRI) {
            fifoLine(n.target(), n.name(), word, n.priority());
        }
        if (mail.isPresent() && (group ? groupSmtp : instanceSmtp).getOrDefault(n.name(), false)) {
            mailEvent(word).filter(e -> mailStates.mail(n.target(), n.name(), word))
                    .ifPresent(e -> mail.get().send(group ? AlertMail.vrrpGroup(routerId, n.name(), e)
                            : AlertMail.vrrpInstance(routerId, n.name(), e)));
        }
    }

    /**
     * Only the FIFO line, {@code INSTANCE "VI_1" BACKUP 100}: keepalived's notify_instance_fifo/notify_group_fifo,
     * which fifo_write_vrrp_states_on_reload uses for the states a reload kept.
     */
    void fifoLine(NotifyTarget target, String name, NotifyState state, int priority) {
        String line = target.name() + " \"" + name + "\" " + state.name() + " " + priority;
        fifos.forEach(f -> f.write(line));
    }

    /** notify_priority_changes: {@code INSTANCE "VI_1" MASTER_PRIORITY 90} (BACKUP_PRIORITY in any other state). */
    @Override
    public void priorityChanged(VrrpAction.PriorityChanged change) {
        if (priorityChanges.contains(change.instance())) {
            String state = change.state() == io.jkeepalived.vrrp.engine.VrrpState.MASTER ? "MASTER_PRIORITY" : "BACKUP_PRIORITY";
            String line = "INSTANCE \"" + change.instance() + "\" " + state + " " + change.priority();
            fifos.forEach(f -> f.write(line));
        }
    }

    /** Beyond keepalived: a healed partition is named as such, so an operator can find when it had two masters. */
    @Override
    public void splitBrain(VrrpAction.SplitBrain b) {
        log.warning("(" + b.instance() + ") split brain: " + io.jkeepalived.common.AddressText.of(b.otherMaster())
                + " was MASTER too (priority " + b.otherPriority() + ", ours " + b.ourPriority() + "); it must yield to us");
    }

    private void run(ScriptSpec script, List<String> args, NotifyState state) {
        jobs.notifyJob(script, args).map(runner::start).ifPresent(handle -> {
            if (state == NotifyState.STOP || state == NotifyState.DELETED) {
                atStop.add(handle);     // the old run's script runner closes at a reload's stop: let these finish
            }
        });
    }

    private static Optional<ScriptSpec> stateScript(NotifySpec s, NotifyState state) {
        return switch (state) {
            case MASTER -> s.master();
            case BACKUP -> s.backup();
            case FAULT -> s.fault();
            case STOP -> s.stop();
            case DELETED -> s.deleted();
            case MASTER_RX_LOWER_PRI -> s.masterRxLowerPri();
        };
    }

    private static Optional<AlertMail.VrrpEvent> mailEvent(NotifyState state) {
        return switch (state) {
            case MASTER -> Optional.of(AlertMail.VrrpEvent.MASTER);
            case BACKUP -> Optional.of(AlertMail.VrrpEvent.BACKUP);
            case FAULT -> Optional.of(AlertMail.VrrpEvent.FAULT);
            case STOP -> Optional.of(AlertMail.VrrpEvent.STOPPING);
            case DELETED -> Optional.of(AlertMail.VrrpEvent.DELETED);
            case MASTER_RX_LOWER_PRI -> Optional.empty();
        };
    }
}
