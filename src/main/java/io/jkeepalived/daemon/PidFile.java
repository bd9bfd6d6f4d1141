package io.jkeepalived.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** keepalived's pid files: the pid and a newline; refuses to start when a live process owns one. */
public final class PidFile {
    private final Path path;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The pid of a live process recorded in this file, if any. */
    public Optional<Long> livePid() {
        try {
            long pid = Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void write(long pid) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII);
    }

    public void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more to do at shutdown; the next start overwrites a stale file
        }
    }
}
