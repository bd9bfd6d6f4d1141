package io.jkeepalived.daemon;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.load.ConfigCopy;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The daemon's configuration loader. Its first load builds from the lines read at start to find
 * {@code net_namespace} (so a large file is read once, not twice, before the daemon runs); every later load - a
 * reload - reads the files again. The lines of the last load are kept for config_save_dir's copy.
 */
final class StartLoader implements ConfigLoader {
    private final Path file;
    private final AtomicReference<ParsedConfig> readAtStart;
    private Optional<ParsedConfig> lastRead = Optional.empty();

    StartLoader(Path file, Optional<ParsedConfig> readAtStart) {
        this.file = file;
        this.readAtStart = new AtomicReference<>(readAtStart.orElse(null));
    }

    @Override
    public Optional<KeepalivedConfig> load(Path file, String configId, boolean strictIncludes, DiagnosticSink sink) {
        ParsedConfig lines = readAtStart.getAndSet(null);
        if (lines == null || !file.equals(this.file)) {
            lines = ConfigTest.read(file, configId, strictIncludes).orElse(null);
        }
        lastRead = Optional.ofNullable(lines);
        if (lines == null) {
            return Optional.of(ConfigTest.load(file, configId, strictIncludes, sink));     // says why it cannot be read
        }
        return Optional.of(ConfigTest.load(file, lines, sink));
    }

    @Override
    public Supplier<Optional<String>> lastCopy() {
        Optional<ParsedConfig> read = lastRead;
        return () -> read.map(ConfigCopy::render);
    }
}
