package io.jkeepalived.linux;

/** What the process connector (NETLINK_CONNECTOR, CN_IDX_PROC) reported; pids are thread ids, tgids process ids. */
public sealed interface ProcessEvent {
    /** PROC_EVENT_FORK: {@code parentTgid} made {@code childPid} (a process when childPid == childTgid). */
    record Fork(int parentTgid, int childPid, int childTgid) implements ProcessEvent {
    }

    /** PROC_EVENT_EXEC: the process now runs another program. */
    record Exec(int pid, int tgid) implements ProcessEvent {
    }

    /** PROC_EVENT_COMM: the process renamed itself (prctl PR_SET_NAME). */
    record Comm(int pid, int tgid) implements ProcessEvent {
    }

    /** PROC_EVENT_EXIT: a thread ended; the process ended when pid == tgid. */
    record Exit(int pid, int tgid) implements ProcessEvent {
    }

    /** The receive queue overflowed (ENOBUFS): events were lost, so read /proc again. */
    record Overrun() implements ProcessEvent {
    }
}
