package io.jkeepalived.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What the lexer produced from a configuration file and its includes: the top-level lines as a tree,
 * every finding, and every file that was read (for reload and for {@code -d}).
 */
public record ParsedConfig(List<ConfigNode> roots, List<Diagnostic> diagnostics, List<Path> files) {
    public ParsedConfig {
        roots = List.copyOf(roots);
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
    }
}
