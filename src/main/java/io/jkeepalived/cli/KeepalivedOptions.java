package io.jkeepalived.cli;

import static io.jkeepalived.cli.ArgKind.NONE;
import static io.jkeepalived.cli.ArgKind.OPTIONAL;
import static io.jkeepalived.cli.ArgKind.REQUIRED;

import java.util.List;

/** keepalived 2.2.7's options (FEATURES.md §a.2), plus jkeepalived's own, as data. */
public final class KeepalivedOptions {
    private KeepalivedOptions() {
    }

    public static final OptionSpec USE_FILE = new OptionSpec('f', "use-file", REQUIRED);
    public static final OptionSpec VRRP = new OptionSpec('P', "vrrp", NONE);
    public static final OptionSpec CHECK = new OptionSpec('C', "check", NONE);
    public static final OptionSpec NO_BFD = new OptionSpec('B', "no_bfd", NONE);
    public static final OptionSpec ALL = new OptionSpec((char) 0, "all", NONE);
    public static final OptionSpec LOG_CONSOLE = new OptionSpec('l', "log-console", NONE);
    public static final OptionSpec LOG_DETAIL = new OptionSpec('D', "log-detail", NONE);
    public static final OptionSpec LOG_FACILITY = new OptionSpec('S', "log-facility", REQUIRED);
    public static final OptionSpec LOG_FILE = new OptionSpec('g', "log-file", OPTIONAL);
    public static final OptionSpec FLUSH_LOG_FILE = new OptionSpec((char) 0, "flush-log-file", NONE);
    public static final OptionSpec NO_SYSLOG = new OptionSpec('G', "no-syslog", NONE);
    public static final OptionSpec UMASK = new OptionSpec('u', "umask", REQUIRED);
    public static final OptionSpec RELEASE_VIPS = new OptionSpec('X', "release-vips", NONE);
    public static final OptionSpec DONT_RELEASE_VRRP = new OptionSpec('V', "dont-release-vrrp", NONE);
    public static final OptionSpec DONT_RELEASE_IPVS = new OptionSpec('I', "dont-release-ipvs", NONE);
    public static final OptionSpec DONT_RESPAWN = new OptionSpec('R', "dont-respawn", NONE);
    public static final OptionSpec DONT_FORK = new OptionSpec('n', "dont-fork", NONE);
    public static final OptionSpec DUMP_CONF = new OptionSpec('d', "dump-conf", NONE);
    public static final OptionSpec PID = new OptionSpec('p', "pid", REQUIRED);
    public static final OptionSpec VRRP_PID = new OptionSpec('r', "vrrp_pid", REQUIRED);
    public static final OptionSpec CHECKERS_PID = new OptionSpec('c', "checkers_pid", REQUIRED);
    public static final OptionSpec BFD_PID = new OptionSpec('b', "bfd_pid", REQUIRED);
    public static final OptionSpec GENHASH = new OptionSpec('T', "genhash", NONE);
    public static final OptionSpec ADDRESS_MONITORING = new OptionSpec('a', "address-monitoring", NONE);
    public static final OptionSpec SNMP = new OptionSpec('x', "snmp", NONE);
    public static final OptionSpec SNMP_AGENT_SOCKET = new OptionSpec('A', "snmp-agent-socket", REQUIRED);
    public static final OptionSpec NAMESPACE = new OptionSpec('s', "namespace", REQUIRED);
    public static final OptionSpec CORE_DUMP = new OptionSpec('m', "core-dump", NONE);
    public static final OptionSpec CORE_DUMP_PATTERN = new OptionSpec('M', "core-dump-pattern", OPTIONAL);
    public static final OptionSpec ALL_CONFIG = new OptionSpec('e', "all-config", NONE);
    public static final OptionSpec CONFIG_ID = new OptionSpec('i', "config-id", REQUIRED);
    public static final OptionSpec SIGNUM = new OptionSpec((char) 0, "signum", REQUIRED);
    public static final OptionSpec CONFIG_TEST = new OptionSpec('t', "config-test", OPTIONAL);
    public static final OptionSpec CONFIG_FD = new OptionSpec((char) 0, "config-fd", REQUIRED);
    public static final OptionSpec IGNORE_SIGINT = new OptionSpec((char) 0, "ignore-sigint", NONE);
    public static final OptionSpec PERF = new OptionSpec((char) 0, "perf", OPTIONAL);
    public static final OptionSpec DEBUG = new OptionSpec((char) 0, "debug", OPTIONAL);
    public static final OptionSpec NO_MEM_CHECK = new OptionSpec((char) 0, "no-mem-check", NONE);
    public static final OptionSpec MEM_CHECK_LOG = new OptionSpec('L', "mem-check-log", NONE);
    public static final OptionSpec OPENSSL_MEM_CHECK = new OptionSpec((char) 0, "openssl-mem-check", NONE);
    public static final OptionSpec VERSION = new OptionSpec('v', "version", NONE);
    public static final OptionSpec HELP = new OptionSpec('h', "help", NONE);
    // jkeepalived's own
    public static final OptionSpec DUMP_KEYWORDS = new OptionSpec((char) 0, "dump-keywords", NONE);
    public static final OptionSpec LVS_BACKEND = new OptionSpec((char) 0, "lvs-backend", REQUIRED);
    public static final OptionSpec LOG_LEVEL = new OptionSpec((char) 0, "log-level", REQUIRED);

