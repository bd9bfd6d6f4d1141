package io.jkeepalived.daemon;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.load.ConfigCopy;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.Optional;

/** The daemon's loader: {@link ConfigTest#load}, remembering what the lexer read for config_save_dir's copy. */
final class ConfigFileLoader implements ConfigLoader {
    private Optional<ParsedConfig> lastRead = Optional.empty();

    @Override
    public Optional<KeepalivedConfig> load(Path file, String configId, boolean strictIncludes, DiagnosticSink sink) {
        lastRead = Optional.empty();
        return Optional.of(ConfigTest.load(file, configId, strictIncludes, sink, parsed -> lastRead = Optional.of(parsed)));
    }

    @Override
    public Optional<String> lastCopy() {
        return lastRead.map(ConfigCopy::render);
    }
}
