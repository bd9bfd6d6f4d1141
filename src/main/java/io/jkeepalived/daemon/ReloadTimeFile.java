package io.jkeepalived.daemon;

import io.jkeepalived.common.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code reload_time_file PATH} ({@code reload_repeat}): keepalived's reload monitor. The file's directory is watched
 * (inotify, through the JDK's WatchService, on a thread of its own that only says "look again"); on the daemon's
 * thread the file is read whenever it is created, written or removed, and the reload it names is scheduled, moved
 * or cancelled. When the time comes the file is removed - unless {@code reload_repeat} is set and it holds a time
 * without a date, which then reloads every day - and the daemon reloads as on SIGHUP. A directory that is missing
 * or goes away ends the monitoring until the next reload.
 */
final class ReloadTimeFile implements AutoCloseable {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** keepalived reads one line of at most 20 characters; more than this cannot be a time. */
    private static final int MAX_READ = 64;

    private final Path file;
    private final boolean repeat;
    private final Log log;
    private final Clock wall;
    private WatchService watcher;
    private WatchKey key;
    private Optional<ReloadTime.Scheduled> scheduled = Optional.empty();

    ReloadTimeFile(Path file, boolean repeat, Log log, Clock wall) {
        this.file = file.toAbsolutePath();
        this.repeat = repeat;
        this.log = log;
        this.wall = wall;
    }

    /** Starts watching; {@code changed} runs on the watching thread whenever the file may have changed. */
    void start(Runnable changed) {
        Path dir = file.getParent();
        try {
            watcher = dir.getFileSystem().newWatchService();
            key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            log.info("Unable to monitor reload timer file directory " + dir + " - ignoring");
            close();
            return;
        }
        WatchService w = watcher;
        Thread.ofPlatform().daemon().name("reload-time-file").start(() -> watch(w, changed));
        readFile();
    }

    private void watch(WatchService w, Runnable changed) {
        try {
            while (true) {
                WatchKey k = w.take();
                boolean ours = false;
                for (WatchEvent<?> e : k.pollEvents()) {
                    ours |= e.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(e.context());
                }
                boolean valid = k.reset();
                if (ours || !valid) {
                    changed.run();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: monitoring ends
        }
    }

    /** On the daemon's thread, after {@code changed}: reads the file again. */
    void changed() {
        if (watcher == null) {
            return;
        }
        if (!key.isValid()) {
            cancel(true);
            log.info("Directory of reload timer file has disappeared. Monitoring stopped.");
            close();
            return;
        }
        readFile();
    }

    /** The instant of the scheduled reload, if one is. */
    Optional<Instant> reloadAt() {
        return scheduled.map(ReloadTime.Scheduled::at);
    }

    /** Whether the scheduled reload is due now (by the wall clock, which the file speaks). */
    boolean due() {
        return scheduled.isPresent() && !wall.instant().isBefore(scheduled.get().at());
    }

    /** The reload is happening: monitoring stops (the reload starts it again) and the file goes unless it repeats. */
    void fire() {
        boolean dateGiven = scheduled.map(ReloadTime.Scheduled::dateGiven).orElse(false);
        scheduled = Optional.empty();
        close();
        if (!repeat || dateGiven) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.info("Cannot remove reload time file " + file + ": " + e.getMessage());
            }
        }
    }

    private void readFile() {
        Optional<String> line = firstLine();
        if (line.isEmpty()) {
            cancel(true);
            return;
        }
        var result = ReloadTime.parse(line.get(), wall.instant().atZone(wall.getZone()));
        switch (result) {
            case ReloadTime.Ignored ignored -> {
                log.info(ignored.why());
                cancel(true);
            }
            case ReloadTime.Scheduled s -> {
                if (scheduled.isPresent() && scheduled.get().at().equals(s.at())) {
                    scheduled = Optional.of(s);
                    return;
                }
                if (scheduled.isPresent()) {
                    log.info("Reload time updated from " + shown(scheduled.get().at()) + " to " + shown(s.at()));
                } else {
                    log.info("Scheduling reload for " + shown(s.at()));
                }
                scheduled = Optional.of(s);
            }
        }
    }

    /** The first line of a regular file (a FIFO or device is never opened), without its newline. */
    private Optional<String> firstLine() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = nl >= 0 ? text.substring(0, nl) : text;
            return line.isEmpty() && nl < 0 ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void cancel(boolean say) {
        if (scheduled.isPresent() && say) {
            log.info("Cancelling reload scheduled for " + shown(scheduled.get().at()));
        }
        scheduled = Optional.empty();
    }

    private String shown(Instant at) {
        return SHOWN.format(at.atZone(wall.getZone() == null ? ZoneId.systemDefault() : wall.getZone()));
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closing: nothing left to watch
            }
            watcher = null;
        }
    }
}
