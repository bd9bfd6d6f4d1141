package io.jkeepalived.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The keepalived reference folder: the {@code jkeepalived.reference} property when it exists, else the
 * first {@code shared/keepalived-reference} found walking up from the working directory (git worktrees
 * sit one level deeper than the main checkout).
 */
public final class Reference {
    private Reference() {
    }

    public static Path dir() {
        var prop = System.getProperty("jkeepalived.reference");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (var p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            var candidate = p.resolve("shared/keepalived-reference");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("keepalived reference folder not found (set -Djkeepalived.reference)");
    }
}
