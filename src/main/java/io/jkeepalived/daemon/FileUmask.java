package io.jkeepalived.daemon;

import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.model.KeepalivedConfig;

/** The umask of the files the daemon creates, as keepalived chooses it: -m wins over global_defs umask. */
final class FileUmask {
    /** keepalived's umask when none is given: files 0600, FIFOs 0600. */
    static final int KEEPALIVED_DEFAULT = 0177;

    private FileUmask() {
    }

    static int of(RunOptions options, KeepalivedConfig config) {
        return options.umask().orElse(config.globalDefs().umask());
    }

    /** Before the configuration is read (the -g log, the -t report). */
    static int beforeConfig(RunOptions options) {
        return options.umask().orElse(KEEPALIVED_DEFAULT);
    }
}
