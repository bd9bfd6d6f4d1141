package io.jkeepalived.linux;

import java.io.IOException;
import java.time.Duration;

/**
 * A connected TCP socket made through FFM (so SO_MARK and SO_BINDTODEVICE could be set before connect, which
 * java.net cannot do). Blocking I/O with a timeout per call; one thread at a time.
 */
public interface TcpConnection extends AutoCloseable {
    int fd();

    /** Writes all of {@code data[off, off+len)}, waiting at most {@code timeout} for buffer space each time. */
    void write(byte[] data, int off, int len, Duration timeout) throws IOException;

    /** Reads what is available (at least one byte), or returns -1 at end of stream; times out with an IOException. */
    int read(byte[] into, int off, int len, Duration timeout) throws IOException;

    @Override
    void close();
}
