package io.jkeepalived.config;

/** How bad a configuration finding is; ordered from worst to mildest. */
public enum Severity {
    /** Parsing could not go on (keepalived: "missing a parameter after keyword"); {@code -t} exits 2. */
    FATAL,
    /** The daemon cannot run this configuration (missing file, no usable interface); {@code -t} exits 4. */
    CANNOT_RUN,
    /** Scripts configured without {@code enable_script_security}; {@code -t} exits 6. */
    SECURITY,
    /** A setting was rejected or changed; the daemon would run; {@code -t} exits 5. */
    ERROR,
    /** Deprecated or suspicious but valid; {@code -t} exits 5, as keepalived does for its warnings. */
    WARNING,
    /**
     * A keyword keepalived takes that jkeepalived accepts and does not act on: printed as a warning (the operator
     * must see it) but, like INFO, it does not change the exit code - keepalived would run this configuration.
     */
    UNSUPPORTED,
    /** Informational; does not change the exit code. */
    INFO;

    /** The word printed before the message: {@code warning} for UNSUPPORTED, the name otherwise. */
    public String label() {
        return this == UNSUPPORTED ? "warning" : name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
