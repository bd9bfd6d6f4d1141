package io.jkeepalived.daemon;

import io.jkeepalived.adapters.lvs.DataPlaneChoice;
import io.jkeepalived.check.CheckerDaemon;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.daemon.log.Log;
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
    static final Duration REPAIR_EVERY = Duration.ofSeconds(
            Long.getLong("jkeepalived.lvs.repair-seconds", 5));

    private final Log log;
    private final RunOptions options;
    private KeepalivedConfig config;
    private CheckerDaemon checker;
    private DataPlane dataPlane;

    private CheckerSubsystem(KeepalivedConfig config, RunOptions options, Log log) {
        this.config = config;
        this.options = options;
        this.log = log;
    }

    /** Runs when checkers were asked for ({@code -C} or no {@code -P}) and there is a virtual server, or {@code --all}. */
    public static SubsystemFactory factory() {
        return (config, options, log) -> wanted(config, options)
                ? Optional.of(new CheckerSubsystem(config, options, log)) : Optional.empty();
    }

    private static boolean wanted(KeepalivedConfig config, RunOptions options) {
        return options.runChecker() && (options.allSubsystems() || !config.virtualServers().isEmpty());
    }

    @Override
    public String name() {
        return "Healthcheck";
    }

    @Override
    public void start() {
        if (dataPlane == null) {
            var decision = DataPlaneChoice.decide(options.lvsBackend(), DataPlaneChoice.Host.probe());
            dataPlane = DataPlaneChoice.open(decision, log::info, log::warning);
            if (decision.backend() != DataPlaneChoice.Backend.IPVS && config.globalDefs().lvsSyncDaemon().isPresent()) {
                log.error("lvs_sync_daemon: the connection sync daemon is part of IPVS; not available with the "
                        + dataPlane.name() + " data plane - no connection sync");
            }
        }
        checker = new CheckerDaemon(CheckerDaemon.setup(config, checkerOptions().factory(), log), checkerOptions(), null);
        checker.start();
    }

    private CheckerDaemon.Options checkerOptions() {
        return CheckerDaemon.defaultOptions(config, log).withDataPlane(dataPlane).withLvs(!options.dontReleaseIpvs(), REPAIR_EVERY);
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
        var checkerOptions = checkerOptions();
        checker = new CheckerDaemon(CheckerDaemon.setup(config, checkerOptions.factory(), log), checkerOptions, handover);
        checker.start();
    }

    @Override
    public boolean running() {
        return checker != null;
    }
}
