package io.jkeepalived.adapters.check;

import io.jkeepalived.check.port.EchoProbe;
import io.jkeepalived.linux.EchoResult;
import io.jkeepalived.linux.IcmpEchoSpec;
import io.jkeepalived.linux.Linux;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * ICMP echo through the Linux adapter (ICMP datagram socket, raw socket as fallback), with
 * PING_CHECK's {@code bindto} source address and {@code bind_if} device. One socket per echo, so
 * concurrent attempts never share one.
 */
public final class LinuxEchoProbe implements EchoProbe {
    private final Optional<InetAddress> source;
    private final Optional<String> device;

    public LinuxEchoProbe(Optional<InetAddress> source, Optional<String> device) {
        this.source = source;
        this.device = device;
    }

    @Override
    public boolean echo(InetAddress target, Duration timeout) throws IOException {
        var spec = IcmpEchoSpec.of(target);
        if (source.isPresent()) {
            spec = spec.withSource(source.get());
        }
        if (device.isPresent()) {
            spec = spec.withDevice(device.get());
        }
        try (var echo = Linux.openIcmpEcho(spec)) {
            return echo.ping(target, timeout) instanceof EchoResult.Reply;
        }
    }
}
