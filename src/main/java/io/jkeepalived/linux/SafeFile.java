package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * A file the daemon opened through {@link SafeFiles}: checked to be what it should be (our regular file or
 * a FIFO) before a byte is written. Writes go straight to the descriptor; the descriptor is closed with it.
 */
public final class SafeFile implements AutoCloseable {
    private final Path path;
    private final int fd;
    private boolean closed;

    SafeFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    public Path path() {
        return path;
    }

    /** Writes all of {@code bytes}, waiting when the descriptor is full. */
    public synchronized void write(byte[] bytes) throws IOException {
        if (!writeSome(bytes, true)) {
            throw new IOException("write to " + path + " would block");
        }
    }

    /**
     * Writes {@code bytes} if they fit now (a FIFO opened non-blocking); false when the reader is behind and
     * nothing was written. Lines up to PIPE_BUF (4096 bytes) are written whole or not at all.
     */
    public synchronized boolean writeIfRoom(byte[] bytes) throws IOException {
        return writeSome(bytes, false);
    }

    private boolean writeSome(byte[] bytes, boolean waitForRoom) throws IOException {
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var buf = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes);
            long done = 0;
            while (done < bytes.length) {
                long n = Libc.write(cs, fd, buf.asSlice(done), bytes.length - done);
                if (n >= 0) {
                    done += n;
                    continue;
                }
                int errno = Libc.errno(cs);
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN && done == 0 && !waitForRoom) {
                    return false;
                }
                if (errno == Errno.EAGAIN) {
                    Thread.onSpinWait();
                    continue;
                }
                throw Libc.error("write", path.toString(), errno);
            }
            return true;
        }
    }

    /**
     * Takes an open-file-description lock (F_OFD_SETLK) on the whole file, held until this file is closed;
     * fails at once when another process holds it (a second daemon on the same pid file).
     */
    public synchronized void lockExclusively() throws IOException {
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var flock = arena.allocate(LibcFiles.FLOCK_SIZE, 8);
            flock.set(JAVA_SHORT, 0, LibcFiles.F_WRLCK);
            flock.set(JAVA_SHORT, 2, (short) 0);       // SEEK_SET
            flock.set(JAVA_LONG, 8, 0L);
            flock.set(JAVA_LONG, 16, 0L);              // to the end, however long
            flock.set(JAVA_INT, 24, 0);                // l_pid must be 0 for OFD locks
            if (LibcFiles.fcntl(cs, fd, LibcFiles.F_OFD_SETLK, flock) < 0) {
                int errno = Libc.errno(cs);
                if (errno == Errno.EAGAIN || errno == Errno.EACCES) {
                    throw new IOException(path + " is locked by another process");
                }
                throw Libc.error("fcntl", path + ", F_OFD_SETLK", errno);
            }
        }
    }

    /** Empties the file (its descriptor must not be in append mode for the next write to start at 0). */
    public synchronized void truncate() throws IOException {
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            if (LibcFiles.ftruncate(cs, fd, 0) < 0) {
                throw Libc.error("ftruncate", path.toString(), cs);
            }
        }
    }

    /** This file as a stream, for writers that format text; closing the stream closes the file. */
    public OutputStream asStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                SafeFile.this.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                SafeFile.this.write(java.util.Arrays.copyOfRange(b, off, off + len));
            }

            @Override
            public void close() {
                SafeFile.this.close();
            }
        };
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(path + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try (Arena arena = Arena.ofConfined()) {
                Libc.close(arena.allocate(Libc.CAPTURE_LAYOUT), fd);
            }
        }
    }
}
