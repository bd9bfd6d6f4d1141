package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The libc functions that start, watch and signal child processes and switch the calling thread's
 * credentials: the process half of the one libc binding ({@link Libc} holds the helpers). Functions that
 * report failure in their return value (posix_spawn*, getpwnam_r) are linked without errno capture.
 */
@SuppressWarnings("restricted")
final class LibcProcesses {
    // Each handle sits in a holder class of its own: linked on first use, not when the class loads (see Libc).
    private static final class PosixSpawn {
        static final MethodHandle HANDLE = Libc.plain("posix_spawn", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }
    private static final class FaInit {
        static final MethodHandle HANDLE = Libc.plain("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class FaDestroy {
        static final MethodHandle HANDLE = Libc.plain("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class FaAddopen {
        static final MethodHandle HANDLE = Libc.plain("posix_spawn_file_actions_addopen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }
    private static final class FaAdddup2 {
        static final MethodHandle HANDLE = Libc.plain("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }
    private static final class FaAddclosefrom {
        static final MethodHandle HANDLE = Libc.plain("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class AttrInit {
        static final MethodHandle HANDLE = Libc.plain("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class AttrDestroy {
        static final MethodHandle HANDLE = Libc.plain("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class AttrSetflags {
        static final MethodHandle HANDLE = Libc.plain("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    }
    private static final class AttrSetsigmask {
        static final MethodHandle HANDLE = Libc.plain("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class AttrSetsigdefault {
        static final MethodHandle HANDLE = Libc.plain("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class Sigemptyset {
        static final MethodHandle HANDLE = Libc.plain("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class Sigfillset {
        static final MethodHandle HANDLE = Libc.plain("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class Waitpid {
        static final MethodHandle HANDLE = Libc.withErrno("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Kill {
        static final MethodHandle HANDLE = Libc.withErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class PidfdOpen {
        static final MethodHandle HANDLE = Libc.withErrno("pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    // syscall(2) and prctl(2) are variadic: the ABI needs to know where the variable part starts
    private static final class Syscall3 {
        static final MethodHandle HANDLE = Libc.withErrno("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    }
    private static final class Prctl {
        static final MethodHandle HANDLE = Libc.withErrno("prctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    }
    private static final class Getresuid {
        static final MethodHandle HANDLE = Libc.withErrno("getresuid", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }
    private static final class Execve {
        static final MethodHandle HANDLE = Libc.withErrno("execve", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }
    private static final class Getresgid {
        static final MethodHandle HANDLE = Libc.withErrno("getresgid", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }
    private static final class Getgroups {
        static final MethodHandle HANDLE = Libc.withErrno("getgroups", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class Geteuid {
        static final MethodHandle HANDLE = Libc.plain("geteuid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class GetpwnamR {
        static final MethodHandle HANDLE = Libc.plain("getpwnam_r", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }
    private static final class GetgrnamR {
        static final MethodHandle HANDLE = Libc.plain("getgrnam_r", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }
    private static final class Getgrouplist {
        static final MethodHandle HANDLE = Libc.plain("getgrouplist", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    }

    /** glibc's sizes are 336 and 80 bytes on 64-bit; a generous buffer keeps us independent of them. */
    static final long SPAWN_ATTR_SIZE = 1024;
    static final long FILE_ACTIONS_SIZE = 1024;
    static final long SIGSET_SIZE = 128;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
    static final int WNOHANG = 1;
    static final int PR_CAP_AMBIENT = 47;
    static final long PR_CAP_AMBIENT_CLEAR_ALL = 4;

    private static final boolean X86_64 = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    static final long SYS_SETGROUPS = X86_64 ? 116 : 159;
    static final long SYS_SETRESUID = X86_64 ? 117 : 147;
    static final long SYS_SETRESGID = X86_64 ? 119 : 149;

    private LibcProcesses() {
    }

    static int posixSpawn(MemorySegment pid, MemorySegment path, MemorySegment actions, MemorySegment attr,
                          MemorySegment argv, MemorySegment envp) {
        try {
            return (int) PosixSpawn.HANDLE.invokeExact(pid, path, actions, attr, argv, envp);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int fileActionsInit(MemorySegment fa) {
        try {
            return (int) FaInit.HANDLE.invokeExact(fa);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int fileActionsDestroy(MemorySegment fa) {
        try {
            return (int) FaDestroy.HANDLE.invokeExact(fa);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int fileActionsAddOpen(MemorySegment fa, int fd, MemorySegment path, int flags, int mode) {
        try {
            return (int) FaAddopen.HANDLE.invokeExact(fa, fd, path, flags, mode);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int fileActionsAddDup2(MemorySegment fa, int fd, int newFd) {
        try {
            return (int) FaAdddup2.HANDLE.invokeExact(fa, fd, newFd);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int fileActionsAddCloseFrom(MemorySegment fa, int from) {
        try {
            return (int) FaAddclosefrom.HANDLE.invokeExact(fa, from);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int attrInit(MemorySegment attr) {
        try {
            return (int) AttrInit.HANDLE.invokeExact(attr);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int attrDestroy(MemorySegment attr) {
        try {
            return (int) AttrDestroy.HANDLE.invokeExact(attr);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int attrSetFlags(MemorySegment attr, short flags) {
        try {
            return (int) AttrSetflags.HANDLE.invokeExact(attr, flags);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int attrSetSigMask(MemorySegment attr, MemorySegment set) {
        try {
            return (int) AttrSetsigmask.HANDLE.invokeExact(attr, set);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int attrSetSigDefault(MemorySegment attr, MemorySegment set) {
        try {
            return (int) AttrSetsigdefault.HANDLE.invokeExact(attr, set);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int sigEmptySet(MemorySegment set) {
        try {
            return (int) Sigemptyset.HANDLE.invokeExact(set);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int sigFillSet(MemorySegment set) {
        try {
            return (int) Sigfillset.HANDLE.invokeExact(set);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int waitpid(MemorySegment cs, int pid, MemorySegment status, int options) {
        try {
            return (int) Waitpid.HANDLE.invokeExact(cs, pid, status, options);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** Returns only on failure (-1, errno in {@code cs}). */
    static int execve(MemorySegment cs, MemorySegment path, MemorySegment argv, MemorySegment envp) {
        try {
            return (int) Execve.HANDLE.invokeExact(cs, path, argv, envp);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int kill(MemorySegment cs, int pid, int signal) {
        try {
            return (int) Kill.HANDLE.invokeExact(cs, pid, signal);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int pidfdOpen(MemorySegment cs, int pid) {
        try {
            return (int) PidfdOpen.HANDLE.invokeExact(cs, pid, 0);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** The raw system call: unlike glibc's set*id wrappers it changes the calling thread only. */
    static long syscall3(MemorySegment cs, long number, long a, long b, long c) {
        try {
            return (long) Syscall3.HANDLE.invokeExact(cs, number, a, b, c);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int prctl(MemorySegment cs, int option, long a, long b, long c, long d) {
        try {
            return (int) Prctl.HANDLE.invokeExact(cs, option, a, b, c, d);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int getresuid(MemorySegment cs, MemorySegment r, MemorySegment e, MemorySegment s) {
        try {
            return (int) Getresuid.HANDLE.invokeExact(cs, r, e, s);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int getresgid(MemorySegment cs, MemorySegment r, MemorySegment e, MemorySegment s) {
        try {
            return (int) Getresgid.HANDLE.invokeExact(cs, r, e, s);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int getgroups(MemorySegment cs, int size, MemorySegment list) {
        try {
            return (int) Getgroups.HANDLE.invokeExact(cs, size, list);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int geteuid() {
        try {
            return (int) Geteuid.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int getpwnamR(MemorySegment name, MemorySegment pwd, MemorySegment buf, long len, MemorySegment result) {
        try {
            return (int) GetpwnamR.HANDLE.invokeExact(name, pwd, buf, len, result);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** getgrouplist(3): -1 when {@code *ngroups} was too small (it is then set to the number needed). */
    static int getgrouplist(MemorySegment user, int group, MemorySegment groups, MemorySegment ngroups) {
        try {
            return (int) Getgrouplist.HANDLE.invokeExact(user, group, groups, ngroups);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int getgrnamR(MemorySegment name, MemorySegment grp, MemorySegment buf, long len, MemorySegment result) {
        try {
            return (int) GetgrnamR.HANDLE.invokeExact(name, grp, buf, len, result);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
