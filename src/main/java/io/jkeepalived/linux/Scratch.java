package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The native memory one event-loop thread reuses for every call it makes through {@link Libc}: the errno
 * capture, an int option value and its length, and a sockaddr. Reused so that a warm call
 * allocates nothing; used from its owner's thread only.
 *
 * <p>From the global arena: a downcall then does no liveness bookkeeping (an atomic acquire/release per call
 * for a shared arena). A few dozen bytes per loop, never freed.
 */
final class Scratch {
    final MemorySegment errno = Arena.global().allocate(Libc.CAPTURE_LAYOUT);
    final MemorySegment intValue = Arena.global().allocate(JAVA_INT);
    final MemorySegment length = Arena.global().allocate(JAVA_INT);
    /** Room for a sockaddr_in6, the larger of the two. */
    final MemorySegment sockaddr = Arena.global().allocate(SockAddr.IN6_SIZE, 8);

    int errno() {
        return Libc.errno(errno);
    }

    /** Copies encoded sockaddr bytes in; returns their length for the call. */
    int sockaddr(byte[] encoded) {
        MemorySegment.copy(encoded, 0, sockaddr, JAVA_BYTE, 0, encoded.length);
        return encoded.length;
    }

    /** setsockopt(fd, level, name, &value, 4); the raw return value. */
    int setInt(int fd, int level, int name, int value) {
        intValue.set(JAVA_INT, 0, value);
        return Libc.setsockopt(errno, fd, level, name, intValue, 4);
    }

    /** getsockopt(fd, level, name) of an int; the value, or -errno when the call fails. */
    int getInt(int fd, int level, int name) {
        length.set(JAVA_INT, 0, 4);
        if (Libc.getsockopt(errno, fd, level, name, intValue, length) < 0) {
            return -errno();
        }
        return intValue.get(JAVA_INT, 0);
    }
}
