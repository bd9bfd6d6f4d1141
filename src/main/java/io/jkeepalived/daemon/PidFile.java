package io.jkeepalived.daemon;

import io.jkeepalived.linux.SafeFile;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's pid files: the pid and a newline; refuses to start when a live process owns one. Written as
 * every file we write as root ({@link SafeFiles}: no symlink, not another user's file, the umask) and held
 * open with an F_OFD_SETLK lock for the daemon's life, so a second daemon cannot take it over.
 */
public final class PidFile {
    private final Path path;
    private SafeFile held;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The pid of a live process recorded in this file, if any. */
    public Optional<Long> livePid() {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > 64) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Opens and locks the file, then writes the pid; the lock is held until {@link #remove}. */
    public synchronized void write(long pid, int umask) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        var file = SafeFiles.open(path, umask);
        try {
            file.lockExclusively();
            file.truncate();
            file.write((pid + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            file.close();
            throw e;
        }
        held = file;
    }

    public synchronized void remove() {
        if (held == null) {
            return;               // never ours: another daemon's file stays
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more to do at shutdown; the next start overwrites a stale file
        }
        held.close();
        held = null;
    }
}
