package io.jkeepalived.daemon;

import io.jkeepalived.adapters.lvs.DataPlaneChoice;
import io.jkeepalived.cli.Background;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.cli.Subcommands;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.load.ConfigDump;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.load.LvsSettingsInForce;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.build.KeywordStatuses;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.daemon.log.DaemonLog;
import io.jkeepalived.daemon.log.LogFileNames;
import io.jkeepalived.daemon.log.SyslogTargets;
import io.jkeepalived.daemon.log.SyslogWriter;
import io.jkeepalived.tools.genhash.Genhash;
import io.jkeepalived.tools.lab.Lab;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real subsystems behind the command line. */
public final class StandardSubcommands implements Subcommands {
    private final List<SubsystemFactory> factories;

    /** keepalived's subsystems: VRRP and the health checker. */
    public StandardSubcommands() {
        this(Subsystems.standard());
    }

    /** Other subsystems (tests that need a loop they can kill in a real daemon process). */
    public StandardSubcommands(List<SubsystemFactory> factories) {
        this.factories = List.copyOf(factories);
    }

    @Override
    public int configTest(RunOptions options, Optional<Path> reportFile, PrintStream out, PrintStream err) {
        // keepalived checks inside its namespace (interfaces are looked up there): -s is entered here, the
        // configuration's net_namespace by ConfigTest once it has parsed the file (a missing one is its finding,
        // with its file and line)
        Optional<String> override = options.netNamespace();
        if (override.isPresent() && NamespaceEntry.exists(override.get())) {
            Optional<String> failure = NamespaceEntry.enter(override.get());
            if (failure.isPresent()) {
                err.println(failure.get());
                err.println("Unable to set network namespace " + override.get() + " - exiting");
                return 4;
            }
        } else if (override.isPresent()) {
            err.println("-s " + override.get() + ": no such network namespace (" + NetworkNamespace.named(override.get())
                    + ") - nothing checked");
            return 4;
        }
        java.util.function.Function<String, Optional<String>> enter = override.isPresent()
                ? name -> Optional.empty() : NamespaceEntry::enter;
        if (reportFile.isEmpty()) {
            return ConfigTest.run(options.configFile(), options.configId(), options.strictIncludes(), err, enter);
        }
        try (var report = new PrintStream(SafeFiles.append(reportFile.get(), FileUmask.beforeConfig(options)).asStream(),
                true, StandardCharsets.UTF_8)) {
            return ConfigTest.run(options.configFile(), options.configId(), options.strictIncludes(), report, enter);
        } catch (IOException e) {
            err.println("Unable to open config-test log file " + reportFile.get() + ": " + e.getMessage());
            return 4;
        }
    }

    @Override
    public int daemon(RunOptions options, String[] originalArgs, PrintStream out, PrintStream err) {
        Map<String, String> env = System.getenv();
        if (!options.noSyslog() && !SyslogTargets.syslogSocketPresent() && !options.logConsole() && options.logFile().isEmpty()) {
            err.println("jkeepalived: " + SyslogWriter.DEV_LOG + " is missing (no syslog daemon or journald?): log lines "
                    + "are lost until it appears; -l logs to the console, -g FILE to a file");
        }
        if (!options.dontFork()) {
            return Background.detach(originalArgs, err);
        }
        // before any log file or socket is open: on success this process starts again inside the namespace
        Optional<ParsedConfig> readAtStart = NamespaceEntry.readAtStart(options);
        Optional<String> namespace = NamespaceEntry.requested(options, readAtStart);
        Optional<String> namespaceFailure = namespace.flatMap(NamespaceEntry::enter);
        boolean json = "1".equals(env.get("JKEEPALIVED_LOG_JSON"));
        long pid = ProcessHandle.current().pid();
        var clock = Clock.systemDefaultZone();
        SyslogWriter syslog = options.noSyslog() ? null
                : new SyslogWriter(SyslogWriter.DEV_LOG, SyslogWriter.facility(options.logFacility()), clock, pid);
        // keepalived writes the console only in the foreground (-n -l); under systemd with stderr going to the
        // journal, the syslog lines already reach it: the console copy would double every line
        boolean console = options.logConsole() && !(syslog != null && SyslogTargets.stderrIsJournal(env));
        var targets = new DaemonLog.Targets(console ? err : null,
                options.logFile().map(f -> LogFileNames.base(f, env)).orElse(null),
                FileUmask.beforeConfig(options), true, syslog);
        try (var log = new DaemonLog(clock, options.logThreshold(), targets, json);
             var serviceManager = ServiceManagerNotifier.fromEnvironment(env, pid, log)) {
            if (namespaceFailure.isPresent()) {
                log.error(namespaceFailure.get());
                log.error("Unable to set network namespace " + namespace.get() + " - exiting");
                return Daemon.EXIT_FATAL;
            }
            var daemon = new Daemon(options, log, new StartLoader(options.configFile(), readAtStart),
                    factories, config -> ConfigDump.render(config, lvsSettingsInForce(config, options)))
                    .notifying(serviceManager, MonotonicClock.system());
            return daemon.run(originalArgs, new SignalEvents().install());
        } catch (IOException e) {
            if (syslog != null) {
                syslog.close();
            }
            err.println("jkeepalived: cannot open log file: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** -d shows only what the LVS backend this run would choose applies (asked only when there are virtual servers). */
    private static LvsSettingsInForce lvsSettingsInForce(KeepalivedConfig config, RunOptions options) {
        if (config.virtualServers().isEmpty()) {
            return LvsSettingsInForce.AS_CONFIGURED;
        }
        return DataPlaneChoice.settingsInForce(DataPlaneChoice.decide(options.lvsBackend(), DataPlaneChoice.Host.probe()));
    }

    @Override
    public int genhash(String[] args, PrintStream out, PrintStream err) {
        return Genhash.run("genhash", args, out, err);
    }

    @Override
    public int lab(String[] args, PrintStream out, PrintStream err) {
        return Lab.main(args, out, err);
    }

    @Override
    public int dumpKeywords(PrintStream out) {
        KeywordStatuses.dumpLines().forEach(out::println);
        return 0;
    }
}
