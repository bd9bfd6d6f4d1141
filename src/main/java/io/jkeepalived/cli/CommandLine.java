package io.jkeepalived.cli;

import static io.jkeepalived.cli.KeepalivedOptions.*;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * keepalived's command line: parses it with getopt's rules and dispatches to the config test, the dumps,
 * genhash, the lab, or the daemon. Options whose subsystem jkeepalived does not have say so in one line.
 */
public final class CommandLine {
    public static final String VERSION_LINE = "Keepalived v2.2.7 (01/16,2022) - jkeepalived 0.1.0";

    /** {@code --signum} names and Linux signal numbers, as keepalived prints them. */
    private static final Map<String, Integer> SIGNALS = Map.of(
            "STOP", 15, "RELOAD", 1, "DATA", 10, "STATS", 12, "STATS_CLEAR", 63, "JSON", 36);

    /** Options accepted for compatibility whose subsystem jkeepalived does not have (yet). */
    private static final Map<OptionSpec, String> NOT_AVAILABLE = Map.ofEntries(
            Map.entry(SNMP, "SNMP subsystem is not available in jkeepalived; option ignored"),
            Map.entry(SNMP_AGENT_SOCKET, "SNMP subsystem is not available in jkeepalived; option ignored"),
            Map.entry(BFD_PID, "BFD subsystem is not available in jkeepalived; option ignored"),
            Map.entry(CORE_DUMP, "core dumps do not apply to the JVM; option ignored"),
            Map.entry(CORE_DUMP_PATTERN, "core dumps do not apply to the JVM; option ignored"),
            Map.entry(DONT_RESPAWN, "jkeepalived runs its subsystems in one supervised process; nothing to respawn"),
            Map.entry(CONFIG_FD, "internal keepalived option; ignored"),
            Map.entry(PERF, "perf recording is not available in jkeepalived; option ignored"),
            Map.entry(DEBUG, "keepalived's debug builds' options are not available; option ignored"),
            Map.entry(NO_MEM_CHECK, "keepalived's memory checker does not apply to the JVM; option ignored"),
            Map.entry(MEM_CHECK_LOG, "keepalived's memory checker does not apply to the JVM; option ignored"),
            Map.entry(OPENSSL_MEM_CHECK, "keepalived's memory checker does not apply to the JVM; option ignored"),
            Map.entry(IGNORE_SIGINT, "accepted; SIGINT still stops jkeepalived"),
            Map.entry(NO_BFD, "jkeepalived has no BFD subsystem; nothing to disable"));

