package io.jkeepalived.daemon;

import io.jkeepalived.adapters.lvs.DataPlaneChoice;
import io.jkeepalived.cli.Background;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.cli.Subcommands;
import io.jkeepalived.config.load.ConfigDump;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.load.LvsSettingsInForce;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.build.KeywordStatuses;
import io.jkeepalived.daemon.log.DaemonLog;
import io.jkeepalived.tools.genhash.Genhash;
import io.jkeepalived.tools.lab.Lab;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The real subsystems behind the command line. */
public final class StandardSubcommands implements Subcommands {
    @Override
    public int configTest(RunOptions options, Optional<Path> reportFile, PrintStream out, PrintStream err) {
        if (reportFile.isEmpty()) {
            return ConfigTest.run(options.configFile(), options.configId(), options.strictIncludes(), err);
        }
        try (var report = new PrintStream(SafeFiles.append(reportFile.get(), FileUmask.beforeConfig(options)).asStream(),
                true, StandardCharsets.UTF_8)) {
            return ConfigTest.run(options.configFile(), options.configId(), options.strictIncludes(), report);
        } catch (IOException e) {
            err.println("Unable to open config-test log file " + reportFile.get() + ": " + e.getMessage());
            return 4;
        }
    }

    @Override
    public int daemon(RunOptions options, String[] originalArgs, PrintStream out, PrintStream err) {
        if (!options.dontFork()) {
            return Background.detach(originalArgs, err);
        }
        boolean json = "1".equals(System.getenv("JKEEPALIVED_LOG_JSON"));
        try (var log = new DaemonLog(Clock.systemDefaultZone(), options.logDetail(),
                // no syslog writer yet: what keepalived sends to syslog goes to stderr (the journal under
                // systemd); only -G without -l means "log nowhere", as in keepalived
                options.logConsole() || !options.noSyslog() ? err : null,
                options.logFile().orElse(null), FileUmask.beforeConfig(options), true, json)) {
            var daemon = new Daemon(options, log,
                    (file, id, strict, sink) -> Optional.of(ConfigTest.load(file, id, strict, sink)),
                    Subsystems.standard(), config -> ConfigDump.render(config, lvsSettingsInForce(config, options)));
            return daemon.run(originalArgs, new SignalEvents().install());
        } catch (IOException e) {
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
