package io.jkeepalived.config.model;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA timing. global_defs holds the defaults (vrrp_garp_*); each instance
 * holds its resolved values (own garp_* or inherited).
 */
public record GarpSettings(
        Duration masterDelay,
        int masterRepeat,
        Duration masterRefresh,
        int masterRefreshRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat) {

    /** keepalived's built-in defaults: delay 5 s, repeat 5, no refresh, refresh repeat 1, lower-prio = master. */
    public static final GarpSettings DEFAULTS =
            new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1, Duration.ofSeconds(5), 5);
}
