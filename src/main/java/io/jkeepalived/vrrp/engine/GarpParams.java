package io.jkeepalived.vrrp.engine;

/**
 * Gratuitous ARP / unsolicited NA settings of an instance (keepalived's garp_* keywords), resolved.
 *
 * @param masterDelayMicros       garp_master_delay: second burst this long after becoming master (0 = none)
 * @param masterRepeat            garp_master_repeat: GARPs per VIP in each burst
 * @param masterRefreshMicros     garp_master_refresh: re-send while master, at the first advert after
 *                                this much time (0 = never)
 * @param masterRefreshRepeat     garp_master_refresh_repeat
 * @param lowerPrioDelayMicros    garp_lower_prio_delay: second burst after a lower priority advert
 * @param lowerPrioRepeat         garp_lower_prio_repeat (0 = no GARP on lower priority adverts)
 */
public record GarpParams(long masterDelayMicros, int masterRepeat, long masterRefreshMicros, int masterRefreshRepeat,
                         long lowerPrioDelayMicros, int lowerPrioRepeat) {
    /** keepalived 2.2.7 defaults: delay 5 s, repeat 5, no refresh (repeat 1), lower prio delay 5 s repeat 5. */
    public static final GarpParams DEFAULTS = new GarpParams(5_000_000, 5, 0, 1, 5_000_000, 5);
}
