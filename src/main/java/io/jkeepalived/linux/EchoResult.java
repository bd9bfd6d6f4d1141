package io.jkeepalived.linux;

import java.net.InetAddress;
import java.time.Duration;

/** The outcome of one ICMP echo. */
public sealed interface EchoResult {
    record Reply(InetAddress from, int sequence, Duration roundTrip) implements EchoResult {
    }

    record Timeout(InetAddress target, int sequence, Duration waited) implements EchoResult {
    }
}