    private CommandLine() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Subcommands sub) {
        if (args.length > 0 && (args[0].equals("genhash") || args[0].equals("-T") || args[0].equals("--genhash"))) {
            return sub.genhash(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("lab")) {
            return sub.lab(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Getopt.Result parsed;
        try {
            parsed = new Getopt(ALL_OPTIONS).parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 1;
        }
        List<ParsedOption> opts = parsed.options();
        for (var o : opts) {
            if (o.spec() == HELP) {
                out.print(HELP_TEXT);
                return 0;
            }
            if (o.spec() == VERSION) {
                out.println(VERSION_LINE);
                out.println();
                out.println("jkeepalived: keepalived re-built on JDK " + Runtime.version().feature()
                        + " (running on " + System.getProperty("java.vm.name") + " " + Runtime.version() + ")");
                return 0;
            }
            if (o.spec() == SIGNUM) {
                String name = o.value().orElse("");
                Integer n = SIGNALS.get(name);
                if (n == null) {
                    err.println("Unknown sigfunc " + name);
                    return 1;
                }
                out.println(n);
                return 0;
            }
            if (o.spec() == GENHASH) {
                err.println("-T/--genhash must be the first option");
                return 1;
            }
            if (o.spec() == DUMP_KEYWORDS) {
                return sub.dumpKeywords(out);
            }
        }
        for (String operand : parsed.operands()) {
            err.println("jkeepalived: ignoring unexpected argument '" + operand + "'");
        }
        for (var o : opts) {
            String why = NOT_AVAILABLE.get(o.spec());
            if (why != null) {
                err.println("jkeepalived: " + o.spec().displayName() + ": " + why);
            }
        }
        RunOptions run;
        try {
            run = toRunOptions(opts);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 1;
        }
        Optional<ParsedOption> test = opts.stream().filter(o -> o.spec() == CONFIG_TEST).reduce((a, b) -> b);
        if (test.isPresent()) {
            return sub.configTest(run, test.get().value().map(Path::of), out, err);
        }
        return sub.daemon(run, args, out, err);
    }

    static RunOptions toRunOptions(List<ParsedOption> opts) throws UsageException {
        Path config = RunOptions.DEFAULT_CONFIG;
        boolean vrrp = false, check = false, noBfd = false, all = false, console = false, detail = false;
        boolean noSyslog = false, releaseVips = false, keepVrrp = false, keepIpvs = false, noFork = false;
        boolean dump = false, addrMon = false, strict = false;
        String facility = "daemon";
        Optional<Path> logFile = Optional.empty();
        OptionalInt umask = OptionalInt.empty();
        Optional<Path> pid = Optional.empty();
        Optional<Path> vrrpPid = Optional.empty();
        Optional<Path> checkPid = Optional.empty();
        Optional<Path> bfdPid = Optional.empty();
        String configId = defaultConfigId();
        Optional<String> lvsBackend = Optional.empty();
        Optional<io.jkeepalived.common.Log.Level> logLevel = Optional.empty();
        Optional<String> namespace = Optional.empty();
        for (var o : opts) {
            OptionSpec s = o.spec();
            String v = o.value().orElse(null);
            if (s == USE_FILE) config = Path.of(v);
            else if (s == VRRP) vrrp = true;
            else if (s == CHECK) check = true;
            else if (s == NO_BFD) noBfd = true;
            else if (s == ALL) all = true;
            else if (s == LOG_CONSOLE) console = true;
            else if (s == LOG_DETAIL) detail = true;
            else if (s == LOG_FACILITY) facility = checkFacility(v);
            else if (s == LOG_FILE) logFile = Optional.of(Path.of(v == null || v.isEmpty() ? "keepalived.log" : v));  // in $TMPDIR
            else if (s == NO_SYSLOG) noSyslog = true;
            else if (s == UMASK) umask = OptionalInt.of(parseUmask(v));
            else if (s == RELEASE_VIPS) releaseVips = true;
            else if (s == DONT_RELEASE_VRRP) keepVrrp = true;
            else if (s == DONT_RELEASE_IPVS) keepIpvs = true;
            else if (s == DONT_FORK) noFork = true;
            else if (s == DUMP_CONF) dump = true;
            else if (s == PID) pid = Optional.of(Path.of(v));
            else if (s == VRRP_PID) vrrpPid = Optional.of(Path.of(v));
            else if (s == CHECKERS_PID) checkPid = Optional.of(Path.of(v));
            else if (s == BFD_PID) bfdPid = Optional.of(Path.of(v));
            else if (s == ADDRESS_MONITORING) addrMon = true;
            else if (s == ALL_CONFIG) strict = true;
            else if (s == CONFIG_ID) configId = v;
            else if (s == LVS_BACKEND) lvsBackend = Optional.of(checkBackend(v));
            else if (s == LOG_LEVEL) logLevel = Optional.of(logLevel(v));
            else if (s == NAMESPACE) namespace = Optional.of(checkNamespace(v));
        }
        return new RunOptions(config, vrrp, check, noBfd, all, console, detail, facility, logFile, noSyslog, umask,
                releaseVips, keepVrrp, keepIpvs, noFork, dump, pid, vrrpPid, checkPid, bfdPid, addrMon, strict,
                configId, lvsBackend, logLevel, namespace);
    }

    /** A name under /run/netns: no path separators (it becomes a file name there and under /run/keepalived). */
    private static String checkNamespace(String v) throws UsageException {
        if (v.isEmpty() || v.contains("/") || v.equals(".") || v.equals("..")) {
            throw new UsageException("Invalid network namespace name '" + v + "'");
        }
        return v;
    }

    private static String checkBackend(String v) throws UsageException {
        if (v.equals("ipvs") || v.equals("nftables")) {
            return v;
        }
        throw new UsageException("Invalid --lvs-backend '" + v + "' (ipvs or nftables)");
    }

    /** syslog's level names (and numbers 0-7); emerg, alert and crit mean err: we log nothing more severe. */
    static io.jkeepalived.common.Log.Level logLevel(String v) throws UsageException {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "0", "1", "2", "3", "emerg", "alert", "crit", "err", "error" -> io.jkeepalived.common.Log.Level.ERROR;
            case "4", "warning", "warn" -> io.jkeepalived.common.Log.Level.WARNING;
            case "5", "notice" -> io.jkeepalived.common.Log.Level.NOTICE;
            case "6", "info" -> io.jkeepalived.common.Log.Level.INFO;
            case "7", "debug" -> io.jkeepalived.common.Log.Level.DEBUG;
            default -> throw new UsageException("Invalid --log-level '" + v + "' (err, warning, notice, info or debug)");
        };
    }

    private static String checkFacility(String v) throws UsageException {
        if (v.matches("[0-7]|local[0-7]|user|daemon")) {
            return v;
        }
        throw new UsageException("Invalid log facility '" + v + "'");
    }

    private static int parseUmask(String v) throws UsageException {
        try {
            return Integer.decode(v.startsWith("0") && v.length() > 1 && !v.startsWith("0x") ? "0" + v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid umask '" + v + "'");
        }
    }

    /** keepalived's default config-id: the node name up to the first dot. */
    static String defaultConfigId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isEmpty()) {
            try {
                host = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : host;
    }
}
