package io.jkeepalived.adapters.check;

import io.jkeepalived.check.port.EchoProbe;
import io.jkeepalived.linux.EchoResult;
import io.jkeepalived.linux.IcmpEcho;
import io.jkeepalived.linux.IcmpEchoSpec;
import io.jkeepalived.linux.Linux;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * PING_CHECK's {@link EchoProbe} on {@link IcmpEcho}: a real ICMP/ICMPv6 echo (datagram socket, or raw with
 * CAP_NET_RAW), never the JDK's TCP-port-7 fallback, from PING_CHECK's {@code bindto} source address,
 * {@code bind_if} device and {@code fwmark}. One socket per echo, so concurrent checks on a thread pool need no coordination; the
 * call blocks in poll(2), so run it on platform threads.
 */
public final class IcmpEchoProbe implements EchoProbe {
    private final Optional<InetAddress> source;
    private final Optional<String> device;
    private final int fwmark;

    public IcmpEchoProbe(Optional<InetAddress> source, Optional<String> device, OptionalInt fwmark) {
        this.source = source;
        this.device = device;
        this.fwmark = fwmark.orElse(0);
    }

    @Override
    public boolean echo(InetAddress target, Duration timeout) throws IOException {
        var family = target instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        // A source of the other family (a v4 bindto for a v6 server) cannot apply; the kernel chooses then.
        var src = source.filter(s -> (s instanceof Inet4Address) == (family == StandardProtocolFamily.INET));
        try (var echo = Linux.openIcmpEcho(new IcmpEchoSpec(family, src, device, fwmark))) {
            return echo.ping(target, timeout) instanceof EchoResult.Reply;
        }
    }
}
