package io.jkeepalived.config.build;

import java.util.Set;

/** Which network interfaces exist, for keepalived's "interface X doesn't exist" checks. */
public interface HostInterfaces {
    boolean exists(String name);

    /**
     * The interfaces of the network namespace this process runs in, from /proc/self/net/dev, read once
     * in the life of the returned object (take a new one for each read of a configuration).
     */
    static HostInterfaces system() {
        return new ProcNetInterfaces();
    }

    /** A fixed set, for tests. */
    static HostInterfaces of(Set<String> names) {
        return names::contains;
    }
}
