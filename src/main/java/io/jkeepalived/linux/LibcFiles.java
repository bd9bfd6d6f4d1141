package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** The libc functions behind {@link SafeFiles}: the file half of the one libc binding. */
final class LibcFiles {
    // Each handle sits in a holder class of its own: linked on first use, not when the class loads (see Libc).
    // open(2) and fcntl(2) are variadic; here with their third argument, so the ABI must be told
    private static final class OpenMode {
        static final MethodHandle HANDLE = Libc.withErrno("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }
    private static final class FcntlPtr {
        static final MethodHandle HANDLE = Libc.withErrno("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2));
    }
    private static final class Statx {
        static final MethodHandle HANDLE = Libc.withErrno("statx", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class Ftruncate {
        static final MethodHandle HANDLE = Libc.withErrno("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    }
    private static final class Mkfifo {
        static final MethodHandle HANDLE = Libc.withErrno("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Unlink {
        static final MethodHandle HANDLE = Libc.withErrno("unlink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_NOCTTY = 0x100;
    static final int O_APPEND = 0x400;
    static final int O_NONBLOCK = 0x800;
    /** 0x20000 on x86_64, 0x8000 on aarch64 (asm-generic). */
    static final int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0x8000 : 0x20000;
    static final int O_CLOEXEC = 0x80000;
    static final int AT_FDCWD = -100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_BASIC_STATS = 0x7ff;
    /** struct statx: the same layout on every architecture (that is why statx, not fstat). */
    static final long STATX_SIZE = 256;
    static final long STX_NLINK = 16;
    static final long STX_UID = 20;
    static final long STX_GID = 24;
    static final long STX_MODE = 28;
    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFIFO = 0010000;
    static final int F_OFD_SETLK = 37;
    /** struct flock: l_type, l_whence (shorts), l_start, l_len (off_t), l_pid; 32 bytes on 64-bit. */
    static final long FLOCK_SIZE = 32;
    static final short F_WRLCK = 1;

    private LibcFiles() {
    }

    static int open(MemorySegment cs, MemorySegment path, int flags, int mode) {
        try {
            return (int) OpenMode.HANDLE.invokeExact(cs, path, flags, mode);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int fcntl(MemorySegment cs, int fd, int cmd, MemorySegment arg) {
        try {
            return (int) FcntlPtr.HANDLE.invokeExact(cs, fd, cmd, arg);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int statx(MemorySegment cs, int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
        try {
            return (int) Statx.HANDLE.invokeExact(cs, dirfd, path, flags, mask, buf);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int ftruncate(MemorySegment cs, int fd, long length) {
        try {
            return (int) Ftruncate.HANDLE.invokeExact(cs, fd, length);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int mkfifo(MemorySegment cs, MemorySegment path, int mode) {
        try {
            return (int) Mkfifo.HANDLE.invokeExact(cs, path, mode);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int unlink(MemorySegment cs, MemorySegment path) {
        try {
            return (int) Unlink.HANDLE.invokeExact(cs, path);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
