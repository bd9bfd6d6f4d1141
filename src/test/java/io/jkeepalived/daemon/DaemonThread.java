package io.jkeepalived.daemon;

import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.common.Log;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.lifecycle.Subsystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Daemon} run on a thread of a test and driven by the requests its signals would post. */
final class DaemonThread {
    private final SignalEvents signals = new SignalEvents();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private DaemonThread(Daemon daemon) {
        thread = Thread.ofPlatform().start(() -> {
            try {
                exit.set(daemon.run(new String[0], signals));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * A foreground daemon ({@code -l -n -P}, pid files in {@code dir}) on a configuration of {@code globals} and a
     * router_id, written to {@code dir/k.conf}, running the given subsystems instead of VRRP and the checker.
     */
    static Daemon withSubsystems(Path dir, String globals, Log log, Subsystem... subsystems) throws IOException {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, globals + "global_defs {\n    router_id test\n}\n");
        var options = new RunOptions(conf, true, false, false, false, true, false, "LOG_DAEMON", Optional.empty(), true,
                OptionalInt.empty(), false, false, false, true, false, Optional.of(dir.resolve("k.pid")), Optional.of(dir.resolve("v.pid")),
                Optional.of(dir.resolve("c.pid")), Optional.of(dir.resolve("b.pid")), false, false, "");
        List<SubsystemFactory> factories = Arrays.stream(subsystems)
                .<SubsystemFactory>map(s -> (config, o, l) -> Optional.of(s)).toList();
        return new Daemon(options, log, (file, id, strict, sink) -> Optional.of(ConfigTest.load(file, id, strict,
                new DiagnosticSink())), factories, c -> List.of());
    }

    static DaemonThread start(Daemon daemon) {
        return new DaemonThread(daemon);
    }

    /** What SIGHUP, SIGTERM ... would ask for. */
    void post(SignalEvents.Request request) {
        signals.post(request);
    }

    /** Waits at most {@code timeout} for the daemon to end; its exit status, -1 while it still runs. */
    int exitWithin(Duration timeout) throws InterruptedException {
        thread.join(timeout);
        return exit.get();
    }
}
