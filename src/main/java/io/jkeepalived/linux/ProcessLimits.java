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

    /** munlockall(): what a reload to a configuration without {@code *_no_swap} undoes (keepalived's reset). */
    public static void unlockMemory() throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            if (Libc.munlockall(errno) < 0) {
                throw Libc.error("munlockall", "", errno);
            }
        }
    }

    /**
     * The least RLIMIT_RTTIME we set. keepalived's default (10 ms) suits a C process; a JVM thread meeting a code
     * path for the first time (class loading, interpreted code) can run longer than that without blocking, and
     * the hard limit's SIGKILL ends the whole daemon (keepalived's parent would restart a killed child; here there
     * is none).
     */
    public static final long MIN_REALTIME_LIMIT_MICROS = 100_000;

    /**
     * RLIMIT_RTTIME as keepalived sets it: soft half of {@code micros} (SIGXCPU: a warning, see
     * {@link #onRealtimeOverrun}), hard {@code micros} (SIGKILL), at least {@link #MIN_REALTIME_LIMIT_MICROS}.
     * Returns the hard limit set.
     */
    public static long setRealtimeCpuLimit(long micros) throws SyscallException {
        long hard = Math.max(micros, MIN_REALTIME_LIMIT_MICROS);
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            var limit = arena.allocate(16, 8);             // struct rlimit { rlim_t cur; rlim_t max; }
            limit.set(JAVA_LONG, 0, hard / 2);
            limit.set(JAVA_LONG, 8, hard);
            if (Libc.setrlimit(errno, RLIMIT_RTTIME, limit) < 0) {
                throw Libc.error("setrlimit", "RLIMIT_RTTIME, " + hard / 2 + "/" + hard + " us", errno);
            }
            return hard;
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
