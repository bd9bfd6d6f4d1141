package io.jkeepalived.tools.lab;

import io.jkeepalived.linux.NetworkNamespace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's client: from inside the client namespace it sends one HTTP/1.0 request on a new connection
 * every 10 ms to the virtual server and records who answered (or that nothing did). Runs in the lab's JVM,
 * so the lab needs no ping or curl, and measures what a user of the VIP sees.
 */
final class LabClient implements AutoCloseable {
    /** One request: when it started (System.nanoTime) and who answered; {@code null} when it failed. */
    record Outcome(long startedNanos, String server) {
    }

    private static final int TIMEOUT_MILLIS = 250;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LabClient(String ns, String vip, int port, long intervalNanos) {
        thread = NetworkNamespace.threadFactory(NetworkNamespace.named(ns), "lab-client")
                .newThread(() -> loop(new InetSocketAddress(vip, port), intervalNanos));
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(InetSocketAddress target, long intervalNanos) {
        byte[] request = ("GET / HTTP/1.0\r\nHost: " + target.getHostString() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long next = System.nanoTime();
        while (running) {
            long started = System.nanoTime();
            String server = null;
            try (var socket = new Socket()) {
                socket.connect(target, TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.getOutputStream().write(request);
                server = LabWebServers.nameOf(socket.getInputStream().readNBytes(4096));
            } catch (IOException e) {
                // a failed request is the measurement
            }
            synchronized (outcomes) {
                outcomes.add(new Outcome(started, server));
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    long now() {
        return System.nanoTime();
    }

    /** Answers per server, and "failed", for the requests started in [from, to). */
    Map<String, Integer> served(long from, long to) {
        var counts = new TreeMap<String, Integer>();
        for (Outcome o : between(from, to)) {
            counts.merge(o.server() == null ? "failed" : o.server(), 1, Integer::sum);
        }
        return counts;
    }

    /** The longest time without a successful answer among the requests started in [from, to). */
    double longestGapSeconds(long from, long to) {
        long last = from;
        long longest = 0;
        for (Outcome o : between(from, to)) {
            if (o.server() != null) {
                longest = Math.max(longest, o.startedNanos() - last);
                last = o.startedNanos();
            }
        }
        return longest / 1e9;
    }

    /** When the first request at or after {@code from} that {@code server} answered started, or -1. */
    long firstAnsweredBy(String server, long from) {
        return between(from, Long.MAX_VALUE).stream().filter(o -> server.equals(o.server()))
                .mapToLong(Outcome::startedNanos).findFirst().orElse(-1);
    }

    private List<Outcome> between(long from, long to) {
        synchronized (outcomes) {
            return outcomes.stream().filter(o -> o.startedNanos() - from >= 0 && o.startedNanos() - to < 0).toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
