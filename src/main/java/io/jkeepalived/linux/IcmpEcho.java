package io.jkeepalived.linux;

import java.net.InetAddress;
import java.time.Duration;

/**
 * ICMP / ICMPv6 echo for PING_CHECK. Uses an unprivileged ICMP datagram socket when
 * {@code net.ipv4.ping_group_range} admits our group, otherwise a raw socket (CAP_NET_RAW); {@link #kind()}
 * says which. One echo in flight at a time; use one instance per checker thread.
 */
public interface IcmpEcho extends AutoCloseable {
    enum Kind { DATAGRAM, RAW }

    Kind kind();

    /** Sends one echo request to {@code target} and waits up to {@code timeout} for its reply. */
    EchoResult ping(InetAddress target, Duration timeout) throws SyscallException;

    @Override
    void close();
}
