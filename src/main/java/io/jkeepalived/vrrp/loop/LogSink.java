package io.jkeepalived.vrrp.loop;

/** Port: where keepalived-style log lines go (syslog, console, JSON). */
@FunctionalInterface
public interface LogSink {
    void log(String line);
}
