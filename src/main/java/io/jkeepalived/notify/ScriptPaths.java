package io.jkeepalived.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * keepalived's default for script paths (without {@code use_symlink_paths}): a script runs by its real path,
 * resolved once per reading of the configuration, so re-pointing a symlink takes effect at the next reload, not
 * at the next run. As keepalived 2.2.7's {@code check_script_secure}, the file name as written is kept when the
 * real directory holds the same file under that name (a program that looks at its argv[0], such as
 * {@code /bin/sh} -> {@code dash}). One instance lives as long as the configuration that made its ScriptJobs; a
 * path that cannot be resolved is not pinned (the spawn says why, and a later run tries again).
 */
final class ScriptPaths {
    private final Map<String, String> pinned = new ConcurrentHashMap<>();

    /** The path to run {@code program} by: its pinned real path; a bare name (looked up on PATH) unchanged. */
    String pinned(String program) {
        if (!program.contains("/")) {
            return program;
        }
        String known = pinned.get(program);
        if (known != null) {
            return known;
        }
        try {
            Path real = Path.of(program).toRealPath();
            Path asNamed = real.resolveSibling(Path.of(program).getFileName());
            String chosen = (!asNamed.equals(real) && Files.exists(asNamed) && Files.isSameFile(asNamed, real)
                    ? asNamed : real).toString();
            String raced = pinned.putIfAbsent(program, chosen);
            return raced != null ? raced : chosen;
        } catch (IOException | RuntimeException e) {
            return program;
        }
    }
}
