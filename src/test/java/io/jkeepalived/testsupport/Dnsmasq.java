package io.jkeepalived.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's dnsmasq as a real DNS server inside a {@link ServerNet}: bound to one address, no upstream,
 * no /etc files, authoritative for {@code example.test} (SOA, A records) from a config in the temp dir.
 * Queries for names it does not own are REFUSED - what DNS_CHECK must see as a failure.
 */
public final class Dnsmasq implements AutoCloseable {
    private final InetSocketAddress address;
    private final Daemon daemon;

    private Dnsmasq(InetSocketAddress address, Daemon daemon) {
        this.address = address;
        this.daemon = daemon;
    }

    public static Dnsmasq start(ServerNet net, String name) {
        InetAddress a = net.newServerAddress();
        Path conf = net.dir().resolve(name + ".conf");
        String ip = a.getHostAddress();
        try {
            Files.writeString(conf, """
                    no-resolv
                    no-hosts
                    no-poll
                    bind-interfaces
                    listen-address=%1$s
                    port=53
                    pid-file=%2$s
                    auth-server=ns.example.test,eth0
                    auth-zone=example.test
                    auth-soa=2026112101,hostmaster.example.test
                    host-record=www.example.test,%1$s
                    host-record=ns.example.test,%1$s
                    log-queries
                    """.formatted(ip, net.dir().resolve(name + ".pid")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var daemon = net.spawn(name, List.of("dnsmasq", "--keep-in-foreground", "--log-facility=-",
                "--conf-file=" + conf, "--user=root"));
        var dns = new Dnsmasq(new InetSocketAddress(a, 53), daemon);
        net.awaitTrue(java.time.Duration.ofSeconds(10),
                () -> net.ns().run("ss", "-lnu", "src", ip + ":53").out().contains(ip + ":53"),
                "dnsmasq listens on " + ip + ":53 (log: " + daemon.log() + ")");
        return dns;
    }

    public InetSocketAddress address() {
        return address;
    }

    public void stop() {
        daemon.stop();
    }

    public void restart() {
        daemon.start();
    }

    public String log() {
        return daemon.log();
    }

    @Override
    public void close() {
        stop();
    }
}
