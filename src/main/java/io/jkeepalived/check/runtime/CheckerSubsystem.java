package io.jkeepalived.check.runtime;

import io.jkeepalived.common.Subsystem;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.common.Log;

/** The health-checker subsystem under the daemon: keepalived's "Healthcheck" child. */
public final class CheckerSubsystem implements Subsystem {
    private final Log log;
    private KeepalivedConfig config;
    private CheckerDaemon checker;

    public CheckerSubsystem(KeepalivedConfig config, Log log) {
        this.config = config;
        this.log = log;
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
