package io.jkeepalived.lifecycle;

import io.jkeepalived.config.model.KeepalivedConfig;
import java.io.IOException;
import java.util.Optional;

/**
 * One part of the daemon that keepalived runs as a child process (VRRP, checker). Each owns its own
 * single-threaded event loop; the daemon supervises it, so a crash in one cannot stop another.
 */
public interface Subsystem {
    /** keepalived's process name for the log: "VRRP", "Healthcheck". */
    String name();

    /** Starts the subsystem's loop and returns; failures to start are thrown. */
    void start() throws Exception;

    /** Graceful stop (priority-0 adverts, VIPs removed unless kept, omega scripts); bounded in time. */
    void stop();

    /** SIGHUP: apply a new configuration without disturbing what did not change. */
    void reload(KeepalivedConfig config);

    /** SIGUSR1: keepalived's .data dump of this subsystem. */
    default void writeData(Appendable out) throws IOException {
    }

    /** SIGUSR2: keepalived's .stats dump of this subsystem. */
    default void writeStats(Appendable out) throws IOException {
    }

    /**
     * keepalived's STATS_CLEAR signal (SIGRTMAX-1, 63): the .stats dump, then the counters this subsystem keeps
     * start again from zero, in one step so no count falls between the two. keepalived's VRRP process is the only
     * one that clears; a subsystem without counters of its own writes its dump as for SIGUSR2.
     */
    default void writeStatsAndClear(Appendable out) throws IOException {
        writeStats(out);
    }

    /** keepalived's JSON signal: this subsystem's keepalived.json document in that format {@code version} (1 or 2), if it has one. */
    default Optional<String> json(int version) throws IOException {
        return Optional.empty();
    }

    /**
     * One line a person reads in {@code systemctl status} ("2 instances: VI_1 MASTER, VI_2 BACKUP", "8/9 real
     * servers up"); asked about once a second while a service manager listens, so it answers quickly.
     */
    default Optional<String> status() {
        return Optional.empty();
    }

    /** True while the subsystem's loop is running (for supervision). */
    boolean running();
}
