package io.jkeepalived.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Small servers from {@code testservers.py} (Debian's python3) inside a {@link ServerNet}: a UDP
 * responder and TCP servers that misbehave on purpose - garbage, an endless body, a slowloris answer,
 * a 1 GB response, silence, a fixed banner.
 */
public final class TestServers {
    /** The ways a TCP test server can (mis)behave. */
    public enum Mode { GARBAGE, ENDLESS, SLOWLORIS, HUGE, SILENT, BANNER, PACED }

    private TestServers() {
    }

    private static Path script(ServerNet net) {
        Path p = net.dir().resolve("testservers.py");
        if (!Files.exists(p)) {
            try (InputStream in = TestServers.class.getResourceAsStream("testservers.py")) {
                Files.copy(in, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    /** A TCP server on a new address, port {@code port}; {@code banner} only for {@link Mode#BANNER}. */
    public static InetSocketAddress tcp(ServerNet net, Mode mode, int port, String banner) {
        InetAddress a = net.newServerAddress();
        var cmd = new ArrayList<>(List.of("/usr/bin/python3", script(net).toString(), "tcp", a.getHostAddress(),
                Integer.toString(port), mode.name().toLowerCase()));
        if (banner != null) {
            cmd.add(banner);
        }
        net.spawn("tcp-" + mode.name().toLowerCase() + "-" + a.getHostAddress(), cmd);
        var address = new InetSocketAddress(a, port);
        if (mode != Mode.SILENT && mode != Mode.BANNER) {
            net.awaitTcp(address, Duration.ofSeconds(10));
        } else {
            awaitListen(net, a.getHostAddress() + ":" + port, "-lnt");
        }
        return address;
    }

    /** A {@link Mode#PACED} HTTP server on {@code a}, which logs "request EPOCH-SECONDS" per request; stop and start it. */
    public static Daemon paced(ServerNet net, InetAddress a, int port) {
        var d = net.spawn("paced-" + a.getHostAddress(), List.of("/usr/bin/python3", script(net).toString(), "tcp",
                a.getHostAddress(), Integer.toString(port), "paced"));
        net.awaitTcp(new InetSocketAddress(a, port), Duration.ofSeconds(10));
        return d;
    }

    /** A UDP responder that answers every datagram with {@code replyHex} (or echoes when null). */
    public static Daemon udp(ServerNet net, InetAddress a, int port, String replyHex) {
        var cmd = new ArrayList<>(List.of("/usr/bin/python3", script(net).toString(), "udp", a.getHostAddress(),
                Integer.toString(port)));
        if (replyHex != null) {
            cmd.add(replyHex);
        }
        var d = net.spawn("udp-" + a.getHostAddress() + "-" + port, cmd);
        awaitListen(net, a.getHostAddress() + ":" + port, "-lnu");
        return d;
    }

    static void awaitListen(ServerNet net, String addrPort, String ssFlags) {
        net.awaitTrue(Duration.ofSeconds(10), () -> net.ns().run("ss", ssFlags).out().contains(addrPort),
                "something listens on " + addrPort);
    }
}
