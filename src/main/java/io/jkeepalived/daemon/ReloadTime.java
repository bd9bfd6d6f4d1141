package io.jkeepalived.daemon;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a {@code reload_time_file}, read as keepalived 2.2.7's {@code parse_datetime} reads it: exactly
 * {@code HH:MM:SS}, {@code YY-MM-DD HH:MM:SS} or {@code YYYY-MM-DD HH:MM:SS}, each with an optional {@code Z} (UTC;
 * otherwise local time). A time alone is the next such time (tomorrow once it has passed today); a date and time
 * in the past, or a local time that does not exist (a daylight saving gap), is ignored. Pure: "now" is passed in.
 */
final class ReloadTime {
    private static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)");
    private static final Pattern SHORT_DATE = Pattern.compile("(\\d\\d)-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)");
    private static final Pattern LONG_DATE = Pattern.compile("(\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)");

    /** What a file's line asks for. */
    sealed interface Result {
    }

    /** A reload at {@code at}; {@code dateGiven}: the line had a date (the file goes even with reload_repeat). */
    record Scheduled(Instant at, boolean dateGiven) implements Result {
    }

    /** Nothing to schedule; {@code why} is the log line (keepalived's words). */
    record Ignored(String why) implements Result {
    }

    private ReloadTime() {
    }

    static Result parse(String line, ZonedDateTime now) {
        boolean utc = line.endsWith("Z");
        String text = utc ? line.substring(0, line.length() - 1) : line;
        ZoneId zone = utc ? ZoneOffset.UTC : now.getZone();
        LocalDate today = now.withZoneSameInstant(zone).toLocalDate();
        Matcher m;
        LocalDateTime wanted;
        try {
            if ((m = TIME.matcher(text)).matches()) {
                wanted = today.atTime(time(m, 1));
            } else if ((m = SHORT_DATE.matcher(text)).matches()) {
                int yy = Integer.parseInt(m.group(1));
                wanted = LocalDate.of(yy < 69 ? 2000 + yy : 1900 + yy, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))).atTime(time(m, 4));
            } else if ((m = LONG_DATE.matcher(text)).matches()) {
                wanted = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))).atTime(time(m, 4));
            } else if (text.length() != 8 && text.length() != 17 && text.length() != 19) {
                return new Ignored("Reload time " + line + " format is incorrect - ignoring");
            } else {
                return new Ignored("Reload date/time " + line + " invalid - ignoring");
            }
        } catch (DateTimeException e) {
            return new Ignored("Reload date/time " + line + " invalid - ignoring");
        }
        if (zone.getRules().getValidOffsets(wanted).isEmpty()) {
            return new Ignored("Reload time " + line + " is not valid - ignoring");
        }
        boolean dateGiven = text.length() >= 17;
        Instant at = ZonedDateTime.ofLocal(wanted, zone, null).toInstant();
        if (!at.isAfter(now.toInstant())) {
            if (dateGiven) {
                return new Ignored("Reload time " + line + " is in the past - ignoring");
            }
            at = ZonedDateTime.ofLocal(wanted.plusDays(1), zone, null).toInstant();
        }
        return new Scheduled(at, dateGiven);
    }

    private static LocalTime time(Matcher m, int first) {
        return LocalTime.of(Integer.parseInt(m.group(first)), Integer.parseInt(m.group(first + 1)),
                Integer.parseInt(m.group(first + 2)));
    }
}
