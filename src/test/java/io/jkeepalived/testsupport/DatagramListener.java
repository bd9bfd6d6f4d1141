package io.jkeepalived.testsupport;

import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.UnixDatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An AF_UNIX datagram socket a test binds (a NOTIFY_SOCKET, a /dev/log) with a thread that keeps every datagram
 * received, as text, in order. Closing it stops the thread, closes the socket and removes a path it bound.
 */
public final class DatagramListener implements AutoCloseable {
    private final String address;
    private final UnixDatagramSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    private DatagramListener(String address) throws Exception {
        this.address = address;
        this.socket = Linux.bindUnixDatagram(address);
        this.reader = Thread.ofPlatform().name("listener " + address).daemon(true).start(this::read);
    }

    /** Binds {@code address}: a path (which must not exist) or {@code @name}. */
    public static DatagramListener bind(String address) throws Exception {
        return new DatagramListener(address);
    }

    private void read() {
        while (open) {
            try {
                socket.receive(Duration.ofMillis(100)).ifPresent(b -> received.add(new String(b, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                return;     // closed under us
            }
        }
    }

    public String address() {
        return address;
    }

    /** Every datagram so far. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** The first datagram at or after index {@code from} that matches, waiting at most {@code limit}. */
    public Optional<Integer> await(int from, Duration limit, Predicate<String> matches) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            var all = received();
            for (int i = from; i < all.size(); i++) {
                if (matches.test(all.get(i))) {
                    return Optional.of(i);
                }
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(10);
        }
    }

    /** Like {@link #await} but fails naming what was awaited and what came. */
    public int expect(int from, Duration limit, String what, Predicate<String> matches) throws InterruptedException {
        return await(from, limit, matches).orElseThrow(() -> new AssertionError("no datagram " + what + " within "
                + limit + "; received: " + received()));
    }

    public long count(int from, Predicate<String> matches) {
        var all = received();
        return all.subList(Math.min(from, all.size()), all.size()).stream().filter(matches).count();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        reader.join(2_000);
        socket.close();
        if (address.startsWith("/")) {
            try {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(address));
            } catch (java.io.IOException ignored) {
                // a temp dir the test removes anyway
            }
        }
    }
}
