package io.jkeepalived.config.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The interfaces of this process's network namespace, read once from /proc/self/net/dev: a config names the same
 * few interfaces thousands of times (every instance and every address), and one read of a configuration is one
 * moment in time anyway. Not /sys/class/net: sysfs shows the namespace it was mounted in, so a daemon that moved
 * itself into its {@code net_namespace} (keepalived does not remount /sys, nor do we) would see the host's links.
 */
final class ProcNetInterfaces implements HostInterfaces {
    private final Path devices;
    private Set<String> names;

    ProcNetInterfaces() {
        this(Path.of("/proc/self/net/dev"));
    }

    ProcNetInterfaces(Path devices) {
        this.devices = devices;
    }

    @Override
    public boolean exists(String name) {
        if (names == null) {
            names = read(devices);
        }
        return names.contains(name);
    }

    /** "  eth0: 123 ..." after two header lines; an unreadable file (no /proc) means no interfaces. */
    static Set<String> read(Path devices) {
        var found = new HashSet<String>();
        try {
            for (String line : Files.readAllLines(devices)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.contains("|")) {
                    found.add(line.substring(0, colon).trim());
                }
            }
        } catch (IOException e) {
            // as if no interface existed: each one is reported missing by name
        }
        return found;
    }
}
