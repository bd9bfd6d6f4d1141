package io.jkeepalived.linux;

import java.time.Duration;
import java.util.Optional;

/**
 * An AF_UNIX datagram socket, the way sd_notify(3) talks to systemd and syslog(3) to {@code /dev/log}: each
 * datagram goes to an address given per send - a path, or {@code @name} for the abstract namespace - so a
 * receiver that went away and came back is found again by the next send. A bound socket also receives.
 */
public interface UnixDatagramSocket extends AutoCloseable {
    /**
     * sendto(2) one datagram. Blocks at most the send timeout the socket was opened with; throws with EAGAIN when
     * the receiver's queue stayed full, ENOENT / ECONNREFUSED when nobody listens at {@code address}.
     */
    void send(String address, byte[] datagram) throws SyscallException;

    /** The next datagram, waiting at most {@code timeout}; empty when none came. For a bound socket. */
    Optional<byte[]> receive(Duration timeout) throws SyscallException;

    @Override
    void close();
}
