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
 * console ({@code -l}) and a file ({@code -g}) in keepalived's line format, or as structured JSON lines
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
    private final BufferedWriter file;
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
        this.file = targets.file() == null ? null : new BufferedWriter(new OutputStreamWriter(
                SafeFiles.append(targets.file(), targets.fileUmask()).asStream(), StandardCharsets.UTF_8));
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
        long now = clock.millis();
        String line = json ? JsonLine.of(now, level, message) : LogFormat.consoleLine(now, clock.getZone(), message);
        lock.lock();
        try {
            if (console != null) {
                console.println(line);
            }
            if (file != null) {
                file.write(line);
                file.newLine();
                if (flushFile) {
                    file.flush();
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
            if (file != null) {
                file.close();
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
            var sb = new StringBuilder(message.length() + 64);
            sb.append("{\"ts\":\"").append(java.time.Instant.ofEpochMilli(epochMillis)).append("\",\"level\":\"")
                    .append(level.name().toLowerCase(java.util.Locale.ROOT)).append("\",\"msg\":\"");
            for (int i = 0; i < message.length(); i++) {
                char c = message.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append("\"}").toString();
        }
    }
}
