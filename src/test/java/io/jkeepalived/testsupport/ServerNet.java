package io.jkeepalived.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A network namespace full of real servers, reachable from the test JVM (which stays in the host
 * namespace) over one veth pair. It owns a /24 in the benchmark range 198.18.0.0/15, chosen free on
 * the host from the JVM's pid: the host end is {@code .1}, server addresses are {@code .10} and up
 * inside the namespace. Everything it made - processes (by pid), the namespace and with it the veth,
 * its temp directory - goes away on {@link #close()}.
 */
public final class ServerNet implements AutoCloseable {
    private final NetNs ns;
    private final String hostLink;
    private final String prefix;
    private final Path dir;
    private final List<Daemon> daemons = new ArrayList<>();
    private int nextHost = 10;

    private ServerNet(NetNs ns, String hostLink, String prefix, Path dir) {
        this.ns = ns;
        this.hostLink = hostLink;
        this.prefix = prefix;
        this.dir = dir;
    }

    /** Creates namespace {@code <nsPrefix>-<pid>-<tag>} linked to the host. {@code tag} is 1-3 characters. */
    public static ServerNet create(String nsPrefix, String tag) {
        var ns = NetNs.create(nsPrefix, tag);
        String hostLink = (nsPrefix + ProcessHandle.current().pid() + tag);
        hostLink = hostLink.substring(0, Math.min(15, hostLink.length()));
        try {
            String prefix = freeSubnet();
            Sh.ok("ip", "link", "add", hostLink, "type", "veth", "peer", "name", "eth0", "netns", ns.name());
            Sh.ok("ip", "addr", "add", prefix + ".1/24", "dev", hostLink);
            Sh.ok("ip", "link", "set", hostLink, "up");
            ns.exec("ip", "addr", "add", prefix + ".2/24", "dev", "eth0");
            ns.exec("ip", "link", "set", "eth0", "up");
            ns.exec("ip", "route", "add", "default", "via", prefix + ".1");
            Path dir = Files.createTempDirectory(nsPrefix + "-" + tag + "-");
            return new ServerNet(ns, hostLink, prefix, dir);
        } catch (IOException | RuntimeException e) {
            Sh.run("ip", "link", "del", hostLink);
            ns.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Picks a /24 in 198.18.0.0/15 that no host interface uses yet, starting from our pid. */
    private static String freeSubnet() {
        String used = Sh.ok("ip", "-4", "-o", "addr", "show");
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < 510; i++) {
            int n = (int) ((pid + i) % 510);
            String candidate = "198." + (18 + n / 255) + "." + (n % 255);
            if (!used.contains(" " + candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free /24 in 198.18.0.0/15");
    }

    public NetNs ns() {
        return ns;
    }

    public Path dir() {
        return dir;
    }

    /** The host side's address (where the test JVM's packets come from). */
    public InetAddress hostAddress() {
        return address(prefix + ".1");
    }

    /** Adds a new address inside the namespace, for one more server. */
    public synchronized InetAddress newServerAddress() {
        String a = prefix + "." + nextHost++;
        ns.exec("ip", "addr", "add", a + "/32", "dev", "eth0");
        return address(a);
    }

    /** Starts a process inside the namespace; it is stopped on {@link #close()}. */
    public Daemon spawn(String name, List<String> command) {
        var d = Daemon.start(name, ns.inside(command.toArray(String[]::new)), dir.resolve(name + ".log"));
        synchronized (daemons) {
            daemons.add(d);
        }
        return d;
    }

    /** Waits until a TCP port accepts a connection from the host. */
    public void awaitTcp(InetSocketAddress address, Duration timeout) {
        awaitTrue(timeout, () -> {
            try (var s = new Socket()) {
                s.connect(address, 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, address + " accepts connections");
    }

    /** Polls {@code condition} until it holds or the deadline passes (then fails with {@code what}). */
    public void awaitTrue(Duration timeout, BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Override
    public void close() {
        List<Daemon> copy;
        synchronized (daemons) {
            copy = List.copyOf(daemons);
        }
        copy.forEach(Daemon::stop);
        Sh.run("ip", "link", "del", hostLink);
        ns.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
