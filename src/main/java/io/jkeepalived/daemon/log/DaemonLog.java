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
 * The daemon's log: console ({@code -l}), file ({@code -g}) and structured JSON lines ({@code
 * JKEEPALIVED_LOG_JSON=1}), in keepalived's line format. Writes are serialized so lines of different
 * subsystems never interleave.
 */
public final class DaemonLog implements Log, AutoCloseable {
    private final Clock clock;
    private final boolean detail;
    private final PrintStream console;
    private final BufferedWriter file;
    private final boolean flushFile;
    private final boolean json;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Log> taps = new ArrayList<>();

    /** @param umask of the log file when it is created; it is opened as {@link SafeFiles} opens every file */
    public DaemonLog(Clock clock, boolean detail, PrintStream console, Path file, int umask, boolean flushFile, boolean json)
            throws IOException {
        this.clock = clock;
        this.detail = detail;
        this.console = console;
        this.file = file == null ? null : new BufferedWriter(new OutputStreamWriter(SafeFiles.append(file, umask).asStream(),
                StandardCharsets.UTF_8));
        this.flushFile = flushFile;
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
        if (level == Level.DEBUG && !detail) {
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
