package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;

/**
 * Scheduling of the calling thread (Linux applies sched_setscheduler(0, ...) and setpriority(PRIO_PROCESS, 0, ...) to
 * the calling thread only): keepalived's {@code *_rt_priority} (SCHED_RR), {@code *_priority} (nice) and
 * {@code *_cpu_affinity} (sched_setaffinity(0, ...), also per thread).
 */
public final class ThreadScheduling {
    private static final int SCHED_RR = 2;
    // as keepalived: threads and processes this one starts (scripts, pools) run at normal priority
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int PRIO_PROCESS = 0;

    private ThreadScheduling() {
    }

    /**
     * SCHED_RR at {@code priority} (1-99), with SCHED_RESET_ON_FORK as keepalived; needs CAP_SYS_NICE (or
     * RLIMIT_RTPRIO).
     */
    public static void roundRobin(int priority) throws SyscallException {
        roundRobin(0, priority);
    }

    /**
     * As {@link #roundRobin(int)}, for the thread {@code tid} of this process ({@link #currentThreadId} of it; 0:
     * the calling thread): a loop raises the threads that wake it (keepalived's automatic priority raise).
     */
    public static void roundRobin(int tid, int priority) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            var param = arena.allocate(JAVA_INT);         // struct sched_param { int sched_priority; }
            param.set(JAVA_INT, 0, priority);
            if (Libc.schedSetscheduler(errno, tid, SCHED_RR | SCHED_RESET_ON_FORK, param) < 0) {
                throw Libc.error("sched_setscheduler", (tid == 0 ? "0 (this thread)" : "thread " + tid)
                        + ", SCHED_RR, priority " + priority, errno);
            }
        }
    }

    /** The calling thread's kernel id (gettid(2)): what /proc/self/task lists and sched_setscheduler takes. */
    public static int currentThreadId() {
        return Libc.gettid();
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

    /** Pins this thread to {@code cpus} (CPU numbers below 1024, the kernel's CPU_SETSIZE in glibc). */
    public static void affinity(java.util.List<Integer> cpus) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            var mask = arena.allocate(CPU_SET_BYTES, 8);   // cpu_set_t: a bit per CPU, in longs
            for (int cpu : cpus) {
                long offset = (cpu / 64) * 8L;
                mask.set(JAVA_LONG, offset, mask.get(JAVA_LONG, offset) | (1L << (cpu % 64)));
            }
            if (Libc.schedSetaffinity(errno, 0, CPU_SET_BYTES, mask) < 0) {
                throw Libc.error("sched_setaffinity", "0 (this thread), CPUs " + cpus, errno);
            }
        }
    }

    /** The largest CPU number {@link #affinity} takes, plus one. */
    public static final int CPU_SETSIZE = 1024;
    private static final long CPU_SET_BYTES = CPU_SETSIZE / 8;
}
