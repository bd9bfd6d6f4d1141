package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * Starts a program the way keepalived starts scripts, with posix_spawn(3) instead of a helper program: a new
 * session (so the child leads its own process group and can be killed whole), stdin/stdout/stderr on
 * /dev/null, every other descriptor closed, an empty signal mask and default signal dispositions, the given
 * environment only, and, when asked, another user's credentials: the calling thread switches to them for the
 * spawn and back (see {@link ThreadCredentials}), which is why that thread must be a platform thread.
 */
public final class ProcessSpawner {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;

    /** What to start: {@code argv[0]} is the path of the program (no PATH search here). */
    public record SpawnRequest(List<String> argv, List<String> environment, Optional<Credentials> runAs) {
        public SpawnRequest {
            argv = List.copyOf(argv);
            environment = List.copyOf(environment);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("empty argv");
            }
        }
    }

    private ProcessSpawner() {
    }

    /**
     * Clears the calling thread's ambient capabilities once, so children never inherit them (the non-root
     * setup grants the daemon CAP_NET_ADMIN/CAP_NET_RAW as ambient capabilities).
     */
    public static void dropAmbientCapabilitiesOfThisThread() throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            ThreadCredentials.clearAmbientCapabilities(arena.allocate(Libc.CAPTURE_LAYOUT));
        }
    }

    /** kill(2) of one process: false when there is no such process (ESRCH). */
    public static boolean kill(int pid, int signal) throws SyscallException {
        if (pid <= 0) {
            throw new IllegalArgumentException("kill of pid " + pid + " would signal a group");
        }
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            if (LibcProcesses.kill(cs, pid, signal) < 0) {
                if (Libc.errno(cs) == Errno.ESRCH) {
                    return false;
                }
                throw Libc.error("kill", pid + ", " + signal, cs);
            }
            return true;
        }
    }

    public static ChildProcess spawn(SpawnRequest request) throws SyscallException {
        if (request.runAs().isPresent() && Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("credentials are per OS thread: spawn as another user on a platform thread");
        }
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var actions = arena.allocate(LibcProcesses.FILE_ACTIONS_SIZE, 16);
            var attr = arena.allocate(LibcProcesses.SPAWN_ATTR_SIZE, 16);
            check(LibcProcesses.fileActionsInit(actions), "posix_spawn_file_actions_init");
            check(LibcProcesses.attrInit(attr), "posix_spawnattr_init");
            try {
                var devNull = arena.allocateFrom("/dev/null");
                check(LibcProcesses.fileActionsAddOpen(actions, 0, devNull, O_RDONLY, 0), "posix_spawn_file_actions_addopen");
                check(LibcProcesses.fileActionsAddOpen(actions, 1, devNull, O_WRONLY, 0), "posix_spawn_file_actions_addopen");
                check(LibcProcesses.fileActionsAddDup2(actions, 1, 2), "posix_spawn_file_actions_adddup2");
                check(LibcProcesses.fileActionsAddCloseFrom(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
                var empty = arena.allocate(LibcProcesses.SIGSET_SIZE, 8);
                var all = arena.allocate(LibcProcesses.SIGSET_SIZE, 8);
                LibcProcesses.sigEmptySet(empty);
                LibcProcesses.sigFillSet(all);
                check(LibcProcesses.attrSetSigMask(attr, empty), "posix_spawnattr_setsigmask");
                check(LibcProcesses.attrSetSigDefault(attr, all), "posix_spawnattr_setsigdefault");
                check(LibcProcesses.attrSetFlags(attr, (short) (LibcProcesses.POSIX_SPAWN_SETSID
                        | LibcProcesses.POSIX_SPAWN_SETSIGMASK | LibcProcesses.POSIX_SPAWN_SETSIGDEF)), "posix_spawnattr_setflags");
                var pid = arena.allocate(JAVA_INT);
                var path = arena.allocateFrom(request.argv().getFirst());
                var argv = strings(arena, request.argv());
                var envp = strings(arena, request.environment());
                int rc = spawnAs(arena, cs, request.runAs(), pid, path, actions, attr, argv, envp);
                if (rc != 0) {
                    throw Libc.error("posix_spawn", request.argv().getFirst(), rc);
                }
                int child = pid.get(JAVA_INT, 0);
                int pidfd = LibcProcesses.pidfdOpen(cs, child);
                if (pidfd < 0) {
                    throw Libc.error("pidfd_open", Integer.toString(child), cs);
                }
                return new ChildProcess(child, pidfd);
            } finally {
                LibcProcesses.fileActionsDestroy(actions);
                LibcProcesses.attrDestroy(attr);
            }
        }
    }

    private static int spawnAs(Arena arena, MemorySegment cs, Optional<Credentials> runAs, MemorySegment pid,
                               MemorySegment path, MemorySegment actions, MemorySegment attr, MemorySegment argv,
                               MemorySegment envp) throws SyscallException {
        if (runAs.isEmpty()) {
            return LibcProcesses.posixSpawn(pid, path, actions, attr, argv, envp);
        }
        var saved = ThreadCredentials.current(arena, cs);
        boolean same = saved.euid() == runAs.get().uid() && saved.egid() == runAs.get().gid()
                && java.util.Arrays.equals(saved.groups(), runAs.get().groups().stream().mapToInt(Integer::intValue).toArray());
        if (same) {
            return LibcProcesses.posixSpawn(pid, path, actions, attr, argv, envp);
        }
        try {
            ThreadCredentials.switchTo(arena, cs, runAs.get());
            return LibcProcesses.posixSpawn(pid, path, actions, attr, argv, envp);
        } finally {
            try {
                ThreadCredentials.restore(arena, cs, saved);
            } catch (SyscallException e) {
                // a launcher thread stuck as another user must not start anything else
                throw new IllegalStateException("cannot restore the launcher thread's credentials: " + e.getMessage(), e);
            }
        }
    }

    /** A NULL-terminated array of C strings (argv, envp). */
    static MemorySegment strings(Arena arena, List<String> words) {
        var array = arena.allocate(ADDRESS, words.size() + 1);
        for (int i = 0; i < words.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(words.get(i)));
        }
        array.setAtIndex(ADDRESS, words.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(int rc, String call) throws SyscallException {
        if (rc != 0) {
            throw Libc.error(call, "", rc);
        }
    }
}
