package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.testsupport.DatagramListener;
import io.jkeepalived.testsupport.KernelClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * sd_notify: the notifier's datagrams as a bound AF_UNIX socket receives them (a path and an abstract name), and
 * the daemon's use of it - READY after start, RELOADING with MONOTONIC_USEC then READY around a reload, STATUS on
 * a change, WATCHDOG only while every subsystem runs, STOPPING - with subsystems the test controls.
 */
@Timeout(60)
class SdNotifyTest {
    @TempDir
    Path dir;

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void theNotifierSendsSdNotifysLinesToAPath() throws Exception {
        try (var listener = DatagramListener.bind(dir.resolve("notify").toString());
             var notifier = ServiceManagerNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", listener.address()), PID, Log.NONE)) {
            assertTrue(notifier.enabled());
            notifier.ready("1 instance: VI_1 BACKUP");
            notifier.reloading(123_456_789L);
            notifier.status("1 instance: VI_1 MASTER");
            notifier.watchdog();
            notifier.stopping();
            listener.expect(0, Duration.ofSeconds(5), "five", m -> m.startsWith("STOPPING"));
            assertEquals(List.of("READY=1\nMAINPID=" + PID + "\nSTATUS=1 instance: VI_1 BACKUP",
                    "RELOADING=1\nMONOTONIC_USEC=123456789\nSTATUS=Reloading the configuration",
                    "STATUS=1 instance: VI_1 MASTER", "WATCHDOG=1", "STOPPING=1\nSTATUS=Stopping"), listener.received());
        }
    }

