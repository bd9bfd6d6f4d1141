package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * How the daemon opens every file it writes as root (keepalived's CVE-2018-19044/19045/19046): never through
 * a symbolic link (O_NOFOLLOW), never into a file another user owns or a hard link to one (checked with
 * statx on the open descriptor, before anything is truncated or written), new files created with the
 * configured umask; FIFOs are created with mkfifo(3) when missing and must be FIFOs once open.
 */
public final class SafeFiles {
    private static final int ELOOP = 40;
    private static final int ENXIO = 6;

    private SafeFiles() {
    }

    /** Opens (creating with mode 0666 &amp; ~umask) and truncates a file we own, e.g. a dump or a pid file. */
    public static SafeFile replace(Path path, int umask) throws IOException {
        return openOwnRegular(path, umask, false, true);
    }

    /** Opens (creating with mode 0666 &amp; ~umask) a file we own to append to, e.g. the -g log. */
    public static SafeFile append(Path path, int umask) throws IOException {
        return openOwnRegular(path, umask, true, false);
    }

    /**
     * Opens (creating with mode 0666 &amp; ~umask) a file we own without truncating it: for a pid file, which is
     * locked before it is emptied so that a second daemon never wipes the first one's pid.
     */
    public static SafeFile open(Path path, int umask) throws IOException {
        return openOwnRegular(path, umask, false, false);
    }

    /** Writes a whole file: {@link #replace}, write, close. */
    public static void write(Path path, byte[] content, int umask) throws IOException {
        try (var file = replace(path, umask)) {
            file.write(content);
        }
    }

    /**
     * Opens a notify FIFO for writing without blocking (read-write, so no reader is needed), creating it with
     * mkfifo(3) (mode 0644 &amp; ~umask, as keepalived) when missing. Anything but a FIFO is refused: a missing
     * FIFO never becomes a regular file that grows without bound.
     */
    public static SafeFile openFifo(Path path, int umask) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var name = arena.allocateFrom(path.toString());
            if (LibcFiles.mkfifo(cs, name, 0644 & ~umask) < 0 && Libc.errno(cs) != Errno.EEXIST) {
                throw Libc.error("mkfifo", path.toString(), cs);
            }
            int fd = openChecked(cs, name, path, LibcFiles.O_RDWR | LibcFiles.O_NONBLOCK | LibcFiles.O_NOFOLLOW
                    | LibcFiles.O_CLOEXEC | LibcFiles.O_NOCTTY, 0);
            var stat = stat(arena, cs, fd, path);
            if ((stat.mode() & LibcFiles.S_IFMT) != LibcFiles.S_IFIFO) {
                close(cs, fd);
                throw new IOException(path + " is not a FIFO - refusing to write to it");
            }
            return new SafeFile(path, fd);
        }
    }

    private static SafeFile openOwnRegular(Path path, int umask, boolean append, boolean truncate) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var name = arena.allocateFrom(path.toString());
            // O_NONBLOCK: a FIFO planted at the path must not hang the open; it is refused just below
            int flags = LibcFiles.O_WRONLY | LibcFiles.O_CREAT | LibcFiles.O_NOFOLLOW | LibcFiles.O_CLOEXEC
                    | LibcFiles.O_NOCTTY | LibcFiles.O_NONBLOCK | (append ? LibcFiles.O_APPEND : 0);
            int fd = openChecked(cs, name, path, flags, 0666 & ~umask);
            var stat = stat(arena, cs, fd, path);
            String refusal = (stat.mode() & LibcFiles.S_IFMT) != LibcFiles.S_IFREG ? "is not a regular file"
                    : stat.uid() != LibcProcesses.geteuid() ? "is owned by uid " + stat.uid() + ", not by us"
                    : stat.links() != 1 ? "has " + stat.links() + " hard links"
                    : null;
            if (refusal != null) {
                close(cs, fd);
                throw new IOException(path + " " + refusal + " - refusing to write to it");
            }
            if (truncate && LibcFiles.ftruncate(cs, fd, 0) < 0) {
                var e = Libc.error("ftruncate", path.toString(), cs);
                close(cs, fd);
                throw e;
            }
            return new SafeFile(path, fd);
        }
    }

    private static int openChecked(MemorySegment cs, MemorySegment name, Path path, int flags, int mode) throws IOException {
        int fd = LibcFiles.open(cs, name, flags, mode);
        if (fd >= 0) {
            return fd;
        }
        int errno = Libc.errno(cs);
        // EACCES: the kernel's protected_symlinks refused another user's link in a sticky directory first
        if (errno == ELOOP || (errno == Errno.EACCES && java.nio.file.Files.isSymbolicLink(path))) {
            throw new IOException(path + " is a symbolic link - refusing to write through it");
        }
        if (errno == ENXIO) {
            throw new IOException(path + " is a FIFO or device - refusing to write to it");
        }
        throw Libc.error("open", path.toString(), errno);
    }

    /** What statx says about an open descriptor. */
    record Stat(int mode, int uid, int gid, int links) {
    }

    static Stat stat(Arena arena, MemorySegment cs, int fd, Path path) throws IOException {
        var buf = arena.allocate(LibcFiles.STATX_SIZE, 8);
        if (LibcFiles.statx(cs, fd, arena.allocateFrom(""), LibcFiles.AT_EMPTY_PATH, LibcFiles.STATX_BASIC_STATS, buf) < 0) {
            var e = Libc.error("statx", path.toString(), cs);
            close(cs, fd);
            throw e;
        }
        return new Stat(Short.toUnsignedInt(buf.get(JAVA_SHORT, LibcFiles.STX_MODE)), buf.get(JAVA_INT, LibcFiles.STX_UID),
                buf.get(JAVA_INT, LibcFiles.STX_GID), buf.get(JAVA_INT, LibcFiles.STX_NLINK));
    }

    private static void close(MemorySegment cs, int fd) {
        Libc.close(cs, fd);
    }
}
