package io.jkeepalived.daemon.log;

import io.jkeepalived.common.Log;
import io.jkeepalived.linux.SafeFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The daemon's log, to keepalived's targets: syslog (the default; {@code -G} turns it off) under the ident of the
 * part that wrote the line ({@code Keepalived}, {@code Keepalived_vrrp}, {@code Keepalived_healthcheckers}), the
 * console ({@code -l}) and files ({@code -g}, one per ident as keepalived's processes write them, see
 * LogFileNames) in keepalived's line formats, or as structured JSON lines
 * ({@code JKEEPALIVED_LOG_JSON=1}). Lines below the threshold ({@code --log-level}, else debug with {@code -D},
 * else info) are dropped. Writes are serialized so lines of different subsystems never interleave.
 */
public final class DaemonLog implements Log, AutoCloseable {
    /** keepalived's parent's syslog ident. */
    public static final String PARENT_IDENT = "Keepalived";

    /** Where lines go: any of console, file, syslog may be absent. */
    public record Targets(PrintStream console, Path file, int fileUmask, boolean flushFile, SyslogWriter syslog) {
    }

    private final Clock clock;
    private final Level threshold;
    private final PrintStream console;
    private final Path file;
    private final int fileUmask;
    /** One file per ident, as keepalived's processes each write their own (LogFileNames); opened on first use. */
    private final java.util.Map<Path, BufferedWriter> files = new java.util.HashMap<>();
    private final java.util.Set<Path> unopenable = new java.util.HashSet<>();
    private final boolean flushFile;
    private final SyslogWriter syslog;
    private final boolean json;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Log> taps = new ArrayList<>();

    /** @param threshold the least severe level written; the file is opened as {@link SafeFiles} opens every file */
    public DaemonLog(Clock clock, Level threshold, Targets targets, boolean json) throws IOException {
        this.clock = clock;
        this.threshold = threshold;
        this.console = targets.console();
        this.file = targets.file();
        this.fileUmask = targets.fileUmask();
        if (file != null) {
            files.put(file, open(file, fileUmask));       // the parent's: a bad -g fails the start, as in keepalived
        }
        this.flushFile = targets.flushFile();
        this.syslog = targets.syslog();
        this.json = json;
    }

    /** Also send every line to {@code tap} (e.g. the status API's recent-events ring). */
    public void addTap(Log tap) {
        lock.lock();
        try {
            taps.add(tap);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void log(Level level, String message) {
        log(PARENT_IDENT, level, message);
    }

    @Override
    public Log as(String ident) {
        return new Identified(this, ident);
    }

    /** The lines of one part of the daemon, under its syslog ident. */
    private record Identified(DaemonLog sink, String ident) implements Log {
        @Override
        public void log(Level level, String message) {
            sink.log(ident, level, message);
        }

        @Override
        public Log as(String other) {
            return sink.as(other);
        }
    }

    private static BufferedWriter open(Path path, int umask) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(SafeFiles.append(path, umask).asStream(), StandardCharsets.UTF_8));
    }

    /** The -g file for {@code ident}'s lines; null when it cannot be opened (said once on the console and the parent's). */
    private BufferedWriter fileFor(String ident) {
        Path p = LogFileNames.forIdent(file, ident);
        BufferedWriter w = files.get(p);
        if (w != null || unopenable.contains(p)) {
            return w;
        }
        try {
            w = open(p, fileUmask);
            files.put(p, w);
            return w;
        } catch (IOException e) {
            unopenable.add(p);
            String why = "jkeepalived: cannot open log file " + p + ": " + e.getMessage();
            if (console != null) {
                console.println(why);
            }
            writeQuietly(files.get(file), why);
            return null;
        }
    }

    private void writeQuietly(BufferedWriter w, String line) {
        if (w == null) {
            return;
        }
        try {
            w.write(line);
            w.newLine();
            w.flush();
        } catch (IOException ignored) {
            // the line it reports is lost with it
        }
    }

    private void log(String ident, Level level, String message) {
        if (level.compareTo(threshold) > 0) {
            return;
        }
        if (syslog != null) {
            syslog.write(level, ident, message);       // queued, never blocks
        }
        if (console == null && file == null && taps.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        long millis = now.toEpochMilli();
        lock.lock();
        try {
            if (console != null) {
                console.println(json ? JsonLine.of(millis, level, message) : LogFormat.consoleLine(millis, clock.getZone(), message));
            }
            BufferedWriter w = file == null ? null : fileFor(ident);
            if (w != null) {
                w.write(json ? JsonLine.of(millis, level, message) : LogFormat.fileLine(now, clock.getZone(), message));
                w.newLine();
                if (flushFile) {
                    w.flush();
                }
            }
            for (Log tap : taps) {
                tap.log(level, message);
            }
        } catch (IOException e) {
            if (console != null) {
                console.println("jkeepalived: cannot write log file: " + e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            for (BufferedWriter w : files.values()) {
                w.close();
            }
            if (console != null) {
                console.flush();
            }
        } finally {
            lock.unlock();
        }
        if (syslog != null) {
            syslog.close();
        }
    }

    /** One JSON object per line for log shippers; keys are stable. */
    static final class JsonLine {
        private JsonLine() {
        }

        static String of(long epochMillis, Level level, String message) {
            return new io.jkeepalived.common.JsonWriter().startObject()
                    .field("ts", java.time.Instant.ofEpochMilli(epochMillis).toString())
                    .field("level", level.name().toLowerCase(java.util.Locale.ROOT))
                    .field("msg", message).endObject().text();
        }
    }
}
