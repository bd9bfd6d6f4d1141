package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;

/**
 * Scheduling of the calling thread (Linux applies sched_setscheduler(0, ...) and setpriority(PRIO_PROCESS, 0, ...) to
 * the calling thread only): keepalived's {@code vrrp_rt_priority} (SCHED_RR) and {@code vrrp_priority} (nice).
 */
public final class ThreadScheduling {
    private static final int SCHED_RR = 2;
    private static final int PRIO_PROCESS = 0;

    private ThreadScheduling() {
    }

    /** SCHED_RR at {@code priority} (1-99); needs CAP_SYS_NICE (or RLIMIT_RTPRIO). */
    public static void roundRobin(int priority) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            var param = arena.allocate(JAVA_INT);         // struct sched_param { int sched_priority; }
            param.set(JAVA_INT, 0, priority);
            if (Libc.schedSetscheduler(errno, 0, SCHED_RR, param) < 0) {
                throw Libc.error("sched_setscheduler", "0 (this thread), SCHED_RR, priority " + priority, errno);
            }
        }
    }

    /** The nice value (-20..19) of this thread. */
    public static void nice(int value) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            if (Libc.setpriority(errno, PRIO_PROCESS, 0, value) < 0) {
                throw Libc.error("setpriority", "PRIO_PROCESS, 0 (this thread), " + value, errno);
            }
        }
    }
}
