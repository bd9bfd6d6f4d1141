package io.jkeepalived.check.runtime;

import io.jkeepalived.adapters.lvs.DataPlaneChoice;
import io.jkeepalived.common.Log;
import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.linux.LoopThreadSettings;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.lvs.DataPlane;
import java.time.Duration;
import java.util.Optional;

/**
 * The health-checker subsystem under the daemon: keepalived's "Healthcheck" child, with the LVS data plane
 * its decisions program. A reload hands the pool and every server's state to the new configuration's
 * checker: only what changed is changed in the kernel.
 */
public final class CheckerSubsystem implements Subsystem {
    /** How often the kernel is re-read and drift repaired (also after any failed change). */
    static final Duration REPAIR_EVERY = Duration.ofSeconds(Long.getLong("jkeepalived.lvs.repair-seconds", 5));

    private final Log log;
    private final boolean releaseLvs;
    private final Optional<String> lvsBackend;
    private KeepalivedConfig config;
    private volatile CheckerDaemon checker;
    private DataPlane dataPlane;

    /**
     * @param releaseLvs  stop removes what we added (false with -I / --dont-release-ipvs)
     * @param lvsBackend  {@code ipvs} or {@code nftables} from --lvs-backend; empty: chosen from the kernel
     */
    public CheckerSubsystem(KeepalivedConfig config, boolean releaseLvs, Optional<String> lvsBackend, Log log) {
        this.config = config;
        this.releaseLvs = releaseLvs;
        this.lvsBackend = lvsBackend;
        this.log = log;
    }

    @Override
    public String name() {
        return "Healthcheck";
    }

    @Override
    public void start() {
        if (dataPlane == null) {
            var decision = DataPlaneChoice.decide(lvsBackend, DataPlaneChoice.Host.probe());
            var cmd = config.globalDefs().socketBuffers().lvsNetlinkCmd();
            dataPlane = DataPlaneChoice.open(decision, new io.jkeepalived.linux.ReceiveBuffer(cmd.size(), cmd.force()),
                    log::info, log::warning);
            if (decision.backend() != DataPlaneChoice.Backend.IPVS && config.globalDefs().lvsSyncDaemon().isPresent()) {
                log.error("lvs_sync_daemon: the connection sync daemon is part of IPVS; not available with the "
                        + dataPlane.name() + " data plane - no connection sync");
            }
        }
        var options = checkerOptions();
        checker = new CheckerDaemon(CheckerDaemon.setup(config, options.factory(), log), options, null);
        checker.start();
        schedule(checker);
    }

    /**
     * checker_rt_priority (SCHED_RR), checker_priority (nice), checker_cpu_affinity for the loop thread, which runs
     * every check and programs the data plane (keepalived's checker process); *_no_swap and *_rlimit_rttime for
     * the process (one JVM: either subsystem's), set again on each start as keepalived does on a reload. Queued
     * after the start-up work (the whole data plane programmed at once), which would count against RLIMIT_RTTIME.
     * Refused (no CAP_SYS_NICE ...) is a warning.
     */
    private void schedule(CheckerDaemon daemon) {
        var g = config.globalDefs();
        var settings = new LoopThreadSettings("checker", g.checkerRtPriority(), g.checkerPriority(),
                g.checkerCpuAffinity(), g.vrrpNoSwap() || g.checkerNoSwap(),
                LoopThreadSettings.processRealtimeLimit(g.vrrpRtPriority(), g.vrrpRlimitRttime(), g.checkerRtPriority(),
                        g.checkerRlimitRttime()), g.processNames().checker());
        // max_auto_priority: keepalived raises its checker process too (the loop thread here)
        var auto = new io.jkeepalived.common.AutoRealtimePriority(g.maxAutoPriority(),
                g.minAutoPriorityDelay().toNanos() / 1_000, settings.realtimePriority());
        daemon.onLateWakeup(settings.autoRaise(auto, LoopThreadSettings.processRealtimeLimit(1, g.checkerRlimitRttime(),
                g.vrrpRtPriority(), g.vrrpRlimitRttime()), java.util.List.of(), log::info, log::warning));
        daemon.onLoopThread(() -> {
            String set = settings.applyHere(log::warning, log::info);
            if (!set.isEmpty()) {
                log.info("Healthcheck loop thread scheduling set:" + set);
            }
        });
    }

    private CheckerDaemon.Options checkerOptions() {
        return CheckerDaemon.defaultOptions(config, log).withDataPlane(dataPlane).withLvs(releaseLvs, REPAIR_EVERY);
    }

    @Override
    public void stop() {
        if (checker != null) {
            checker.close();
            checker = null;
        }
        if (dataPlane != null) {
            dataPlane.close();
            dataPlane = null;
        }
    }

    /**
     * keepalived's reload: the new configuration's checker takes over every real server present in both
     * (up/down, retry counters, kernel entries); changed servers change in place, removed ones leave.
     */
    @Override
    public void reload(KeepalivedConfig newConfig) {
        config = newConfig;
        if (checker == null) {
            start();
            return;
        }
        var handover = checker.handOver();
        var options = checkerOptions();
        checker = new CheckerDaemon(CheckerDaemon.setup(config, options.factory(), log), options, handover);
        checker.start();
        schedule(checker);
    }

    /** SIGUSR1: the LVS table as the kernel has it, in ipvsadm's words. */
    @Override
    public void writeData(Appendable out) throws java.io.IOException {
        if (checker != null) {
            out.append("------< LVS Topology >------\n").append(checker.lvsListing(false));
        }
    }

    /** SIGUSR2: per-service and per-server counters, in ipvsadm --stats' words. */
    @Override
    public void writeStats(Appendable out) throws java.io.IOException {
        if (checker != null) {
            out.append("------< LVS Statistics >------\n").append(checker.lvsListing(true));
        }
    }

    @Override
    public boolean running() {
        CheckerDaemon c = checker;
        return c != null && c.alive();
    }

    /** How many real servers are up, read on the checker loop (at most 1 s of waiting). */
    @Override
    public Optional<String> status() {
        CheckerDaemon c = checker;
        if (c == null || !c.alive()) {
            return Optional.of("health checker not running");
        }
        try {
            int up = 0;
            int all = 0;
            for (var vs : c.status(Duration.ofSeconds(1))) {
                for (var rs : vs.realServers()) {
                    all++;
                    up += rs.alive() ? 1 : 0;
                }
            }
            return Optional.of(up + "/" + all + " real servers up");
        } catch (RuntimeException e) {
            return Optional.of("health checker not answering");
        }
    }

    /** Test hook: the running checker daemon, or null. */
    CheckerDaemon current() {
        return checker;
    }
}
