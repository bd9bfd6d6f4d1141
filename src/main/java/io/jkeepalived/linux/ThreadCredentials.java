package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Switches the credentials of the calling thread only, through the raw set*id system calls (glibc's wrappers
 * would switch every thread of the JVM). The saved uid and gid stay 0 so the thread can switch back; a child
 * spawned meanwhile execs with real = effective = saved = the script's ids, and the kernel clears its
 * capabilities because none of its uids is 0.
 */
final class ThreadCredentials {
    /** What to restore: the thread's ids and supplementary groups before the switch. */
    record Saved(int ruid, int euid, int suid, int rgid, int egid, int sgid, int[] groups) {
    }

    private ThreadCredentials() {
    }

    static Saved current(Arena arena, MemorySegment cs) throws SyscallException {
        var r = arena.allocate(JAVA_INT);
        var e = arena.allocate(JAVA_INT);
        var s = arena.allocate(JAVA_INT);
        if (LibcProcesses.getresuid(cs, r, e, s) < 0) {
            throw Libc.error("getresuid", "", cs);
        }
        int ruid = r.get(JAVA_INT, 0), euid = e.get(JAVA_INT, 0), suid = s.get(JAVA_INT, 0);
        if (LibcProcesses.getresgid(cs, r, e, s) < 0) {
            throw Libc.error("getresgid", "", cs);
        }
        int n = LibcProcesses.getgroups(cs, 0, MemorySegment.NULL);
        if (n < 0) {
            throw Libc.error("getgroups", "0", cs);
        }
        var list = arena.allocate(JAVA_INT, Math.max(1, n));
        n = LibcProcesses.getgroups(cs, n, list);
        if (n < 0) {
            throw Libc.error("getgroups", "", cs);
        }
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            groups[i] = list.getAtIndex(JAVA_INT, i);
        }
        return new Saved(ruid, euid, suid, r.get(JAVA_INT, 0), e.get(JAVA_INT, 0), s.get(JAVA_INT, 0), groups);
    }

    /** Groups first (that needs root), then the gid, then the uid (after which only the saved uid 0 lets us back). */
    static void switchTo(Arena arena, MemorySegment cs, Credentials to) throws SyscallException {
        var groups = arena.allocate(JAVA_INT, Math.max(1, to.groups().size()));
        for (int i = 0; i < to.groups().size(); i++) {
            groups.setAtIndex(JAVA_INT, i, to.groups().get(i));
        }
        call(cs, LibcProcesses.SYS_SETGROUPS, to.groups().size(), groups.address(), 0, "setgroups",
                to.groups().size() + ", " + to.groups());
        call(cs, LibcProcesses.SYS_SETRESGID, to.gid(), to.gid(), -1, "setresgid", to.gid() + ", " + to.gid() + ", -1");
        call(cs, LibcProcesses.SYS_SETRESUID, to.uid(), to.uid(), -1, "setresuid", to.uid() + ", " + to.uid() + ", -1");
    }

    static void restore(Arena arena, MemorySegment cs, Saved saved) throws SyscallException {
        call(cs, LibcProcesses.SYS_SETRESUID, saved.ruid(), saved.euid(), saved.suid(), "setresuid", saved.ruid() + ", "
                + saved.euid() + ", " + saved.suid());
        call(cs, LibcProcesses.SYS_SETRESGID, saved.rgid(), saved.egid(), saved.sgid(), "setresgid", saved.rgid() + ", "
                + saved.egid() + ", " + saved.sgid());
        var list = arena.allocate(JAVA_INT, Math.max(1, saved.groups().length));
        for (int i = 0; i < saved.groups().length; i++) {
            list.setAtIndex(JAVA_INT, i, saved.groups()[i]);
        }
        call(cs, LibcProcesses.SYS_SETGROUPS, saved.groups().length, list.address(), 0, "setgroups",
                saved.groups().length + " groups");
    }

    /** Drops the thread's ambient capabilities, which a non-root child would otherwise keep across exec. */
    static void clearAmbientCapabilities(MemorySegment cs) throws SyscallException {
        if (LibcProcesses.prctl(cs, LibcProcesses.PR_CAP_AMBIENT, LibcProcesses.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0) {
            throw Libc.error("prctl", "PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL", cs);
        }
    }

    private static void call(MemorySegment cs, long number, long a, long b, long c, String name, String args)
            throws SyscallException {
        if (LibcProcesses.syscall3(cs, number, a, b, c) < 0) {
            throw Libc.error(name, args, cs);
        }
    }
}
