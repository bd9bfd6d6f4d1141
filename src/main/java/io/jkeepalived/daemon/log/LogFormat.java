package io.jkeepalived.daemon.log;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * keepalived's console/file line format: the C locale's {@code %c} timestamp, a colon, the message
 * ({@code Sat Nov 21 21:50:47 2026: (VI_1) Entering MASTER STATE}), so scripts that grep keepalived's
 * console output keep working.
 */
public final class LogFormat {
    private static final DateTimeFormatter C_LOCALE_TIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private LogFormat() {
    }

    /** keepalived's -g file timestamp: {@code %a %b %d %T.NANOS %Y} ({@code Mon Dec 07 06:34:02.123456789 2026: ...}). */
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSSSSS yyyy", Locale.ROOT);

    public static String fileLine(java.time.Instant at, ZoneId zone, String message) {
        return FILE_TIME.format(ZonedDateTime.ofInstant(at, zone)) + ": " + message;
    }

    public static String consoleLine(long epochMillis, ZoneId zone, String message) {
        var t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), zone);
        return C_LOCALE_TIME.format(t) + ": " + message;
    }
}
