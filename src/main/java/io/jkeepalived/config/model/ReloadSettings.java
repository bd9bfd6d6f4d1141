package io.jkeepalived.config.model;

import java.util.Optional;

/**
 * global_defs' reload options (keepalived 2.2.7's {@code core/main.c}, {@code core/reload_monitor.c}).
 *
 * @param checkConfigLog {@code reload_check_config [LOG_FILE]}: a SIGHUP checks the new configuration as {@code -t}
 *     does and reloads only when it is clean; the findings go to LOG_FILE ({@code /dev/null} when none is given)
 * @param reloadFile     {@code reload_file [PATH]}: created while the configuration files are read, removed once
 *     they are; an empty path stands for keepalived's default in the pid directory
 * @param timeFile       {@code reload_time_file PATH}: holds the time of a scheduled reload
 * @param repeat         {@code reload_repeat}: a time-only reload_time_file is kept, so the reload happens daily
 * @param saveDir        {@code config_save_dir DIR} (no trailing '/'): the configuration as read and each
 *     subsystem's data before and after every reload are saved there
 */
public record ReloadSettings(Optional<String> checkConfigLog, Optional<String> reloadFile, Optional<String> timeFile,
        boolean repeat, Optional<String> saveDir) {
    public static final ReloadSettings NONE = new ReloadSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            false, Optional.empty());

    /** What reload_check_config writes to when no LOG_FILE is given. */
    public static final String NO_CHECK_LOG = "/dev/null";
}
