package io.jkeepalived.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.Objects;
import java.util.Optional;

/** How PING_CHECK sends its echoes: the family, and optionally a source address and a device to bind to. */
public record IcmpEchoSpec(StandardProtocolFamily family, Optional<InetAddress> source, Optional<String> device) {
    public IcmpEchoSpec {
        Objects.requireNonNull(family, "family");
        source = Objects.requireNonNullElse(source, Optional.empty());
        device = Objects.requireNonNullElse(device, Optional.empty());
        source.ifPresent(s -> {
            if ((s instanceof Inet4Address) != (family == StandardProtocolFamily.INET)) {
                throw new IllegalArgumentException("source " + s.getHostAddress() + " is not " + family);
            }
        });
    }

    public static IcmpEchoSpec of(InetAddress target) {
        return new IcmpEchoSpec(target instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6,
                Optional.empty(), Optional.empty());
    }

    public IcmpEchoSpec withSource(InetAddress address) {
        return new IcmpEchoSpec(family, Optional.of(address), device);
    }

    public IcmpEchoSpec withDevice(String ifname) {
        return new IcmpEchoSpec(family, source, Optional.of(ifname));
    }
}
