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
}