    public static final List<OptionSpec> ALL_OPTIONS = List.of(USE_FILE, VRRP, CHECK, NO_BFD, ALL, LOG_CONSOLE,
            LOG_DETAIL, LOG_FACILITY, LOG_FILE, FLUSH_LOG_FILE, NO_SYSLOG, UMASK, RELEASE_VIPS, DONT_RELEASE_VRRP,
            DONT_RELEASE_IPVS, DONT_RESPAWN, DONT_FORK, DUMP_CONF, PID, VRRP_PID, CHECKERS_PID, BFD_PID, GENHASH,
            ADDRESS_MONITORING, SNMP, SNMP_AGENT_SOCKET, NAMESPACE, CORE_DUMP, CORE_DUMP_PATTERN, ALL_CONFIG,
            CONFIG_ID, SIGNUM, CONFIG_TEST, CONFIG_FD, IGNORE_SIGINT, PERF, DEBUG, NO_MEM_CHECK, MEM_CHECK_LOG,
            OPENSSL_MEM_CHECK, VERSION, HELP, DUMP_KEYWORDS, LVS_BACKEND, LOG_LEVEL);

    public static final String HELP_TEXT = """
            Usage: keepalived [OPTION...]
              -f, --use-file=FILE          Use the specified configuration file
                                            default '/etc/keepalived/keepalived.conf'
              -P, --vrrp                   Only run with VRRP subsystem
              -C, --check                  Only run with Health-checker subsystem
              -B, --no_bfd                 Don't run BFD subsystem
                  --all                    Force all child processes to run, even if have no configuration
              -l, --log-console            Log messages to local console
              -D, --log-detail             Detailed log messages
              -S, --log-facility=([0-7]|local[0-7]|user|daemon)
                                           Set syslog facility to LOG_LOCAL[0-7], user or daemon (default)
              -g, --log-file=FILE          Also log to FILE (default /tmp/keepalived.log)
                  --flush-log-file         Flush log file on write
              -G, --no-syslog              Don't log via syslog
              -u, --umask=MASK             umask for file creation (in numeric form)
              -X, --release-vips           Drop VIP on transition from signal.
              -V, --dont-release-vrrp      Don't remove VRRP VIPs and VROUTEs on daemon stop
              -I, --dont-release-ipvs      Don't remove IPVS topology on daemon stop
              -R, --dont-respawn           Don't respawn child processes
              -n, --dont-fork              Don't fork the daemon process
              -d, --dump-conf              Dump the configuration data
              -p, --pid=FILE               Use specified pidfile for parent process
              -r, --vrrp_pid=FILE          Use specified pidfile for VRRP child process
              -T, --genhash                Enter into genhash utility mode (this should be the first option used).
              -c, --checkers_pid=FILE      Use specified pidfile for checkers child process
              -a, --address-monitoring     Report all address additions/deletions notified via netlink
              -b, --bfd_pid=FILE           Use specified pidfile for BFD child process
              -x, --snmp                   Enable SNMP subsystem
              -A, --snmp-agent-socket=FILE Use the specified socket for master agent
              -s, --namespace=NAME         Run in network namespace NAME (overrides config)
              -m, --core-dump              Produce core dump if terminate abnormally
              -M, --core-dump-pattern=PATN Also set /proc/sys/kernel/core_pattern to PATN (default 'core')
              -e, --all-config             Error if any configuration file missing (same as includet)
              -i, --config-id id           Skip any configuration lines beginning '@' that don't match id
                                            or any lines beginning @^ that do match.
                                            The config-id defaults to the node name if option not used
                  --signum=SIGFUNC         Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON
              -t, --config-test[=LOG_FILE] Check the configuration for obvious errors, output to
                                            stderr by default
              -v, --version                Display the version number
              -h, --help                   Display this help message

            jkeepalived additions:
                  --dump-keywords          List every configuration keyword jkeepalived knows
                  --lvs-backend=ipvs|nftables
                                           Program virtual servers into IPVS or nftables
                                            (default: IPVS when the kernel has it, else nftables)
                  --log-level=LEVEL        Log only lines at LEVEL or more severe: err, warning, notice,
                                            info (default), debug (default with -D)
              lab                          Build a two-node VRRP lab in network namespaces and show a failover
              genhash ARGS...              Same as -T ARGS...
            """;
}
