package io.jkeepalived.daemon.log;

import io.jkeepalived.common.Log;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.linux.UnixDatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Log lines to the local syslog socket ({@code /dev/log}; under systemd journald's, so the journal gets them),
 * as glibc's syslog(3) sends them: one datagram {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}, PRI being the
 * facility ({@code -S}) and the line's severity. The daemon never waits for syslog: lines go through a bounded
 * queue to one writer thread whose sends give up after {@link #SEND_TIMEOUT}; a full queue or a failed send drops
 * the line and counts it (so do the lines of the next {@link #RETRY_AFTER}, so that queued lines never arrive
 * minutes late), and the next line that gets through says how many were lost. Each line is sent to the
 * socket's path afresh, so a syslog daemon (or journald) that restarts, or a {@code /dev/log} that goes away and
 * comes back, is found again by the next line.
 */
public final class SyslogWriter implements AutoCloseable {
    public static final String DEV_LOG = "/dev/log";
    static final int QUEUE_CAPACITY = 4096;
    static final Duration SEND_TIMEOUT = Duration.ofMillis(500);
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** RFC 3164 / glibc's timestamp: {@code %h %e %T}, the C locale, local time. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private record Line(long epochMillis, int severity, String ident, String message) {
    }

    private static final Line STOP = new Line(0, 0, "", "");

    private final String address;
    private final int facility;
    private final Clock clock;
    private final long pid;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private long droppedReported;
    /** After a failed send, lines are dropped without trying until then: a stuck syslog costs one timeout a second. */
    private long retryAtMillis;

    /**
     * @param address  the syslog socket, {@link #DEV_LOG}
     * @param facility the facility code already shifted, e.g. {@code 3 << 3} for LOG_DAEMON ({@link #facility})
     */
    public SyslogWriter(String address, int facility, Clock clock, long pid) {
        this.address = address;
        this.facility = facility;
        this.clock = clock;
        this.pid = pid;
        this.writer = Thread.ofPlatform().name("syslog").daemon(true).unstarted(this::drain);
        writer.start();
    }

    /** keepalived's {@code -S}: 0-7 or local0-7 (LOG_LOCAL0-7), user, daemon (the default). */
    public static int facility(String option) {
        String n = option.startsWith("local") ? option.substring(5) : option;
        if (n.matches("[0-7]")) {
            return (16 + Integer.parseInt(n)) << 3;
        }
        return switch (option) {
            case "user" -> 1 << 3;
            case "daemon", "LOG_DAEMON" -> 3 << 3;
            default -> throw new IllegalArgumentException("Invalid log facility '" + option + "'");
        };
    }

    /**
     * syslog(3)'s severity of each of our levels. Our DEBUG lines are keepalived's {@code -D} detail lines, which
     * keepalived sends at LOG_INFO ({@code if (LOG_DETAIL) log_message(LOG_INFO, ...)}): so do we, for the filters
     * an operator set up for keepalived.
     */
    static int severity(Log.Level level) {
        return switch (level) {
            case ERROR -> 3;
            case WARNING -> 4;
            case NOTICE -> 5;
            case INFO, DEBUG -> 6;
        };
    }

    /** Queues one line; never blocks (a full queue drops it and counts). */
    public void write(Log.Level level, String ident, String message) {
        if (!queue.offer(new Line(clock.millis(), severity(level), ident, message))) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped so far (queue full, or syslog unreachable or too slow). */
    public long dropped() {
        return dropped.get();
    }

    /** The datagram glibc's syslog(3) would send for this line (no hostname on the local socket, no newline). */
    String datagram(long epochMillis, int severity, String ident, String message) {
        var t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), clock.getZone());
        return "<" + (facility | severity) + ">" + STAMP.format(t) + " " + ident + "[" + pid + "]: " + message;
    }

    private void drain() {
        UnixDatagramSocket socket = null;
        try {
            while (true) {
                Line line = queue.take();
                if (line == STOP) {
                    return;
                }
                if (clock.millis() < retryAtMillis) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (socket == null) {
                    socket = open();
                }
                if (socket == null || !send(socket, line)) {
                    dropped.incrementAndGet();
                    retryAtMillis = clock.millis() + RETRY_AFTER.toMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    private static UnixDatagramSocket open() {
        try {
            return Linux.openUnixDatagramSender(SEND_TIMEOUT);
        } catch (SyscallException | RuntimeException e) {
            return null;     // no socket: the line is counted as dropped; the next one tries again
        }
    }

    private boolean send(UnixDatagramSocket socket, Line line) {
        try {
            long lost = dropped.get();
            if (lost != droppedReported) {
                socket.send(address, datagram(line.epochMillis(), 4, line.ident(), (lost - droppedReported)
                        + " log lines dropped (syslog unreachable or too slow)").getBytes(StandardCharsets.UTF_8));
                droppedReported = lost;
            }
            socket.send(address, datagram(line.epochMillis(), line.severity(), line.ident(), line.message())
                    .getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (SyscallException | RuntimeException e) {
            return false;
        }
    }

    /** Sends what is queued (waiting at most 2 s) and stops the writer. */
    @Override
    public void close() {
        try {
            if (queue.offer(STOP, 1, TimeUnit.SECONDS)) {
                writer.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
