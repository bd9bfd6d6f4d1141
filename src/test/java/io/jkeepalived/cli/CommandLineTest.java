package io.jkeepalived.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    /** Records what the command line dispatched to instead of running it. */
    static final class Recorder implements Subcommands {
        final List<String> calls = new ArrayList<>();
        RunOptions options;
        Optional<Path> report;

        @Override
        public int configTest(RunOptions o, Optional<Path> r, PrintStream out, PrintStream err) {
            calls.add("configTest");
            options = o;
            report = r;
            return 0;
        }

        @Override
        public int daemon(RunOptions o, String[] a, PrintStream out, PrintStream err) {
            calls.add("daemon");
            options = o;
            return 0;
        }

        @Override
        public int genhash(String[] a, PrintStream out, PrintStream err) {
            calls.add("genhash " + String.join(" ", a));
            return 0;
        }

        @Override
        public int lab(String[] a, PrintStream out, PrintStream err) {
            calls.add("lab");
            return 0;
        }

        @Override
        public int dumpKeywords(PrintStream out) {
            calls.add("keywords");
            return 0;
        }
    }

    record Run(int exit, String out, String err, Recorder rec) {
    }

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var rec = new Recorder();
        int exit = CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), rec);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), rec);
    }

    @Test
    void clusteredShortOptionsAndAttachedValues() {
        var r = run("-nlDPf/tmp/k.conf", "-p", "/tmp/p.pid");
        assertEquals(List.of("daemon"), r.rec().calls);
        var o = r.rec().options;
        assertTrue(o.dontFork() && o.logConsole() && o.logDetail() && o.vrrpOnly());
        assertEquals(Path.of("/tmp/k.conf"), o.configFile());
        assertEquals(Optional.of(Path.of("/tmp/p.pid")), o.pidFile());
        assertTrue(o.runVrrp());
        assertFalse(o.runChecker());
    }

    @Test
    void logLevelIsOursAndDashDMeansDebugWithoutIt() {
        assertEquals(io.jkeepalived.common.Log.Level.INFO, run("-n").rec().options.logThreshold());
        assertEquals(io.jkeepalived.common.Log.Level.DEBUG, run("-n", "-D").rec().options.logThreshold());
        assertEquals(io.jkeepalived.common.Log.Level.WARNING, run("-n", "-D", "--log-level=warning").rec().options.logThreshold());
        assertEquals(io.jkeepalived.common.Log.Level.ERROR, run("-n", "--log-level", "3").rec().options.logThreshold());
        assertEquals(io.jkeepalived.common.Log.Level.DEBUG, run("-n", "--log-level=debug").rec().options.logThreshold());
        var bad = run("-n", "--log-level=loud");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("Invalid --log-level 'loud'"), bad.err());
        assertTrue(run("-h").out().contains("--log-level=LEVEL"));
    }

    @Test
    void configTestValueOnlyWhenAttached() {
        var r = run("-t", "-f", "x.conf");
        assertEquals(List.of("configTest"), r.rec().calls);
        assertEquals(Optional.empty(), r.rec().report);
        assertEquals(Path.of("x.conf"), r.rec().options.configFile());
        var r2 = run("--config-test=/tmp/log", "--use-file", "y.conf");
        assertEquals(Optional.of(Path.of("/tmp/log")), r2.rec().report);
        assertEquals(Path.of("y.conf"), r2.rec().options.configFile());
        var r3 = run("-t/tmp/log2");
        assertEquals(Optional.of(Path.of("/tmp/log2")), r3.rec().report);
    }

    @Test
    void longOptionPrefixesLikeGetoptLong() {
        var r = run("--dont-f", "--log-con", "--vrrp_p=/tmp/v.pid");
        var o = r.rec().options;
        assertTrue(o.dontFork() && o.logConsole());
        assertEquals(Optional.of(Path.of("/tmp/v.pid")), o.vrrpPidFile());
        assertEquals(1, run("--dump").exit(), "ambiguous: --dump-conf / --dump-keywords");
    }

    @Test
    void unknownOptionsAndMissingValuesUseKeepalivedsWords() {
        assertEquals("Unknown option -Z\n", run("-Z").err());
        assertEquals(1, run("-Z").exit());
        assertEquals("Unknown option --bogus\n", run("--bogus").err());
        assertEquals("Missing parameter for option -f\n", run("-f").err());
        assertEquals(1, run("-f").exit());
    }

    @Test
    void signumPrintsKeepalivedsNumbers() {
        assertEquals("15\n", run("--signum=STOP").out());
        assertEquals("1\n", run("--signum=RELOAD").out());
        assertEquals("10\n", run("--signum=DATA").out());
        assertEquals("12\n", run("--signum=STATS").out());
        assertEquals("63\n", run("--signum=STATS_CLEAR").out());
        assertEquals("36\n", run("--signum=JSON").out());
        var bad = run("--signum=FOO");
        assertEquals(1, bad.exit());
        assertEquals("Unknown sigfunc FOO\n", bad.err());
    }

    @Test
    void helpAndVersion() {
        var h = run("--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().startsWith("Usage: keepalived [OPTION...]\n  -f, --use-file=FILE"));
        assertTrue(h.out().contains("--signum=SIGFUNC"));
        var v = run("-v");
        assertTrue(v.out().startsWith("Keepalived v2.2.7"));
    }

    @Test
    void everyKeepalivedOptionIsAccepted() {
        String[] args = {"-f", "a", "-P", "-C", "-B", "--all", "-l", "-D", "-S", "local3", "-g/tmp/l", "--flush-log-file",
                "-G", "-u", "0177", "-X", "-V", "-I", "-R", "-n", "-d", "-p", "p", "-r", "r", "-c", "c", "-b", "b", "-a",
                "-x", "-A", "s", "-s", "ns", "-m", "-Mcore", "-e", "-i", "id", "--config-fd=3", "--ignore-sigint",
                "--perf=run", "--debug", "--no-mem-check", "-L", "--openssl-mem-check"};
        var r = run(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("daemon"), r.rec().calls);
        var o = r.rec().options;
        assertEquals("id", o.configId());
        assertEquals(0177, o.umask().getAsInt());
        assertTrue(o.strictIncludes());
        // Each option whose subsystem we lack says so in exactly one line.
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("jkeepalived: -x:")).count());
        assertFalse(r.err().contains("jkeepalived: -s: "), "-s is applied: " + r.err());
        assertEquals(java.util.Optional.of("ns"), o.netNamespace());
    }

    @Test
    void genhashAndLabAreSubcommands() {
        assertEquals(List.of("genhash -s 192.0.2.1 -u /"), run("-T", "-s", "192.0.2.1", "-u", "/").rec().calls);
        assertEquals(List.of("genhash -s x"), run("genhash", "-s", "x").rec().calls);
        assertEquals(List.of("lab"), run("lab").rec().calls);
        assertEquals(List.of("keywords"), run("--dump-keywords").rec().calls);
    }
}
