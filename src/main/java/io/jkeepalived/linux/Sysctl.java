package io.jkeepalived.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Per-interface IP settings under /proc/sys/net/ipv4/conf/IF and /proc/sys/net/ipv6/conf/IF, and namespace-wide
 * ones under /proc/sys/net/ipv4 (in the calling process's network namespace), as keepalived's set_sysctl / get_sysctl.
 */
public final class Sysctl {
    private static final Path ROOT = Path.of("/proc/sys/net");

    private Sysctl() {
    }

    /** e.g. {@code ipv4(eth0, arp_ignore)}; empty when it cannot be read. */
    public static OptionalInt read(String family, String ifname, String name) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(path(family, ifname, name), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Writes {@code value}; the error names the file and the kernel's reason. */
    public static void write(String family, String ifname, String name, int value) throws IOException {
        Path p = path(family, ifname, name);
        try {
            Files.writeString(p, Integer.toString(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("write " + value + " to " + p + ": " + e.getMessage(), e);
        }
    }

    /** A namespace-wide setting, e.g. {@code net(ipv4, igmp_link_local_mcast_reports)}; empty when unreadable. */
    public static OptionalInt readNet(String family, String name) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(netPath(family, name), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public static void writeNet(String family, String name, int value) throws IOException {
        Path p = netPath(family, name);
        try {
            Files.writeString(p, Integer.toString(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("write " + value + " to " + p + ": " + e.getMessage(), e);
        }
    }

    private static Path netPath(String family, String name) {
        if (!family.equals("ipv4") && !family.equals("ipv6")) {
            throw new IllegalArgumentException("family must be ipv4 or ipv6, not " + family);
        }
        if (name.isEmpty() || name.contains("/") || name.equals("..")) {
            throw new IllegalArgumentException("bad setting name: " + name);
        }
        return ROOT.resolve(family).resolve(name);
    }

    private static Path path(String family, String ifname, String name) {
        if (!family.equals("ipv4") && !family.equals("ipv6")) {
            throw new IllegalArgumentException("family must be ipv4 or ipv6, not " + family);
        }
        if (ifname.isEmpty() || ifname.contains("/") || ifname.equals("..") || name.contains("/")) {
            throw new IllegalArgumentException("bad interface or setting name: " + ifname + "/" + name);
        }
        return ROOT.resolve(family).resolve("conf").resolve(ifname).resolve(name);
    }
}
