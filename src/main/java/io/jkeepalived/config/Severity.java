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
    /** Informational; does not change the exit code. */
    INFO
}
