package io.jkeepalived.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * keepalived's per-process settings of one subsystem ({@code vrrp_*} or {@code checker_*}, see keepalived's
 * set_process_priorities), applied to the subsystem's loop thread, which plays keepalived's child process: SCHED_RR,
 * nice and CPU affinity are per thread in Linux; mlockall and RLIMIT_RTTIME are per process (see
 * {@link ProcessLimits}), so both subsystems share them.
 *
 * @param process              {@code vrrp} or {@code checker}, for the log
 * @param realtimePriority     {@code *_rt_priority}: SCHED_RR at this priority; 0: not
 * @param nice                 {@code *_priority}: the nice value; 0: unchanged. As keepalived: only without a
 *                             realtime priority (SCHED_RR ignores nice)
 * @param cpus                 {@code *_cpu_affinity}: the CPUs this thread may run on; empty: unchanged
 * @param lockMemory           the process's memory locked: either subsystem's {@code *_no_swap} (one process);
 *                             false unlocks it, as keepalived's reset on a reload that dropped it
 * @param realtimeLimitMicros  with a realtime priority, RLIMIT_RTTIME's hard limit (soft: half of it) for the
 *                             process: the larger {@code *_rlimit_rttime} of the realtime subsystems, raised to
 *                             {@link ProcessLimits#MIN_REALTIME_LIMIT_MICROS}; 0: none
 * @param threadName           {@code vrrp_process_name} / {@code checker_process_name}: the loop thread's name
 *                             (keepalived names the child process); empty: unchanged
 */
public record LoopThreadSettings(String process, int realtimePriority, int nice, List<Integer> cpus, boolean lockMemory,
                                 long realtimeLimitMicros, java.util.Optional<String> threadName) {
    public LoopThreadSettings {
        cpus = List.copyOf(cpus);
    }

    /** Without a thread name. */
    public LoopThreadSettings(String process, int realtimePriority, int nice, List<Integer> cpus, boolean lockMemory,
                              long realtimeLimitMicros) {
        this(process, realtimePriority, nice, cpus, lockMemory, realtimeLimitMicros, java.util.Optional.empty());
    }

    /**
     * RLIMIT_RTTIME for the one process both subsystems share: the larger {@code *_rlimit_rttime} of the subsystems
     * with a realtime priority (keepalived sets each in its own process), so neither is cut short by the other's
     * smaller limit; 0 when none is realtime.
     */
    public static long processRealtimeLimit(int vrrpRealtimePriority, long vrrpLimitMicros, int checkerRealtimePriority,
                                            long checkerLimitMicros) {
        return Math.max(vrrpRealtimePriority > 0 ? vrrpLimitMicros : 0,
                checkerRealtimePriority > 0 ? checkerLimitMicros : 0);
    }

    /**
     * The thread settings alone (SCHED_RR, nice, CPUs) for a thread that serves the loop (VRRP's timer and
     * reader); refusals are left to the loop thread's {@link #applyHere} to report, once.
     */
    public void applyToHelperThread() {
        try {
            if (realtimePriority > 0) {
                ThreadScheduling.roundRobin(realtimePriority);
            } else if (nice != 0) {
                ThreadScheduling.nice(nice);
            }
        } catch (SyscallException e) {
            // reported by the loop thread's applyHere
        }
        try {
            if (!cpus.isEmpty()) {
                ThreadScheduling.affinity(cpus);
            }
        } catch (SyscallException e) {
            // reported by the loop thread's applyHere
        }
    }

    /**
     * keepalived's automatic raise for this loop: what to do with each late wake-up (microseconds late, on the loop
     * thread): keepalived's "A thread timer expired" line, and one {@link #raiseRealtime} step with "Set realtime
     * priority N" when {@code auto} calls for it.
     */
    public java.util.function.LongConsumer autoRaise(io.jkeepalived.common.AutoRealtimePriority auto, long realtimeLimitMicros,
                                                     List<Integer> helperTids, Consumer<String> info, Consumer<String> refused) {
        return late -> auto.timerLate(late).ifPresent(t -> {
            info.accept(t.expiredLine());
            t.raiseTo().ifPresent(p -> {
                if (raiseRealtime(p, realtimeLimitMicros, helperTids, refused, info)) {
                    info.accept(t.raisedLine());
                }
            });
        });
    }

    /**
     * One step of keepalived's automatic raise (increment_process_priority) for a late loop: SCHED_RR at
     * {@code priority} for the calling thread (the loop) and the threads {@code helperTids} that wake it; RLIMIT_RTTIME
     * as {@link #applyHere} sets it, {@code realtimeLimitMicros} (0: none), when these settings had no realtime
     * priority of their own. A refusal is told to {@code refused} in keepalived's words.
     *
     * @return whether the calling thread is now at {@code priority}
     */
    public boolean raiseRealtime(int priority, long realtimeLimitMicros, List<Integer> helperTids, Consumer<String> refused,
                                 Consumer<String> overrun) {
        try {
            ThreadScheduling.roundRobin(priority);
        } catch (SyscallException e) {
            refused.accept(process + ": cannot raise priority - " + e.getMessage());
            return false;
        }
        for (int tid : helperTids) {
            try {
                ThreadScheduling.roundRobin(tid, priority);
            } catch (SyscallException e) {
                refused.accept(process + ": cannot raise priority - " + e.getMessage());
            }
        }
        if (realtimePriority == 0 && realtimeLimitMicros > 0) {
            ProcessLimits.onRealtimeOverrun(() -> overrun.accept("a realtime loop thread has used too much"
                    + " CPU time, vrrp_rlimit_rttime or checker_rlimit_rttime may need to be increased"));
            try {
                ProcessLimits.setRealtimeCpuLimit(realtimeLimitMicros);
            } catch (SyscallException e) {
                refused.accept(process + " cannot set realtime rlimit - " + e.getMessage());
            }
        }
        return true;
    }

    /**
     * Applies every setting to the calling thread (and the process), each on its own: one refused (no
     * CAP_SYS_NICE, no CAP_IPC_LOCK ...) is reported to {@code refused} in keepalived's words and the others still
     * apply.
     *
     * @param overrun  told when a realtime thread crossed RLIMIT_RTTIME's soft half (SIGXCPU, whose default action
     *                 would end the JVM), in keepalived's words
     * @return what was set, for the log: e.g. {@code " SCHED_RR priority 20 CPUs 0,1"}
     */
    public String applyHere(Consumer<String> refused, Consumer<String> overrun) {
        var done = new ArrayList<String>();
        if (threadName.isPresent()) {
            try {
                TaskNames.nameThisThread(threadName.get());
                done.add("named " + threadName.get());
            } catch (SyscallException e) {
                refused.accept("Failed to set process name '" + threadName.get() + "'");
            }
        }
        if (realtimePriority > 0) {
            try {
                ThreadScheduling.roundRobin(realtimePriority);
                done.add("SCHED_RR priority " + realtimePriority);
                if (realtimeLimitMicros > 0) {
                    ProcessLimits.onRealtimeOverrun(() -> overrun.accept("a realtime loop thread has used too much"
                            + " CPU time, vrrp_rlimit_rttime or checker_rlimit_rttime may need to be increased"));
                    try {
                        long set = ProcessLimits.setRealtimeCpuLimit(realtimeLimitMicros);
                        done.add("RLIMIT_RTTIME " + set + " us (process-wide" + (set > realtimeLimitMicros
                                ? ", raised from " + realtimeLimitMicros + " us for the JVM)" : ")"));
                    } catch (SyscallException e) {
                        refused.accept(process + " cannot set realtime rlimit - " + e.getMessage());
                    }
                }
            } catch (SyscallException e) {
                refused.accept(process + ": cannot raise priority - " + e.getMessage());
            }
        } else if (nice != 0) {
            try {
                ThreadScheduling.nice(nice);
                done.add("nice " + nice);
            } catch (SyscallException e) {
                refused.accept("Unable to set " + process + " priority to " + nice + " - " + e.getMessage());
            }
        }
        if (!cpus.isEmpty()) {
            try {
                ThreadScheduling.affinity(cpus);
                done.add("CPUs " + cpus.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } catch (SyscallException e) {
                refused.accept("unable to set cpu affinity to " + process + " process (" + e.getMessage() + ")");
            }
        }
        if (lockMemory) {
            try {
                ProcessLimits.lockMemory();
                done.add("memory locked (process-wide)");
            } catch (SyscallException e) {
                refused.accept("Unable to lock process in memory - " + e.getMessage());
            }
        } else {
            try {
                ProcessLimits.unlockMemory();      // nothing locked: a no-op
            } catch (SyscallException e) {
                refused.accept("Unable to unlock process memory - " + e.getMessage());
            }
        }
        return done.isEmpty() ? "" : " " + String.join(" ", done);
    }
}
