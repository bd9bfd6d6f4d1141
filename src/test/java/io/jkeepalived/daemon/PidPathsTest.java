package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.cli.CommandLine;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.model.RootOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's pid file names (main.c, pidfile.h) for each combination of root keywords and -p/-r/-c. */
class PidPathsTest {
    @Test
    void defaultsWithoutPidDir() {
        var p = PidPaths.of(options(), root(false, null, null));
        assertEquals(new PidPaths(Path.of("/run/keepalived.pid"), Path.of("/run/keepalived_vrrp.pid"),
                Path.of("/run/keepalived_checkers.pid"), Optional.empty()), p);
    }

    @Test
    void usePidDirPutsThemUnderRunKeepalived() {
        var p = PidPaths.of(options(), root(true, null, null));
        assertEquals(List.of(Path.of("/run/keepalived/keepalived.pid"), Path.of("/run/keepalived/vrrp.pid"),
                Path.of("/run/keepalived/checkers.pid")), List.of(p.main(), p.vrrp(), p.checkers()));
        assertEquals(Optional.of(Path.of("/run/keepalived")), p.directory());
    }

    @Test
    void anInstanceNamesItsFiles() {
        var p = PidPaths.of(options(), root(false, "web", null));
        assertEquals(List.of(Path.of("/run/keepalived/keepalived_web.pid"), Path.of("/run/keepalived/vrrp_web.pid"),
                Path.of("/run/keepalived/checkers_web.pid")), List.of(p.main(), p.vrrp(), p.checkers()));
    }

    @Test
    void aNamespaceGetsItsOwnDirectory() {
        var p = PidPaths.of(options(), root(false, "web", "blue"));
        assertEquals(List.of(Path.of("/run/keepalived/blue/keepalived_web.pid"), Path.of("/run/keepalived/blue/vrrp_web.pid"),
                Path.of("/run/keepalived/blue/checkers_web.pid")), List.of(p.main(), p.vrrp(), p.checkers()));
        assertEquals(Optional.of(Path.of("/run/keepalived/blue")), p.directory());
    }

    @Test
    void theCommandLineWins() {
        var p = PidPaths.of(options("-p", "/tmp/k.pid", "-r", "/tmp/v.pid"), root(false, null, "blue"));
        assertEquals(List.of(Path.of("/tmp/k.pid"), Path.of("/tmp/v.pid"), Path.of("/run/keepalived/blue/checkers.pid")),
                List.of(p.main(), p.vrrp(), p.checkers()));
    }

    @Test
    void theDefaultPathGivenOnTheCommandLineIsKeptToo() {
        var p = PidPaths.of(options("-p", "/run/keepalived.pid"), root(false, "web", null));
        assertEquals(List.of(Path.of("/run/keepalived.pid"), Path.of("/run/keepalived/vrrp_web.pid"),
                Path.of("/run/keepalived/checkers_web.pid")), List.of(p.main(), p.vrrp(), p.checkers()));
    }

    private static RunOptions options(String... args) {
        var captured = new RunOptions[1];
        var sub = new io.jkeepalived.cli.Subcommands() {
            @Override
            public int configTest(RunOptions o, Optional<Path> report, java.io.PrintStream out, java.io.PrintStream err) {
                return 0;
            }

            @Override
            public int daemon(RunOptions o, String[] original, java.io.PrintStream out, java.io.PrintStream err) {
                captured[0] = o;
                return 0;
            }

            @Override
            public int genhash(String[] a, java.io.PrintStream out, java.io.PrintStream err) {
                return 0;
            }

            @Override
            public int lab(String[] a, java.io.PrintStream out, java.io.PrintStream err) {
                return 0;
            }

            @Override
            public int dumpKeywords(java.io.PrintStream out) {
                return 0;
            }
        };
        var sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        CommandLine.run(args, sink, sink, sub);
        return captured[0];
    }

    private static RootOptions root(boolean usePidDir, String instance, String namespace) {
        return new RootOptions(Optional.ofNullable(namespace), Optional.empty(), false, usePidDir,
                Optional.ofNullable(instance), Duration.ofSeconds(5), false);
    }
}
