package io.jkeepalived.linux;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A TCP connection a checker makes to a real server, with what keepalived's checkers allow on the socket:
 * {@code bindto}/{@code bind_port} (source), {@code fwmark} (SO_MARK, 0 = none) and {@code bind_if}
 * (SO_BINDTODEVICE).
 */
public record TcpConnectSpec(InetSocketAddress target, Optional<InetSocketAddress> source, int fwmark, Optional<String> device) {
    public TcpConnectSpec {
        Objects.requireNonNull(target, "target");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("unresolved target " + target.getHostString());
        }
        source = Objects.requireNonNullElse(source, Optional.empty());
        device = Objects.requireNonNullElse(device, Optional.empty());
    }

    public static TcpConnectSpec to(InetSocketAddress target) {
        return new TcpConnectSpec(target, Optional.empty(), 0, Optional.empty());
    }

    public TcpConnectSpec withFwmark(int mark) {
        return new TcpConnectSpec(target, source, mark, device);
    }

    public TcpConnectSpec withDevice(String ifname) {
        return new TcpConnectSpec(target, source, fwmark, Optional.of(ifname));
    }

    public TcpConnectSpec withSource(InetSocketAddress address) {
        return new TcpConnectSpec(target, Optional.of(address), fwmark, device);
    }
}
