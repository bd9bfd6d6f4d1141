package io.jkeepalived.config.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Which network interfaces exist, for keepalived's "interface X doesn't exist" checks. */
public interface HostInterfaces {
    boolean exists(String name);

    /** The interfaces of the network namespace this process runs in, from /sys/class/net. */
    static HostInterfaces system() {
        var net = Path.of("/sys/class/net");
        return name -> !name.contains("/") && Files.exists(net.resolve(name));
    }

    /** A fixed set, for tests. */
    static HostInterfaces of(Set<String> names) {
        return names::contains;
    }
}
