package io.jkeepalived.daemon;

import io.jkeepalived.common.Log;
import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code config_save_dir DIR}, keepalived 2.2.7's debugging aid for repeated reloads: each reading of the
 * configuration is saved as {@code keepalived.conf.PID.N} (N from 0), and each subsystem's data (what SIGUSR1 dumps)
 * as {@code keepalived_vrrp.PID.N.pre} / {@code .post} around reload N (N from 1; {@code keepalived_check} for the
 * checker). The directory is created (rwx------) when missing; the files are written as every file we write as root.
 */
final class ConfigSaveDir {
    private final long pid;
    private final Log log;
    private int reads;
    private int reloads;

    ConfigSaveDir(long pid, Log log) {
        this.pid = pid;
        this.log = log;
    }

    /** The configuration as just read; {@code copy} empty when the loader could not say what it read. */
    void saveConfig(Optional<String> dir, java.util.function.Supplier<Optional<String>> copy, int umask) {
        int n = reads++;
        if (dir.isEmpty()) {
            return;         // the copy is rendered only for a directory to put it in
        }
        Optional<String> text = copy.get();
        if (text.isEmpty() || !ready(dir.get())) {
            return;
        }
        write(Path.of(dir.get(), "keepalived.conf." + pid + "." + n), text.get(), umask);
    }

    /** Each subsystem's data just before ({@code post} false) or after reload N. */
    void saveData(Optional<String> dir, boolean post, List<Subsystem> subsystems, int umask) {
        if (!post) {
            reloads++;
        }
        if (dir.isEmpty() || !ready(dir.get())) {
            return;
        }
        for (Subsystem s : subsystems) {
            var out = new StringWriter();
            try {
                s.writeData(out);
            } catch (IOException | RuntimeException e) {
                log.error("Cannot save " + s.name() + " data to config_save_dir: " + e.getMessage());
                continue;
            }
            write(Path.of(dir.get(), "keepalived_" + process(s) + "." + pid + "." + reloads + (post ? ".post" : ".pre")),
                    out.toString(), umask);
        }
    }

    /** keepalived's child process names: vrrp, check. */
    private static String process(Subsystem s) {
        return switch (s.name()) {
            case "VRRP" -> "vrrp";
            case "Healthcheck" -> "check";
            default -> s.name().toLowerCase(Locale.ROOT);
        };
    }

    /** keepalived's config_save_dir handler: an existing directory, or one it creates (its parent must exist). */
    private boolean ready(String dir) {
        Path p = Path.of(dir);
        if (Files.isDirectory(p)) {
            return true;
        }
        if (Files.exists(p)) {
            log.error("config_save_dir " + dir + " exists and is not a directory");
            return false;
        }
        try {
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return true;
        } catch (IOException e) {
            log.error("Unable to create config_save_dir " + dir + " (" + e + ")");
            return false;
        }
    }

    private void write(Path file, String content, int umask) {
        try {
            SafeFiles.write(file, content.getBytes(StandardCharsets.UTF_8), umask);
        } catch (IOException e) {
            log.info("Failed to open config_save file " + file + ": " + e.getMessage());
        }
    }
}
