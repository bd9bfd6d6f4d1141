package io.jkeepalived.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real SMTP server inside a {@link ServerNet}: Debian's {@code python3-aiosmtpd} (an RFC 5321
 * server) in the foreground, storing every message it accepts into a Maildir the test reads back.
 * It answers 220 / HELO 250 / QUIT 221 as any MTA does, so it also serves SMTP_CHECK.
 */
public final class SmtpServer implements AutoCloseable {
    /** Debian package that provides it (bin/test installs it). */
    public static final String PACKAGE = "python3-aiosmtpd";
    private final ServerNet net;
    private final InetSocketAddress address;
    private final Path maildir;
    private final Daemon daemon;

    private SmtpServer(ServerNet net, InetSocketAddress address, Path maildir, Daemon daemon) {
        this.net = net;
        this.address = address;
        this.maildir = maildir;
        this.daemon = daemon;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/python3"))
                && Sh.run("/usr/bin/python3", "-c", "import aiosmtpd").exit() == 0;
    }

    public static SmtpServer start(ServerNet net, String name) {
        return start(net, name, net.newServerAddress(), 25);
    }

    /** An SMTP server on a given namespace address and port. */
    public static SmtpServer start(ServerNet net, String name, InetAddress a, int port) {
        Path maildir = net.dir().resolve(name + "-maildir");
        try {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var address = new InetSocketAddress(a, port);
        var daemon = net.spawn(name, List.of("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                a.getHostAddress() + ":" + port, "-c", "aiosmtpd.handlers.Mailbox", maildir.toString()));
        var server = new SmtpServer(net, address, maildir, daemon);
        server.awaitUp();
        return server;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Every message received so far, raw (headers and body), oldest first. */
    public List<String> messages() {
        var out = new ArrayList<String>();
        for (String sub : List.of("new", "cur")) {
            Path d = maildir.resolve(sub);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.sorted().toList()) {
                    out.add(Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Waits until at least {@code count} messages have arrived and returns them. */
    public List<String> awaitMessages(int count, Duration timeout) {
        net.awaitTrue(timeout, () -> messages().size() >= count, count + " mail(s) arrive at " + address
                + " (log: " + daemon.log() + ")");
        return messages();
    }

    public void stop() {
        daemon.stop();
    }

    public void restart() {
        daemon.start();
        awaitUp();
    }

    private void awaitUp() {
        net.awaitTcp(address, Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        stop();
    }
}
