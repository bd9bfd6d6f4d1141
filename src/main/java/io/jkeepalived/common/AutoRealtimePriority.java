package io.jkeepalived.common;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * keepalived's automatic priority raise (scheduler.c's check after epoll_wait, process.c's
 * increment_process_priority), as a decision with the lateness passed in: when the loop handles a timer more than
 * {@code min_auto_priority_delay} after it was due, it logs "A thread timer expired N.NNNNNN seconds ago" and, with
 * {@code max_auto_priority} set, goes to SCHED_RR at the lowest realtime priority (1), or one higher if already
 * realtime, never above {@code max_auto_priority}. One per loop run (VRRP's, the checker's), owned by its loop thread.
 */
public final class AutoRealtimePriority {
    /** sched_get_priority_min(SCHED_RR) on Linux. */
    static final int MIN_REALTIME = 1;

    private final int max;
    private final long minDelayMicros;
    private int current;

    /**
     * @param maxAutoPriority  max_auto_priority: 0 (keepalived's default) or -1 never raise
     * @param minDelayMicros   min_auto_priority_delay (keepalived's default 1 s)
     * @param realtimePriority the loop's realtime priority now (vrrp_rt_priority; 0: not realtime)
     */
    public AutoRealtimePriority(int maxAutoPriority, long minDelayMicros, int realtimePriority) {
        this.max = Math.max(0, maxAutoPriority);
        this.minDelayMicros = minDelayMicros;
        this.current = realtimePriority;
    }

    /** What a late timer calls for: the line to log and, if any, the realtime priority to go to. */
    public record LateTimer(String expiredLine, OptionalInt raiseTo) {
        /** keepalived's line after the raise. */
        public String raisedLine() {
            return "Set realtime priority " + raiseTo.orElseThrow();
        }
    }

    /** The loop handled a timer {@code lateMicros} after it was due. */
    public Optional<LateTimer> timerLate(long lateMicros) {
        if (lateMicros <= minDelayMicros) {
            return Optional.empty();
        }
        String line = String.format("A thread timer expired %d.%06d seconds ago", lateMicros / 1_000_000,
                lateMicros % 1_000_000);
        if (max == 0 || current >= max) {
            return Optional.of(new LateTimer(line, OptionalInt.empty()));
        }
        current = current == 0 ? MIN_REALTIME : current + 1;
        return Optional.of(new LateTimer(line, OptionalInt.of(current)));
    }

    /** The realtime priority the loop is at now (0: not realtime). */
    public int current() {
        return current;
    }
}
