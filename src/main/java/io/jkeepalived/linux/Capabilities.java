package io.jkeepalived.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process's effective capabilities (the {@code CapEff} line of /proc/self/status), so the daemon can
 * refuse to start with one clear line instead of failing later on the first raw socket.
 */
public record Capabilities(long effective) {
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;

    /** Reads /proc/self/status. */
    public static Capabilities ofCurrentProcess() throws IOException {
        return parseStatus(Files.readString(Path.of("/proc/self/status")));
    }

    /** Parses the text of a /proc/PID/status file. */
    public static Capabilities parseStatus(String status) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    return new Capabilities(Long.parseUnsignedLong(line.substring(7).trim(), 16));
                } catch (NumberFormatException e) {
                    throw new IOException("unreadable CapEff line in /proc/self/status: '" + line + "'", e);
                }
            }
        }
        throw new IOException("no CapEff line in /proc/self/status");
    }

    public boolean has(int capability) {
        return (effective & (1L << capability)) != 0;
    }

    public boolean hasNetRaw() {
        return has(CAP_NET_RAW);
    }

    public boolean hasNetAdmin() {
        return has(CAP_NET_ADMIN);
    }

    /**
     * The line to print and exit with when VRRP cannot work, e.g. {@code jkeepalived needs CAP_NET_RAW (raw VRRP
     * sockets, gratuitous ARP) and CAP_NET_ADMIN (virtual addresses): this process lacks CAP_NET_RAW. Run it as
     * root or grant them (systemd: AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW).}; empty when nothing lacks.
     */
    public Optional<String> missingForVrrp() {
        List<String> missing = new ArrayList<>();
        if (!hasNetRaw()) {
            missing.add("CAP_NET_RAW");
        }
        if (!hasNetAdmin()) {
            missing.add("CAP_NET_ADMIN");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("jkeepalived needs CAP_NET_RAW (raw VRRP sockets, gratuitous ARP) and CAP_NET_ADMIN"
                + " (virtual addresses): this process lacks " + String.join(" and ", missing)
                + ". Run it as root or grant them (systemd: AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW).");
    }
}
