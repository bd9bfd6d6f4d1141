package io.jkeepalived.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * keepalived's per-process settings of one subsystem ({@code vrrp_*} or {@code checker_*}), applied to the
 * subsystem's loop thread, which plays keepalived's child process: SCHED_RR, nice and CPU affinity are per thread;
 * mlockall and RLIMIT_RTTIME are per process (see {@link ProcessLimits}).
 *
 * @param realtimePriority     {@code *_rt_priority}: SCHED_RR at this priority; 0: not
 * @param nice                 {@code *_priority}: the nice value; 0: unchanged
 * @param cpus                 {@code *_cpu_affinity}: the CPUs this thread may run on; empty: unchanged
 * @param noSwap               {@code *_no_swap}: lock the process's memory
 * @param realtimeLimitMicros  {@code *_rlimit_rttime}: with a realtime priority, RLIMIT_RTTIME's hard limit
 */
public record LoopThreadSettings(int realtimePriority, int nice, List<Integer> cpus, boolean noSwap,
                                 long realtimeLimitMicros) {
    public LoopThreadSettings {
        cpus = List.copyOf(cpus);
    }

    /** Anything to do at all. */
    public boolean any() {
        return realtimePriority > 0 || nice != 0 || !cpus.isEmpty() || noSwap;
    }

    /**
     * Applies every setting to the calling thread (and the process), each on its own: one refused (no
     * CAP_SYS_NICE, no CAP_IPC_LOCK ...) is reported to {@code refused} and the others still apply.
     *
     * @param overrun  told when the realtime limit's soft half is crossed (SIGXCPU), as keepalived logs it
     * @return what was set, for the log: e.g. {@code " SCHED_RR priority 20 nice -5 CPUs 0,1"}
     */
    public String applyHere(Consumer<String> refused, Runnable overrun) {
        var done = new ArrayList<String>();
        String limit = null;
        if (realtimePriority > 0) {
            try {
                ThreadScheduling.roundRobin(realtimePriority);
                done.add("SCHED_RR priority " + realtimePriority);
                if (realtimeLimitMicros > 0) {
                    // the soft limit sends SIGXCPU, whose default action would end the JVM: a warning instead
                    sun.misc.Signal.handle(new sun.misc.Signal("XCPU"), s -> overrun.run());
                    long inForce = ProcessLimits.raiseRealtimeCpuLimit(realtimeLimitMicros);
                    limit = "RLIMIT_RTTIME " + inForce + " us (process-wide)";
                }
            } catch (SyscallException e) {
                refused.accept(e.getMessage());
            }
        }
        if (nice != 0) {
            try {
                ThreadScheduling.nice(nice);
                done.add("nice " + nice);
            } catch (SyscallException e) {
                refused.accept(e.getMessage());
            }
        }
        if (!cpus.isEmpty()) {
            try {
                ThreadScheduling.affinity(cpus);
                done.add("CPUs " + cpus.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } catch (SyscallException e) {
                refused.accept(e.getMessage());
            }
        }
        if (noSwap) {
            try {
                ProcessLimits.lockMemory();
                done.add("memory locked (process-wide)");
            } catch (SyscallException e) {
                refused.accept(e.getMessage());
            }
        }
        if (limit != null) {
            done.add(limit);
        }
        return done.isEmpty() ? "" : " " + String.join(" ", done);
    }
}
