package io.jkeepalived.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.Objects;
import java.util.Optional;

/**
 * How PING_CHECK sends its echoes: the family, and optionally a source address ({@code bindto}), a device to
 * bind to ({@code bind_if}) and the socket's mark ({@code fwmark}, SO_MARK; 0 = none).
 */
public record IcmpEchoSpec(StandardProtocolFamily family, Optional<InetAddress> source, Optional<String> device, int fwmark) {
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
                Optional.empty(), Optional.empty(), 0);
    }

    public IcmpEchoSpec withSource(InetAddress address) {
        return new IcmpEchoSpec(family, Optional.of(address), device, fwmark);
    }

    public IcmpEchoSpec withDevice(String ifname) {
        return new IcmpEchoSpec(family, source, Optional.of(ifname), fwmark);
    }

    public IcmpEchoSpec withFwmark(int mark) {
        return new IcmpEchoSpec(family, source, device, mark);
    }
}
