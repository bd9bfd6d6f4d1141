package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** reload_time_file's line, read as keepalived 2.2.7's parse_datetime reads it. */
class ReloadTimeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 2026-03-28 12:00:00 in Paris (UTC+1; the clocks go forward the next night at 02:00). */
    private static final ZonedDateTime NOON = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, PARIS);

    private static ReloadTime.Result parse(String line) {
        return ReloadTime.parse(line, NOON);
    }

    @Test
    void aTimeAloneIsTheNextSuchTimeInLocalTime() {
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-03-28T12:30:00Z"), false), parse("13:30:00"));
        // already passed today: tomorrow
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-03-29T09:00:00Z"), false), parse("11:00:00"),
                "tomorrow is summer time (UTC+2)");
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-03-29T10:00:00Z"), false), parse("12:00:00"),
                "now is not ahead: tomorrow");
    }

    @Test
    void zMeansUtc() {
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-03-28T13:30:00Z"), false), parse("13:30:00Z"));
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-03-29T10:00:00Z"), false), parse("10:00:00Z"));
    }

    @Test
    void aDateAndTimeInEitherYearForm() {
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-04-01T06:07:08Z"), true), parse("2026-04-01 08:07:08"));
        assertEquals(new ReloadTime.Scheduled(Instant.parse("2026-04-01T08:07:08Z"), true), parse("26-04-01 08:07:08Z"));
    }

    @Test
    void whatKeepalivedIgnores() {
        assertEquals(new ReloadTime.Ignored("Reload time 2026-03-28 11:00:00 is in the past - ignoring"),
                parse("2026-03-28 11:00:00"));
        assertEquals(new ReloadTime.Ignored("Reload time 2026-03-29 02:30:00 is not valid - ignoring"),
                parse("2026-03-29 02:30:00"), "the daylight saving gap");
        assertEquals(new ReloadTime.Ignored("Reload time 1:30:00 format is incorrect - ignoring"), parse("1:30:00"));
        assertEquals(new ReloadTime.Ignored("Reload time  13:30:00 format is incorrect - ignoring"), parse(" 13:30:00"),
                "no leading white space");
        assertEquals(new ReloadTime.Ignored("Reload date/time 25:00:00 invalid - ignoring"), parse("25:00:00"));
        assertEquals(new ReloadTime.Ignored("Reload date/time 2026-02-30 10:00:00 invalid - ignoring"),
                parse("2026-02-30 10:00:00"));
        assertEquals(new ReloadTime.Ignored("Reload date/time 2026/04/01 10:00:00 invalid - ignoring"),
                parse("2026/04/01 10:00:00"));
    }
}
