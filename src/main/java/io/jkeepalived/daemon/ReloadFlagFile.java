package io.jkeepalived.daemon;

import io.jkeepalived.common.Log;
import io.jkeepalived.config.model.ReloadSettings;
import io.jkeepalived.config.model.RootOptions;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code reload_file [PATH]}: exists (empty, rw-r--r--) while the configuration files are read and is removed once
 * they are, so a tool that rewrites them can touch it, send SIGHUP and wait for it to go. Created as every file we
 * write as root (no symbolic link followed, only a regular file of ours truncated).
 */
final class ReloadFlagFile {
    private ReloadFlagFile() {
    }

    /** The file reload_file names: its PATH, else keepalived's default beside the pid files. */
    static Optional<Path> of(ReloadSettings settings, RootOptions root) {
        return settings.reloadFile().map(f -> f.isEmpty() ? defaultPath(root) : Path.of(f));
    }

    /** keepalived: keepalived[_INSTANCE].reload in the pid directory, or /run/keepalived.reload. */
    static Path defaultPath(RootOptions root) {
        if (!root.usePidDir() && root.instance().isEmpty() && root.netNamespace().isEmpty()) {
            return Path.of("/run/keepalived.reload");
        }
        Path dir = root.netNamespace().map(PidPaths.PID_DIR::resolve).orElse(PidPaths.PID_DIR);
        return dir.resolve("keepalived" + root.instance().map(i -> "_" + i).orElse("") + ".reload");
    }

    /** Before the files are read; readable by all whatever the umask, never writable by others (keepalived's mode). */
    static void create(Optional<Path> file, int umask, Log log) {
        if (file.isEmpty()) {
            return;
        }
        try {
            SafeFiles.write(file.get(), new byte[0], (umask & ~0044) | 0022);
        } catch (IOException e) {
            log.info("Failed to create reload file (" + file.get() + ") - " + e.getMessage());
        }
    }

    /** Once the files are read (unlink: a link planted there is removed, not followed). */
    static void remove(Optional<Path> file) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file.get());
        } catch (IOException e) {
            // a directory or no permission: nothing we can do about it, as keepalived
        }
    }
}
