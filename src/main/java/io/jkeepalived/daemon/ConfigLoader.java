package io.jkeepalived.daemon;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads keepalived.conf into the typed model; findings go to the sink, empty when it cannot be read at all. */
@FunctionalInterface
public interface ConfigLoader {
    Optional<KeepalivedConfig> load(Path file, String configId, boolean strictIncludes, DiagnosticSink sink);

    /**
     * The configuration as the last {@link #load} read it (config_save_dir's copy), rendered only when asked: most
     * configurations save no copy. Empty when this loader cannot say.
     */
    default Supplier<Optional<String>> lastCopy() {
        return Optional::empty;
    }
}
