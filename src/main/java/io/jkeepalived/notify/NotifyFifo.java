package io.jkeepalived.notify;

import io.jkeepalived.config.model.ScriptSpec;
import java.util.List;

import io.jkeepalived.common.Log;
import io.jkeepalived.linux.SafeFile;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's notify FIFO ({@code notify_fifo}, {@code vrrp_notify_fifo}, {@code lvs_notify_fifo}): one line
 * per state change. Created with mkfifo when missing, opened read-write and non-blocking (no reader needed, no
 * symlink followed, anything but a FIFO refused). A line is written whole or, when the reader has fallen a pipe
 * buffer behind, dropped: a stalled reader costs lines, never the loop that writes.
 */
public final class NotifyFifo implements AutoCloseable {
    /** keepalived's umask when none is configured: a FIFO we create is 0600. */
    public static final int DEFAULT_UMASK = 0177;

    private final SafeFile file;
    private final Log log;
    private boolean dropping;

    private volatile ScriptHandle reader;

    private NotifyFifo(SafeFile file, Log log) {
        this.file = file;
        this.log = log;
    }

    public static Optional<NotifyFifo> open(Path path, int umask, Log log) {
        try {
            return Optional.of(new NotifyFifo(SafeFiles.openFifo(path, umask), log));
        } catch (IOException e) {
            log.error("Unable to open notify FIFO " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public Path path() {
        return file.path();
    }

    /** Writes one line (the newline is added); never blocks. */
    public synchronized void write(String line) {
        try {
            boolean written = file.writeIfRoom((line + "\n").getBytes(StandardCharsets.UTF_8));
            if (!written && !dropping) {
                log.warning("Notify FIFO is not being read: dropping lines");
            }
            dropping = !written;
        } catch (IOException e) {
            if (!dropping) {
                log.warning("Write to notify FIFO " + file.path() + " failed: " + e.getMessage());
            }
            dropping = true;
        }
    }

    /**
     * Starts the FIFO's reader script ({@code notify_fifo_script}, {@code vrrp_notify_fifo_script},
     * {@code lvs_notify_fifo_script}) as keepalived does once the FIFO exists: with the FIFO's path as its last
     * argument, as a notify script (its own user, no timeout), through the one script runner. The FIFO owns it:
     * closing the FIFO ends the reader's whole process group (SIGTERM), as keepalived's children end theirs.
     */
    public void startReader(ScriptSpec script, ScriptJobs jobs, ScriptRunner runner) {
        jobs.notifyJob(script, List.of(path().toString())).map(runner::start).ifPresent(h -> reader = h);
    }

    @Override
    public void close() {
        file.close();
        ScriptHandle r = reader;
        if (r != null) {
            r.terminate();
        }
    }
}
