package io.jkeepalived.check.checkers;

import io.jkeepalived.config.model.CheckerCommonSpec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one checker connects and how keepalived names the server in its log lines.
 *
 * @param connectTo the address and port the check talks to ({@code connect_ip}/{@code connect_port},
 *                  or the real server's)
 * @param bindTo    the local address/port to bind first ({@code bindto}/{@code bind_port}), if any
 * @param label     keepalived's name for the real server, e.g. {@code [192.0.2.11]:tcp:80}
 */
public record CheckTarget(InetSocketAddress connectTo, Optional<InetSocketAddress> bindTo, String label) {
    public CheckTarget {
        Objects.requireNonNull(connectTo, "connectTo");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(label, "label");
    }

    /** Where a checker connects ({@code connect_ip}/{@code connect_port}, {@code bindto}/{@code bind_port}), named {@code label}. */
    public static CheckTarget of(CheckerCommonSpec c, String label) {
        var connect = new InetSocketAddress(c.connectIp(), c.connectPort());
        Optional<InetSocketAddress> bind = c.bindTo().map(a -> new InetSocketAddress(a, c.bindPort().orElse(0)))
                .or(() -> c.bindPort().isPresent() ? Optional.of(new InetSocketAddress(c.bindPort().getAsInt())) : Optional.empty());
        return new CheckTarget(connect, bind, label);
    }

    /** A target named the way keepalived's FMT_RS names it: {@code [addr]:tcp:port}. */
    public static CheckTarget tcp(InetSocketAddress connectTo) {
        return new CheckTarget(connectTo, Optional.empty(), label(connectTo.getAddress(), "tcp", connectTo.getPort()));
    }

    public static CheckTarget udp(InetSocketAddress connectTo) {
        return new CheckTarget(connectTo, Optional.empty(), label(connectTo.getAddress(), "udp", connectTo.getPort()));
    }

    public CheckTarget withBind(InetSocketAddress local) {
        return new CheckTarget(connectTo, Optional.of(local), label);
    }

    public CheckTarget withLabel(String newLabel) {
        return new CheckTarget(connectTo, bindTo, newLabel);
    }

    /** keepalived's {@code [192.0.2.11]:tcp:80}. */
    public static String label(InetAddress address, String protocol, int port) {
        return "[" + literal(address) + "]:" + protocol + ":" + port;
    }

    /** The address as text without a host name or scope decoration. */
    public static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int pct = text.indexOf('%');
            if (pct >= 0) {
                text = text.substring(0, pct);
            }
            // keepalived prints the compressed form (inet_ntop); the JDK prints the full one.
            text = Ipv6Text.compress(text);
        }
        return text;
    }
}
