package io.jkeepalived.daemon;

import io.jkeepalived.check.CheckerDaemon;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.daemon.log.Log;
import java.util.Optional;

/** The health-checker subsystem under the daemon: keepalived's "Healthcheck" child. */
public final class CheckerSubsystem implements Subsystem {
    private final Log log;
    private KeepalivedConfig config;
    private CheckerDaemon checker;

    private CheckerSubsystem(KeepalivedConfig config, Log log) {
        this.config = config;
        this.log = log;
    }

    /** Runs when checkers were asked for ({@code -C} or no {@code -P}) and there is a virtual server, or {@code --all}. */
    public static SubsystemFactory factory() {
        return (config, options, log) -> wanted(config, options)
                ? Optional.of(new CheckerSubsystem(config, log)) : Optional.empty();
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
        var options = CheckerDaemon.defaultOptions(config, log);
        checker = new CheckerDaemon(CheckerDaemon.setup(config, options.factory(), log), options);
        checker.start();
    }

    @Override
    public void stop() {
        if (checker != null) {
            checker.close();
            checker = null;
        }
    }

    /** keepalived re-reads and diffs; until the diff lands the checker restarts on the new configuration. */
    @Override
    public void reload(KeepalivedConfig newConfig) {
        stop();
        config = newConfig;
        start();
    }

    @Override
    public boolean running() {
        return checker != null;
    }
}
