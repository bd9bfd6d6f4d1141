package io.jkeepalived.daemon;

import io.jkeepalived.common.Log;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.linux.UnixDatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Tells the service manager (systemd, {@code Type=notify}) how the daemon is, with sd_notify(3)'s protocol: one
 * datagram of {@code KEY=value} lines to the AF_UNIX socket named by {@code NOTIFY_SOCKET} (a path, or {@code @name}
 * in the abstract namespace). Without {@code NOTIFY_SOCKET} every call does nothing. A failed send is logged (once
 * until a send works again) and never stops the daemon: the service manager's view is not worth a VIP.
 */
public final class ServiceManagerNotifier implements AutoCloseable {
    /** A send that cannot get through in this long is dropped: the daemon's main thread must not wait on systemd. */
    private static final Duration SEND_TIMEOUT = Duration.ofMillis(200);
    /** systemd shows STATUS= in one line of {@code systemctl status}; a longer text is cut. */
    static final int STATUS_MAX = 400;

    private final String address;
    private final UnixDatagramSocket socket;
    private final long ourPid;
    private final Optional<Duration> watchdogInterval;
    private final Log log;
    private boolean failing;

    private ServiceManagerNotifier(String address, UnixDatagramSocket socket, long ourPid, Optional<Duration> watchdogInterval,
            Log log) {
        this.address = address;
        this.socket = socket;
        this.ourPid = ourPid;
        this.watchdogInterval = watchdogInterval;
        this.log = log;
    }

    /** A notifier that sends nothing (no service manager). */
    public static ServiceManagerNotifier none() {
        return new ServiceManagerNotifier(null, null, 0, Optional.empty(), Log.NONE);
    }

    /**
     * From the environment the service manager gave us: {@code NOTIFY_SOCKET}, and {@code WATCHDOG_USEC} with
     * {@code WATCHDOG_PID} (the watchdog is ours only when WATCHDOG_PID is our pid or absent).
     */
    public static ServiceManagerNotifier fromEnvironment(Map<String, String> env, long ourPid, Log log) {
        String address = env.getOrDefault("NOTIFY_SOCKET", "");
        if (address.isEmpty()) {
            return none();
        }
        if (!address.startsWith("/") && !address.startsWith("@")) {
            log.warning("NOTIFY_SOCKET='" + address + "' is neither a path nor an abstract name (@...) - no sd_notify");
            return none();
        }
        try {
            return new ServiceManagerNotifier(address, Linux.openUnixDatagramSender(SEND_TIMEOUT), ourPid,
                    watchdogInterval(env, ourPid, log), log);
        } catch (SyscallException | RuntimeException e) {
            log.warning("Cannot open a socket to notify the service manager (" + e.getMessage() + ") - no sd_notify");
            return none();
        }
    }

    /** Half of WATCHDOG_USEC (sd_watchdog_enabled(3)'s advice), when the watchdog is set and meant for us. */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long ourPid, Log log) {
        String usec = env.getOrDefault("WATCHDOG_USEC", "");
        if (usec.isEmpty()) {
            return Optional.empty();
        }
        String pid = env.getOrDefault("WATCHDOG_PID", "");
        if (!pid.isEmpty() && !pid.equals(Long.toString(ourPid))) {
            log.detail("WATCHDOG_PID=" + pid + " is not our pid " + ourPid + " - the watchdog is not ours");
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec);
            if (micros <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Optional.of(Duration.ofNanos(micros * 1_000L / 2));
        } catch (NumberFormatException e) {
            log.warning("WATCHDOG_USEC='" + usec + "' is not a positive number of microseconds - no watchdog pings");
            return Optional.empty();
        }
    }

    public boolean enabled() {
        return socket != null;
    }

    /** How often {@link #watchdog()} must be sent; empty when systemd's watchdog is off (or not ours). */
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }

    /** Startup (or a reload) complete: READY=1 with our pid (keepalived sends MAINPID too) and the status. */
    public void ready(String status) {
        send("READY=1\nMAINPID=" + ourPid + "\nSTATUS=" + oneLine(status));
    }

    /** SIGHUP: a reload begins; {@code monotonicMicros} is CLOCK_MONOTONIC now (systemd 253's reload protocol). */
    public void reloading(long monotonicMicros) {
        send("RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros + "\nSTATUS=Reloading the configuration");
    }

    public void stopping() {
        send("STOPPING=1\nSTATUS=Stopping");
    }

    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    /** Only while every supervised loop is alive (the caller's decision). */
    public void watchdog() {
        send("WATCHDOG=1");
    }

    private void send(String message) {
        if (socket == null) {
            return;
        }
        try {
            socket.send(address, message.getBytes(StandardCharsets.UTF_8));
            if (failing) {
                failing = false;
                log.info("Notifying the service manager at " + address + " works again");
            }
        } catch (SyscallException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warning("Cannot notify the service manager at " + address + ": " + e.getMessage());
            }
        }
    }

    /** A STATUS= value is one line. */
    static String oneLine(String status) {
        String line = status.replace('\n', ' ');
        return line.length() <= STATUS_MAX ? line : line.substring(0, STATUS_MAX - 3) + "...";
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