    @Test
    void anAbstractNotifySocketWorksToo() throws Exception {
        String name = "@jkeepalived-sdnotify-test-" + PID;
        try (var listener = DatagramListener.bind(name);
             var notifier = ServiceManagerNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name), PID, Log.NONE)) {
            notifier.watchdog();
            listener.expect(0, Duration.ofSeconds(5), "WATCHDOG=1", "WATCHDOG=1"::equals);
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentAndNothingFails() {
        var lines = new CopyOnWriteArrayList<String>();
        try (var notifier = ServiceManagerNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000"), PID,
                (l, m) -> lines.add(m))) {
            assertFalse(notifier.enabled());
            assertTrue(notifier.watchdogInterval().isEmpty());
            notifier.ready("x");
            notifier.stopping();
        }
        try (var relative = ServiceManagerNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative/path"), PID,
                (l, m) -> lines.add(m))) {
            assertFalse(relative.enabled());
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("neither a path nor an abstract name")), lines.toString());
    }

    @Test
    void aListenerThatWentAwayIsLoggedOnceAndFoundAgainWhenItComesBack() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        String path = dir.resolve("gone").toString();
        try (var notifier = ServiceManagerNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), PID, (l, m) -> lines.add(m))) {
            notifier.watchdog();
            notifier.watchdog();
            assertEquals(1, lines.stream().filter(l -> l.startsWith("Cannot notify the service manager")).count(), lines.toString());
            try (var listener = DatagramListener.bind(path)) {
                notifier.watchdog();
                listener.expect(0, Duration.ofSeconds(5), "WATCHDOG=1 after the socket came back", "WATCHDOG=1"::equals);
            }
        }
    }

    @Test
    void theWatchdogIntervalIsHalfOfWatchdogUsecAndOnlyForOurPid() {
        assertEquals(Optional.of(Duration.ofMillis(1500)),
                ServiceManagerNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "3000000"), PID, Log.NONE));
        assertEquals(Optional.of(Duration.ofMillis(1500)), ServiceManagerNotifier.watchdogInterval(
                Map.of("WATCHDOG_USEC", "3000000", "WATCHDOG_PID", Long.toString(PID)), PID, Log.NONE));
        assertEquals(Optional.empty(), ServiceManagerNotifier.watchdogInterval(
                Map.of("WATCHDOG_USEC", "3000000", "WATCHDOG_PID", Long.toString(PID + 1)), PID, Log.NONE));
        assertEquals(Optional.empty(), ServiceManagerNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), PID, Log.NONE));
    }

    @Test
    void theDaemonsMonotonicClockIsClockMonotonicAsMonotonicUsecMustBe() {
        long before = KernelClock.monotonicMicros();
        long ours = MonotonicClock.system().nowMicros();
        long after = KernelClock.monotonicMicros();
        assertTrue(before <= ours && ours <= after, "CLOCK_MONOTONIC " + before + ".." + after + " µs, ours " + ours + " µs");
    }

    @Test
    void statusLinesAreOneLineAndBounded() {
        assertEquals("a b", ServiceManagerNotifier.oneLine("a\nb"));
        assertEquals(ServiceManagerNotifier.STATUS_MAX, ServiceManagerNotifier.oneLine("x".repeat(1000)).length());
    }

    /** A subsystem whose liveness and status line the test sets. */
    static class Controlled implements Subsystem {
        final String name;
        volatile boolean alive = true;
        volatile String status = "1 instance: VI_1 BACKUP";
        final AtomicInteger reloads = new AtomicInteger();

        Controlled(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void reload(KeepalivedConfig config) {
            reloads.incrementAndGet();
        }

        @Override
        public Optional<String> status() {
            return Optional.of(status);
        }

        @Override
        public boolean running() {
            return alive;
        }
    }

    @Test
    void theDaemonSaysReadyReloadingStatusWatchdogAndStopping() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        Log log = (level, message) -> lines.add(message);
        var vrrp = new Controlled("VRRP");
        var checker = new Controlled("Healthcheck");
        checker.status = "8/9 real servers up";
        try (var listener = DatagramListener.bind(dir.resolve("notify").toString());
             var notifier = ServiceManagerNotifier.fromEnvironment(
                     Map.of("NOTIFY_SOCKET", listener.address(), "WATCHDOG_USEC", "100000"), PID, log)) {
            // supervision would "restart" the dead subsystem at once: here it looks only once an hour
            var daemon = DaemonThread.withSubsystems(dir, "", log, vrrp, checker)
                    .superviseEvery(Duration.ofHours(1)).notifying(notifier, MonotonicClock.system());
            var run = DaemonThread.start(daemon);
            int ready = listener.expect(0, Duration.ofSeconds(20), "READY=1", m -> m.startsWith("READY=1\n"));
            assertEquals("READY=1\nMAINPID=" + PID + "\nSTATUS=1 instance: VI_1 BACKUP; 8/9 real servers up",
                    listener.received().get(ready));
            int ping = listener.expect(ready, Duration.ofSeconds(5), "a watchdog ping", "WATCHDOG=1"::equals);
            listener.expect(ping + 1, Duration.ofSeconds(5), "more watchdog pings", "WATCHDOG=1"::equals);

            vrrp.status = "1 instance: VI_1 MASTER";
            int status = listener.expect(ready, Duration.ofSeconds(5), "the new status",
                    "STATUS=1 instance: VI_1 MASTER; 8/9 real servers up"::equals);
            Thread.sleep(1_500);
            assertEquals(1, listener.count(status, m -> m.startsWith("STATUS=")), "an unchanged status is not sent again: "
                    + listener.received());

            checker.alive = false;           // a loop died and stays dead
            Thread.sleep(300);
            int dead = listener.received().size();
            Thread.sleep(1_000);
            assertEquals(0, listener.count(dead, "WATCHDOG=1"::equals), "pings while a loop is dead: " + listener.received());
            assertTrue(lines.contains("Watchdog ping withheld: Healthcheck subsystem not running"), lines.toString());
            checker.alive = true;
            listener.expect(dead, Duration.ofSeconds(5), "pings once every loop runs again", "WATCHDOG=1"::equals);

            int before = listener.received().size();
            long beforeMicros = KernelClock.monotonicMicros();
            run.post(SignalEvents.Request.RELOAD);
            int reloading = listener.expect(before, Duration.ofSeconds(10), "RELOADING=1", m -> m.startsWith("RELOADING=1\n"));
            long monotonic = Long.parseLong(listener.received().get(reloading).split("\n")[1].replace("MONOTONIC_USEC=", ""));
            assertTrue(monotonic >= beforeMicros && monotonic <= KernelClock.monotonicMicros(), "MONOTONIC_USEC=" + monotonic);
            listener.expect(reloading, Duration.ofSeconds(10), "READY=1 after the reload", m -> m.startsWith("READY=1\n"));
            assertEquals(1, vrrp.reloads.get());

            run.post(SignalEvents.Request.STOP);
            listener.expect(reloading, Duration.ofSeconds(10), "STOPPING=1", m -> m.startsWith("STOPPING=1"));
            assertEquals(0, run.exitWithin(Duration.ofSeconds(10)));
        }
    }

    /** A subsystem whose loop is up at the first look after each restart and dead at the next, until the test lets it live. */
    static final class Flapping extends Controlled {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger looksSinceStart = new AtomicInteger();
        volatile boolean flapping = true;

        Flapping() {
            super("Healthcheck");
        }

        @Override
        public void start() {
            looksSinceStart.set(0);
            alive = true;
            starts.incrementAndGet();
        }

        @Override
        public boolean running() {
            if (flapping && looksSinceStart.incrementAndGet() > 1) {
                alive = false;
            }
            return alive;
        }
    }

    @Test
    void aLoopThatDiesAgainAfterEachRestartGetsNoPingUntilItStaysUp() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var flapping = new Flapping();
        try (var listener = DatagramListener.bind(dir.resolve("notify").toString());
             var notifier = ServiceManagerNotifier.fromEnvironment(
                     Map.of("NOTIFY_SOCKET", listener.address(), "WATCHDOG_USEC", "100000"), PID, Log.NONE)) {
            // a ping every 50 ms, a supervision look every 400 ms: the first look after a restart is a ping's, and finds it up
            var daemon = DaemonThread.withSubsystems(dir, "", (level, message) -> lines.add(message), flapping)
                    .superviseEvery(Duration.ofMillis(400)).notifying(notifier, MonotonicClock.system());
            var run = DaemonThread.start(daemon);
            listener.expect(0, Duration.ofSeconds(20), "READY=1", m -> m.startsWith("READY=1\n"));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (flapping.starts.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            int flappingFrom = listener.received().size();
            while (flapping.starts.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(flapping.starts.get() >= 5, "restarts: " + flapping.starts.get() + " " + lines);
            assertEquals(0, listener.count(flappingFrom, "WATCHDOG=1"::equals),
                    "pings while the loop dies after each restart: " + listener.received() + "\n" + lines);
            assertTrue(lines.contains("Watchdog ping withheld: Healthcheck subsystem not running"), lines.toString());

            flapping.flapping = false;
            listener.expect(flappingFrom, Duration.ofSeconds(10), "pings once the restarted loop stays up", "WATCHDOG=1"::equals);
            assertTrue(lines.contains("Every subsystem is running again - watchdog pings resumed"), lines.toString());
            run.post(SignalEvents.Request.STOP);
            assertEquals(0, run.exitWithin(Duration.ofSeconds(10)));
        }
    }
}
