package io.jkeepalived.vrrp.engine;

/**
 * The RFC timer arithmetic in integer microseconds, exactly as keepalived computes it
 * (VRRP_TIMER_SKEW_CALC / VRRP_MS_DOWN_TIMER in vrrp.h).
 */
public final class VrrpTimers {
    private VrrpTimers() {
    }

    /**
     * Skew_Time for a priority. v2 (RFC 3768): (256 - priority) / 256 s. v3 (RFC 5798):
     * ((256 - priority) * Master_Adver_Interval) / 256, the interval in centiseconds as on the wire
     * (keepalived: (256-prio) * centis * 625 / 16 us).
     */
    public static long skewMicros(int version, int priority, long masterAdverIntMicros) {
        long p = 256 - priority;
        return version == 3 ? p * (masterAdverIntMicros / 10_000) * 625 / 16 : p * 1_000_000 / 256;
    }

    /** The smallest skew (priority 255). */
    public static long minSkewMicros(int version, long masterAdverIntMicros) {
        return skewMicros(version, 255, masterAdverIntMicros);
    }

    /** Master_Down_Interval: down_timer_adverts * Master_Adver_Interval + Skew_Time. */
    public static long masterDownMicros(int version, int priority, long masterAdverIntMicros, int downTimerAdverts) {
        return downTimerAdverts * masterAdverIntMicros + skewMicros(version, priority, masterAdverIntMicros);
    }

    /**
     * timer_expired_backup (keepalived's vrrp_thread_timeout_handler): how long after its last advert a MASTER may
     * already have been replaced by a router of priority {@code highestOtherPriority}: {@code adverts} intervals plus
     * that router's skew, v2 (256 - p) / 256 s, v3 (256 - p) * advert_int / 256, as keepalived computes it.
     */
    public static long takeoverMicros(int version, int highestOtherPriority, long advertIntervalMicros, int adverts) {
        long p = 256 - highestOtherPriority;
        return adverts * advertIntervalMicros + (version == 2 ? p * 1_000_000 / 256 : p * advertIntervalMicros / 256);
    }
}
