package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.testsupport.NetNs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump on an interface of a test namespace, bounded by {@code timeout}, writing to a file; started
 * before the traffic it must see, read with {@link #text()}.
 */
final class WireCapture implements AutoCloseable {
    private final Process process;
    private final Path file;

    private WireCapture(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    static WireCapture start(NetNs ns, String ifname, Path file, String filter) throws Exception {
        var p = new ProcessBuilder(ns.inside("timeout", "120", "tcpdump", "-i", ifname, "-n", "-l", "-e", filter))
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
        var c = new WireCapture(p, file);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!c.text().contains("listening on")) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                c.close();
                throw new IllegalStateException("tcpdump did not start: " + c.text());
            }
            Thread.sleep(20);
        }
        return c;
    }

    String text() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A gratuitous ARP (who-has VIP tell VIP) or an unsolicited neighbour advert for {@code vip} was seen. */
    boolean announced(String vip) {
        return text().lines().anyMatch(l -> vip.contains(":")
                ? l.contains("neighbor advertisement, tgt is " + vip + ",")
                : l.contains("Request who-has " + vip + " ") && l.contains("tell " + vip + ","));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
