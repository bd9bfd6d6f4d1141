package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** vrrp_delay_after_boot beside vrrp_startup_delay, with the uptime passed in (keepalived reads /proc/uptime). */
class StartupDelayTest {
    private static Duration s(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    @Test
    void waitsWhatIsLeftOfTheDelayAfterBoot() {
        assertEquals(s(15.23 - 10.5), StartupDelay.of(Duration.ZERO, s(15.23), Optional.of(s(10.5))));
    }

    @Test
    void longAfterBootThereIsNoDelay() {
        assertEquals(Duration.ZERO, StartupDelay.of(Duration.ZERO, s(15.23), Optional.of(s(15.23))));
        assertEquals(Duration.ZERO, StartupDelay.of(Duration.ZERO, s(60), Optional.of(s(86_400))));
    }

    @Test
    void theLongerOfTheTwoDelaysWins() {
        assertEquals(s(5.5), StartupDelay.of(s(5.5), s(15), Optional.of(s(12))), "3 s left after boot: the startup delay");
        assertEquals(s(8), StartupDelay.of(s(5.5), s(15), Optional.of(s(7))), "8 s left after boot");
        assertEquals(s(5.5), StartupDelay.of(s(5.5), s(15), Optional.of(s(100))));
    }

    @Test
    void anUnreadableUptimeIgnoresTheDelayAfterBoot() {
        assertEquals(s(2), StartupDelay.of(s(2), s(15), Optional.empty()));
        assertEquals(Duration.ZERO, StartupDelay.of(Duration.ZERO, Duration.ZERO, Optional.of(s(1))));
    }

    @Test
    void readsProcUptime() {
        assertEquals(Optional.of(s(350735.47)), StartupDelay.parseUptime("350735.47 234388.90\n"));
        assertEquals(Optional.empty(), StartupDelay.parseUptime("garbage\n"));
        assertEquals(Optional.empty(), StartupDelay.parseUptime(""));
    }
}
