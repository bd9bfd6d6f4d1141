package io.jkeepalived.check.port;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Sends one ICMP/ICMPv6 echo request and waits for its reply: the port PING_CHECK needs. */
public interface EchoProbe {
    /** True when the echo reply came within {@code timeout}; blocks the calling thread. */
    boolean echo(InetAddress target, Duration timeout) throws IOException;

    /** Makes the probe of one PING_CHECK: its {@code bindto} source, {@code bind_if} device and {@code fwmark}. */
    @FunctionalInterface
    interface Factory {
        EchoProbe open(Optional<InetAddress> source, Optional<String> device, OptionalInt fwmark);
    }
}
