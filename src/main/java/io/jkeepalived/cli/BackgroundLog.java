package io.jkeepalived.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * Where a daemon started in the background writes what it would have printed: keepalived sends it to syslog,
 * which jkeepalived cannot do yet, and a detached process has no terminal - so the lines go to a file rather
 * than nowhere. The first usable candidate wins: created 0600 without following a link, or an existing regular
 * file (not a link) that we own.
 */
public final class BackgroundLog {
    /** keepalived's log would be in syslog; the nearest place an operator looks. */
    public static final Path SYSTEM = Path.of("/var/log/jkeepalived.log");

    private BackgroundLog() {
    }

    /** The candidates in order: /var/log, then the home directory (a non-root run). */
    public static List<Path> candidates(Optional<String> home) {
        return home.map(h -> List.of(SYSTEM, Path.of(h, "jkeepalived.log"))).orElse(List.of(SYSTEM));
    }

    /** The first candidate we can safely append to, or empty. */
    public static Optional<Path> choose(List<Path> candidates, String ourUser) {
        for (Path p : candidates) {
            if (usable(p, ourUser)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean usable(Path p, String ourUser) {
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            try {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                // a link or a file someone else owns could make us (root) write where they choose
                return a.isRegularFile() && a.owner().getName().equals(ourUser) && Files.isWritable(p);
            } catch (IOException | UnsupportedOperationException notUsable) {
                return false;
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
