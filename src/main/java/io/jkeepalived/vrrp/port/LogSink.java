package io.jkeepalived.vrrp.port;

/** Port: where keepalived-style log lines go (syslog, console, JSON). */
@FunctionalInterface
public interface LogSink {
    void log(String line);
}
