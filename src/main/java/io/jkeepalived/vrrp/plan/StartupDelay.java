package io.jkeepalived.vrrp.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * How long VRRP waits at its first start: the longer of {@code vrrp_startup_delay} and what is left of
 * {@code vrrp_delay_after_boot} since the system booted (keepalived's vrrp_delay_after_boot_handler, which reads
 * /proc/uptime; the uptime is passed in). Without a readable uptime keepalived ignores vrrp_delay_after_boot.
 */
public final class StartupDelay {
    private StartupDelay() {
    }

    /**
     * @param startupDelay   vrrp_startup_delay (zero: none)
     * @param delayAfterBoot vrrp_delay_after_boot (zero: none)
     * @param uptime         the time since boot (/proc/uptime's first number); empty: could not be read
     */
    public static Duration of(Duration startupDelay, Duration delayAfterBoot, Optional<Duration> uptime) {
        if (delayAfterBoot.isZero() || uptime.isEmpty() || uptime.get().compareTo(delayAfterBoot) >= 0) {
            return startupDelay;
        }
        Duration left = delayAfterBoot.minus(uptime.get());
        return left.compareTo(startupDelay) > 0 ? left : startupDelay;
    }

    /** /proc/uptime's text: the seconds since boot (with fractions), then the idle time; empty if not such a line. */
    public static Optional<Duration> parseUptime(String procUptime) {
        String[] words = procUptime.strip().split("\\s+");
        try {
            var seconds = new java.math.BigDecimal(words[0]);
            if (seconds.signum() < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValue()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
