package io.jkeepalived.common;

/**
 * Where subsystems write their log lines. Lines are keepalived's words; the sink adds time stamps and
 * the syslog identity. Implementations are thread-safe.
 */
public interface Log {
    enum Level { ERROR, WARNING, NOTICE, INFO, DEBUG }

    void log(Level level, String message);

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void warning(String message) {
        log(Level.WARNING, message);
    }

    default void error(String message) {
        log(Level.ERROR, message);
    }

    /** Only written with {@code -D} (detailed logging). */
    default void detail(String message) {
        log(Level.DEBUG, message);
    }

    /**
     * The same log with its lines marked as written by {@code ident}, keepalived's syslog identity of the process
     * the lines stand for ({@code Keepalived_vrrp} for the VRRP subsystem); a sink without identities is itself.
     */
    default Log as(String ident) {
        return this;
    }

    /** A log that drops everything (config tests, unit tests that do not look at the log). */
    Log NONE = (level, message) -> {
    };
}
