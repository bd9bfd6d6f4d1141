package io.jkeepalived.config.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's {@code check_security}: a script that runs as root is only as safe as every directory above
 * it. Each component of the script's real path is lstat'ed (never followed); the script is insecure when one
 * is not owned by root, or is group-writable by a non-root group or world-writable (a directory with the
 * sticky bit, like /tmp, is safe for its own entries; its owner is still checked). Used by {@code -t} and by
 * the script runner before every start.
 */
public final class ScriptPathSecurity {
    private static final int S_IWOTH = 0002;
    private static final int S_IWGRP = 0020;
    private static final int S_ISVTX = 01000;

    /** What the walk found. */
    public sealed interface Verdict {
        /** Every component is root's and writable by root only. */
        record Secure() implements Verdict {
        }

        /** {@code path} (the script or a directory above it) can be changed by a non-root user. */
        record Insecure(Path path) implements Verdict {
        }

        /** The script or a directory above it does not exist or cannot be read. */
        record NotFound(Path path) implements Verdict {
        }

        /** A component that must be a directory is not, or the script is not a regular file. */
        record WrongType(Path path) implements Verdict {
        }
    }

    private ScriptPathSecurity() {
    }

    /** Walks the real path of {@code program} (an absolute or relative path; a bare name is not a path). */
    public static Verdict check(String program) {
        Path real;
        try {
            real = Path.of(program).toRealPath();
        } catch (IOException | RuntimeException e) {
            return new Verdict.NotFound(Path.of(program));
        }
        Path prefix = real.getRoot();
        var verdict = component(prefix, true);
        if (verdict.isPresent()) {
            return verdict.get();
        }
        for (int i = 0; i < real.getNameCount(); i++) {
            prefix = prefix.resolve(real.getName(i));
            verdict = component(prefix, i < real.getNameCount() - 1);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        return new Verdict.Secure();
    }

    private static Optional<Verdict> component(Path p, boolean mustBeDirectory) {
        int uid;
        int gid;
        int mode;
        try {
            uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Verdict.NotFound(p));
        }
        boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        boolean regular = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        if (mustBeDirectory ? !dir : !regular) {
            return Optional.of(new Verdict.WrongType(p));
        }
        boolean othersMayWrite = (gid != 0 && (mode & S_IWGRP) != 0) || (mode & S_IWOTH) != 0;
        boolean protectsEntries = dir && (mode & S_ISVTX) != 0;
        if (uid != 0 || (othersMayWrite && !protectsEntries)) {
            return Optional.of(new Verdict.Insecure(p));
        }
        return Optional.empty();
    }
}
