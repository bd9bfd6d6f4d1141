package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;

/**
 * What keepalived sets per process and the kernel keeps per process (one JVM runs VRRP and the checker, so both
 * share them): {@code *_no_swap} (mlockall) and {@code *_rlimit_rttime} (RLIMIT_RTTIME, which bounds the CPU time a
 * realtime thread may use without blocking).
 */
public final class ProcessLimits {
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;
    private static final int MCL_ONFAULT = 4;
    private static final int RLIMIT_RTTIME = 15;
    private static final long RLIM_INFINITY = -1L;

    private ProcessLimits() {
    }

    /**
     * mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT), as keepalived: every page, once touched, stays in memory.
     * MCL_ONFAULT keeps the JVM's reserved but untouched heap out of it.
     */
    public static void lockMemory() throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            if (Libc.mlockall(errno, MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) < 0) {
                throw Libc.error("mlockall", "MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT", errno);
            }
        }
    }

    /**
     * RLIMIT_RTTIME as keepalived sets it: soft half of {@code micros} (SIGXCPU: a warning), hard {@code micros}
     * (SIGKILL). Only ever loosened: if a limit of ours (a finite hard limit) is already larger, it stays, so the
     * subsystem that allows more is never cut short by the other. Returns the hard limit in force.
     */
    public static long raiseRealtimeCpuLimit(long micros) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            var limit = arena.allocate(16, 8);             // struct rlimit { rlim_t cur; rlim_t max; }
            if (Libc.getrlimit(errno, RLIMIT_RTTIME, limit) < 0) {
                throw Libc.error("getrlimit", "RLIMIT_RTTIME", errno);
            }
            long max = limit.get(JAVA_LONG, 8);
            if (max != RLIM_INFINITY && Long.compareUnsigned(max, micros) >= 0) {
                return max;
            }
            limit.set(JAVA_LONG, 0, micros / 2);
            limit.set(JAVA_LONG, 8, micros);
            if (Libc.setrlimit(errno, RLIMIT_RTTIME, limit) < 0) {
                throw Libc.error("setrlimit", "RLIMIT_RTTIME, " + micros / 2 + "/" + micros + " us", errno);
            }
            return micros;
        }
    }

    /**
     * SIGXCPU (RLIMIT_RTTIME's soft limit crossed) tells {@code warning} instead of ending the process, as
     * keepalived's log_sigxcpu. The JVM's signal thread runs it; the last one installed is the one in force.
     */
    public static void onRealtimeOverrun(Runnable warning) {
        sun.misc.Signal.handle(new sun.misc.Signal("XCPU"), s -> warning.run());
    }
}
