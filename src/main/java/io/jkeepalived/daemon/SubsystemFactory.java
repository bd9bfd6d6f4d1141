package io.jkeepalived.daemon;

import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.common.Log;
import java.util.Optional;

/** Makes a subsystem for a configuration, or nothing when the configuration does not need it. */
@FunctionalInterface
public interface SubsystemFactory {
    Optional<Subsystem> create(KeepalivedConfig config, RunOptions options, Log log);
}
