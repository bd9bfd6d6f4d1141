package io.jkeepalived.cli;

import io.jkeepalived.common.Log;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The daemon's settings from the command line, with keepalived's defaults. The pid files are only those given with
 * -p/-r/-c/-b: where the others go depends on the configuration too (daemon.PidPaths).
 */
public record RunOptions(
        Path configFile,
        boolean vrrpOnly,
        boolean checkOnly,
        boolean noBfd,
        boolean allSubsystems,
        boolean logConsole,
        boolean logDetail,
        String logFacility,
        Optional<Path> logFile,
        boolean noSyslog,
        OptionalInt umask,
        boolean releaseVipsOnSignal,
        boolean dontReleaseVrrp,
        boolean dontReleaseIpvs,
        boolean dontFork,
        boolean dumpConf,
        Optional<Path> pidFile,
        Optional<Path> vrrpPidFile,
        Optional<Path> checkersPidFile,
        Optional<Path> bfdPidFile,
        boolean addressMonitoring,
        boolean strictIncludes,
        String configId,
        Optional<String> lvsBackend,
        Optional<Log.Level> logLevel,
        Optional<String> netNamespace) {

    /** Without {@code -s}: the configuration's {@code net_namespace}, if any. */
    public RunOptions(Path configFile, boolean vrrpOnly, boolean checkOnly, boolean noBfd, boolean allSubsystems,
                      boolean logConsole, boolean logDetail, String logFacility, Optional<Path> logFile, boolean noSyslog,
                      OptionalInt umask, boolean releaseVipsOnSignal, boolean dontReleaseVrrp, boolean dontReleaseIpvs,
                      boolean dontFork, boolean dumpConf, Optional<Path> pidFile, Optional<Path> vrrpPidFile,
                      Optional<Path> checkersPidFile, Optional<Path> bfdPidFile,
                      boolean addressMonitoring, boolean strictIncludes, String configId, Optional<String> lvsBackend,
                      Optional<Log.Level> logLevel) {
        this(configFile, vrrpOnly, checkOnly, noBfd, allSubsystems, logConsole, logDetail, logFacility, logFile, noSyslog, umask,
                releaseVipsOnSignal, dontReleaseVrrp, dontReleaseIpvs, dontFork, dumpConf, pidFile, vrrpPidFile, checkersPidFile,
                bfdPidFile, addressMonitoring, strictIncludes, configId, lvsBackend, logLevel, Optional.empty());
    }

    /** Without {@code --lvs-backend}: the data plane is chosen from what the kernel has. */
    public RunOptions(Path configFile, boolean vrrpOnly, boolean checkOnly, boolean noBfd, boolean allSubsystems,
                      boolean logConsole, boolean logDetail, String logFacility, Optional<Path> logFile, boolean noSyslog,
                      OptionalInt umask, boolean releaseVipsOnSignal, boolean dontReleaseVrrp, boolean dontReleaseIpvs,
                      boolean dontFork, boolean dumpConf, Optional<Path> pidFile, Optional<Path> vrrpPidFile,
                      Optional<Path> checkersPidFile, Optional<Path> bfdPidFile,
                      boolean addressMonitoring, boolean strictIncludes, String configId) {
        this(configFile, vrrpOnly, checkOnly, noBfd, allSubsystems, logConsole, logDetail, logFacility, logFile, noSyslog, umask,
                releaseVipsOnSignal, dontReleaseVrrp, dontReleaseIpvs, dontFork, dumpConf, pidFile, vrrpPidFile, checkersPidFile,
                bfdPidFile, addressMonitoring, strictIncludes, configId, Optional.empty(), Optional.empty());
    }

    /** Without {@code --log-level}: info, or debug with {@code -D}. */
    public RunOptions(Path configFile, boolean vrrpOnly, boolean checkOnly, boolean noBfd, boolean allSubsystems,
                      boolean logConsole, boolean logDetail, String logFacility, Optional<Path> logFile, boolean noSyslog,
                      OptionalInt umask, boolean releaseVipsOnSignal, boolean dontReleaseVrrp, boolean dontReleaseIpvs,
                      boolean dontFork, boolean dumpConf, Optional<Path> pidFile, Optional<Path> vrrpPidFile,
                      Optional<Path> checkersPidFile, Optional<Path> bfdPidFile,
                      boolean addressMonitoring, boolean strictIncludes, String configId, Optional<String> lvsBackend) {
        this(configFile, vrrpOnly, checkOnly, noBfd, allSubsystems, logConsole, logDetail, logFacility, logFile, noSyslog, umask,
                releaseVipsOnSignal, dontReleaseVrrp, dontReleaseIpvs, dontFork, dumpConf, pidFile, vrrpPidFile, checkersPidFile,
                bfdPidFile, addressMonitoring, strictIncludes, configId, lvsBackend, Optional.empty());
    }

    public static final Path DEFAULT_CONFIG = Path.of("/etc/keepalived/keepalived.conf");

    /** The least severe level logged: {@code --log-level}, else debug with {@code -D}, else info. */
    public Log.Level logThreshold() {
        return logLevel.orElse(logDetail ? Log.Level.DEBUG : Log.Level.INFO);
    }

    /** Runs the VRRP subsystem unless {@code -C} alone was given. */
    public boolean runVrrp() {
        return vrrpOnly || !checkOnly;
    }

    /** Runs the checker subsystem unless {@code -P} alone was given. */
    public boolean runChecker() {
        return checkOnly || !vrrpOnly;
    }
}
