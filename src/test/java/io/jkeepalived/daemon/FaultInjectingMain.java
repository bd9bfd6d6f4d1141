package io.jkeepalived.daemon;

import io.jkeepalived.cli.CommandLine;
import io.jkeepalived.common.ThreadWatch;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.lifecycle.Subsystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The real daemon (io.jkeepalived.Main's command line, VRRP and the checker) plus one more supervised subsystem
 * whose loop thread dies - through its ThreadWatch, as a VRRP or checker loop dies - whenever the file named by
 * the {@code jkeepalived.test.fault} system property exists, and dies again after each restart while it does.
 * A test creates the file to have a loop that stays dead in a real daemon process.
 */
public final class FaultInjectingMain {
    private FaultInjectingMain() {
    }

    public static void main(String[] args) {
        Path trigger = Path.of(System.getProperty("jkeepalived.test.fault"));
        var factories = new ArrayList<>(Subsystems.standard());
        factories.add((config, options, log) -> Optional.of(new Faulty(trigger)));
        System.exit(CommandLine.run(args, System.out, System.err, new StandardSubcommands(factories)));
    }

    /** A loop that polls for the trigger file and dies (an Error, as a real loop bug would) when it is there. */
    static final class Faulty implements Subsystem {
        private final Path trigger;
        private volatile ThreadWatch watch;
        private volatile boolean stopping;
        private Thread thread;

        Faulty(Path trigger) {
            this.trigger = trigger;
        }

        @Override
        public String name() {
            return "Fault-injection";
        }

        @Override
        public synchronized void start() {
            stopping = false;
            watch = new ThreadWatch(d -> System.err.println("fault-injection loop " + d.describe()));
            thread = watch.start("fault-injection", true, () -> {
                while (!stopping) {
                    if (Files.exists(trigger)) {
                        throw new AssertionError("injected: " + trigger + " exists");
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public synchronized void stop() {
            stopping = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public void reload(KeepalivedConfig config) {
        }

        @Override
        public boolean running() {
            ThreadWatch w = watch;
            return w != null && w.alive() && thread.isAlive();
        }
    }
}
