package io.jkeepalived.config.build;

/**
 * Whether interfaces named in the configuration exist on this host, remembering that one did not:
 * keepalived reports each missing one at its line and then fails the whole configuration once.
 */
final class InterfaceCheck {
    private final HostInterfaces host;
    private boolean anyMissing;

    InterfaceCheck(HostInterfaces host) {
        this.host = host;
    }

    /** Whether {@code name} exists; when not, the configuration is marked as naming a missing interface. */
    boolean exists(String name) {
        if (host.exists(name)) {
            return true;
        }
        anyMissing = true;
        return false;
    }

    boolean anyMissing() {
        return anyMissing;
    }
}
