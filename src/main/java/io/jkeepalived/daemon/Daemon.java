package io.jkeepalived.daemon;

import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.cli.CommandLine;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.ReloadSettings;
import io.jkeepalived.common.Log;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.linux.Capabilities;
import io.jkeepalived.linux.SafeFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon's life: banner, pid files, configuration, subsystems, signals, supervision, stop. One JVM
 * runs what keepalived runs as parent and children; each subsystem keeps its own event loop.
 */
public final class Daemon {
    /** keepalived's exit codes for a normal run (FEATURES.md §a.5). */
    public static final int EXIT_OK = 0;
    public static final int EXIT_FATAL = 1;
    public static final int EXIT_MISSING_PERMISSION = 4;
    public static final int EXIT_NO_CONFIG = 6;

    private final RunOptions options;
    private Log log;
    private final ConfigLoader loader;
    private final List<SubsystemFactory> factories;
    private final Function<KeepalivedConfig, List<String>> dumper;
    private final List<Subsystem> subsystems = new ArrayList<>();
    private java.time.Duration superviseEvery = java.time.Duration.ofSeconds(2);
    /** How often the status line is looked at while a service manager listens (and at most how often it is sent). */
    static final java.time.Duration STATUS_EVERY = java.time.Duration.ofSeconds(1);
    private ServiceManagerNotifier serviceManager = ServiceManagerNotifier.none();
    private MonotonicClock clock = MonotonicClock.system();
    private String lastStatus = "";
    private boolean watchdogWithheld;
    /**
     * Subsystems restarted by {@link #supervise} that have not yet stayed up until the next look: the watchdog is not
     * fed for them, so a loop that dies again right after each restart cannot keep systemd's watchdog content.
     */
    private final java.util.Set<Subsystem> onProbation = new java.util.HashSet<>();
    /** Said before the status line until the next reload works (a failed reload keeps the old configuration). */
    private String statusNote = "";
    /** The umask of every file we create: -m, else the configuration's umask, else keepalived's 0177. */
    private int fileUmask = FileUmask.KEEPALIVED_DEFAULT;
    /** startup_script / shutdown_script of the configuration in force. */
    private StartStopScripts startStopScripts;
    /** Pid files of this run (keepalived's use_pid_dir rules); set once the configuration is read. */
    private PidPaths pidPaths;
    /** The process's name before process_name changed it (a reload without process_name puts it back). */
    private String originalProcessName;
    /** net_namespace and instance of the running configuration: a reload cannot change them. */
    private io.jkeepalived.config.model.RootOptions runningRoot;
    private DumpFiles dumpFiles = new DumpFiles(Path.of("/tmp/keepalived.data"), Path.of("/tmp/keepalived.stats"),
            Path.of("/tmp/keepalived.json"));
    /** child_wait_time of the configuration in force: how long a stop waits for the subsystems' own stops. */
    private java.time.Duration childWaitTime = io.jkeepalived.config.model.RootOptions.DEFAULTS.childWaitTime();
    /** json_version of the configuration in force (1: keepalived 2.2.7's document). */
    private int jsonVersion = 1;
    /** reload_check_config, reload_file, reload_time_file, config_save_dir of the configuration in force. */
    private ReloadSettings reloadSettings = ReloadSettings.NONE;
    private ConfigSaveDir configSaveDir;
    /** Watches reload_time_file while one is configured (null otherwise). */
    private ReloadTimeFile reloadTimeFile;
    /** The wall clock reload_time_file's times are read in. */
    private java.time.Clock wall = java.time.Clock.systemDefaultZone();
    private SignalEvents signals;

    public Daemon(RunOptions options, Log log, ConfigLoader loader, List<SubsystemFactory> factories,
            Function<KeepalivedConfig, List<String>> dumper) {
        this.options = options;
        this.log = log;
        this.loader = loader;
        this.factories = List.copyOf(factories);
        this.dumper = dumper;
    }

    public int run(String[] originalArgs, SignalEvents signals) throws InterruptedException {
        this.signals = signals;
        configSaveDir = new ConfigSaveDir(ProcessHandle.current().pid(), log);
        log.info("Starting " + CommandLine.VERSION_LINE);
        log.info("Running on " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (JVM " + Runtime.version() + ")");
        log.info("Command line: " + quoted(originalArgs));
        // ignored even when waited for: a thread that did not block it must not be killed by it
        if (!io.jkeepalived.linux.IgnoredSignals.ignore(io.jkeepalived.linux.IgnoredSignals.JSON)
                | !io.jkeepalived.linux.IgnoredSignals.ignore(io.jkeepalived.linux.IgnoredSignals.STATS_CLEAR)) {
            log.warning("Cannot ignore signals 36/63 (JSON, STATS_CLEAR): sending them would stop jkeepalived");
        } else {
            var served = signals.waitForRealtime();
            var ignored = new ArrayList<String>();
            if (!served.contains(io.jkeepalived.linux.IgnoredSignals.JSON)) {
                ignored.add("36 (JSON)");
            }
            if (!served.contains(io.jkeepalived.linux.IgnoredSignals.STATS_CLEAR)) {
                ignored.add("63 (STATS_CLEAR)");
            }
            if (ignored.isEmpty()) {
                log.detail("Signal 36 (JSON) writes the JSON dump; 63 (STATS_CLEAR) the stats, then clears them");
            } else {
                log.info((ignored.size() == 1 ? "Signal " + ignored.getFirst() + " is" : "Signals " + String.join(" and ", ignored)
                        + " are") + " ignored - not blocked when the JVM started (jkeepalived's launcher blocks them "
                        + "with env --block-signal=36,63)");
            }
        }
        if (!signals.takenBack().isEmpty()) {
            log.info(String.join(", ", signals.takenBack()) + " ignored by the process that started us (nohup?) - "
                    + "handled anyway, as keepalived does");
        }
        if (!signals.stillIgnored().isEmpty()) {
            log.warning(String.join(", ", signals.stillIgnored()) + " cannot be handled (ignored when we started): "
                    + "reload, stop or dumps by these signals will not work");
        }
        if (!Files.isReadable(options.configFile())) {
            log.error("Configuration file '" + options.configFile() + "' is missing or not readable - exiting");
            return EXIT_NO_CONFIG;
        }
        log.info("Opening file '" + options.configFile() + "'.");
        Loaded loaded = loadConfig();
        Optional<KeepalivedConfig> config = loaded.config();
        if (config.isEmpty()) {
            log.error("Stopped - cannot read configuration " + options.configFile());
            return EXIT_FATAL;
        }
        pidPaths = PidPaths.of(options, config.get().root());
        var parentPid = new PidFile(pidPaths.main());
        Optional<Long> running = parentPid.livePid();
        if (running.isPresent() && running.get() != ProcessHandle.current().pid()) {
            log.error("daemon is already running (pid " + running.get() + " in " + pidPaths.main() + ")");
            return EXIT_FATAL;
        }
        runningRoot = config.get().root();
        if (config.get().globalDefs().processNames().process().isPresent()) {
            nameProcess(config.get());
        }
        Optional<String> missing = missingPrivileges(config.get());
        if (missing.isPresent()) {
            log.error(missing.get());
            if (!options.logConsole()) {
                System.err.println(missing.get());      // the one line must be seen even without -l
            }
            return EXIT_MISSING_PERMISSION;
        }
        fileUmask = FileUmask.of(options, config.get());
        dumpFiles = DumpFiles.of(config.get(), System.getenv());
        reloadSettings = config.get().globalDefs().reload();
        ReloadFlagFile.remove(ReloadFlagFile.of(reloadSettings, runningRoot));     // keepalived: once the files are read
        configSaveDir.saveConfig(reloadSettings.saveDir(), loaded.copy(), fileUmask);
        jsonVersion = config.get().globalDefs().jsonVersion().orElse(1);
        childWaitTime = config.get().root().childWaitTime();
        if (config.get().root().instance().isPresent() || config.get().root().netNamespace().isPresent()) {
            String ident = Subsystems.ident(io.jkeepalived.daemon.log.DaemonLog.PARENT_IDENT, config.get());
            log.info("Changing syslog ident to " + ident);
            log = log.as(ident);
        }
        if (options.dumpConf()) {
            dumper.apply(config.get()).forEach(log::info);
        }
        List<PidFile> pidFiles = writePidFiles(config.get());
        // no PR_SET_PDEATHSIG through posix_spawn: the scripts of a daemon that was SIGKILLed go now
        io.jkeepalived.notify.LeftoverScripts.killAll(log);
        startStopScripts = new StartStopScripts(config.get().globalDefs(), options.logDetail(), log);
        try {
            startStopScripts.runStartup();          // keepalived: before any child starts, waited for
            int failed = startSubsystems(config.get());
            if (subsystems.isEmpty() && failed > 0) {
                log.error("Stopped - no subsystem could start");
                return EXIT_FATAL;
            }
            if (subsystems.isEmpty()) {
                log.warning("No VRRP instance or virtual server configured - nothing to run");
            }
            log.info("Startup complete");
            readyWithStatus();
            startReloadTimeFile();
            return serve(signals);
        } finally {
            stopReloadTimeFile();
            stopSubsystems();
            startStopScripts.runShutdown();         // keepalived: once every child has stopped
            pidFiles.forEach(PidFile::remove);
            ReloadFlagFile.remove(ReloadFlagFile.of(reloadSettings, runningRoot));
            pidPaths.directory().ifPresent(dir -> {     // keepalived removes its pid directories when empty
                removeIfEmpty(dir);
                if (!dir.equals(PidPaths.PID_DIR)) {
                    removeIfEmpty(PidPaths.PID_DIR);
                }
            });
            log.info("Stopped " + CommandLine.VERSION_LINE);
        }
    }

    /** VRRP cannot work without raw sockets and address changes: say so once, before touching anything. */
    private Optional<String> missingPrivileges(KeepalivedConfig config) {
        if (!options.runVrrp() || config.vrrpInstances().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Capabilities.ofCurrentProcess().missingForVrrp();
        } catch (IOException e) {
            return Optional.empty();      // no /proc: let the first socket say what is wrong
        }
    }

    /** A reading of the configuration: the model (empty when it cannot run), every finding, the copy of what was read. */
    private record Loaded(Optional<KeepalivedConfig> config, List<Diagnostic> findings,
            java.util.function.Supplier<Optional<String>> copy) {
    }

    private Loaded loadConfig() {
        var sink = new DiagnosticSink();
        Optional<KeepalivedConfig> config = loader.load(options.configFile(), options.configId(),
                options.strictIncludes(), sink);
        for (Diagnostic d : sink.findings()) {
            if (d.severity() != Severity.INFO) {
                log.warning(d.format());
            }
        }
        if (sink.has(Severity.FATAL) || config.isEmpty()) {
            return new Loaded(Optional.empty(), sink.findings(), loader.lastCopy());
        }
        return new Loaded(Optional.of(withCommandLineNamespace(config.get())), sink.findings(), loader.lastCopy());
    }

    /** keepalived's {@code -s NAME} replaces the configuration's {@code net_namespace}. */
    private KeepalivedConfig withCommandLineNamespace(KeepalivedConfig config) {
        if (options.netNamespace().isEmpty()) {
            return config;
        }
        String name = options.netNamespace().get();
        config.root().netNamespace().filter(n -> runningRoot == null)
                .ifPresent(n -> log.info("Overriding config net_namespace '" + n + "' with command line namespace '"
                        + name + "'"));
        return config.withRoot(config.root().withNetNamespace(name));
    }

    /** keepalived cannot change these at a reload: it says so and keeps running the configuration it has. */
    private Optional<String> unchangeableAtReload(KeepalivedConfig config) {
        if (!config.root().netNamespace().equals(runningRoot.netNamespace())) {
            return Optional.of("network namespace");
        }
        if (!config.root().instance().equals(runningRoot.instance())) {
            return Optional.of("instance name");
        }
        return Optional.empty();
    }

    /** keepalived's set_process_name for the parent: {@code process_name}, or the name we started with. */
    private void nameProcess(KeepalivedConfig config) {
        try {
            if (originalProcessName == null) {
                originalProcessName = io.jkeepalived.linux.TaskNames.processName();
            }
            String wanted = config.globalDefs().processNames().process().orElse(originalProcessName);
            if (!wanted.equals(io.jkeepalived.linux.TaskNames.processName())) {
                io.jkeepalived.linux.TaskNames.nameProcess(wanted);
            }
        } catch (IOException e) {
            log.info("Failed to set process name '" + config.globalDefs().processNames().process().orElse("") + "'");
        }
    }

    private static void removeIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // not empty (an operator's file, another daemon's pid file) or already gone: leave it
        }
    }

    /** keepalived writes a child's pid file only for a child it starts. */
    private List<PidFile> writePidFiles(KeepalivedConfig config) {
        long pid = ProcessHandle.current().pid();
        var files = new ArrayList<PidFile>();
        var paths = new ArrayList<Path>(List.of(pidPaths.main()));
        if (options.runVrrp() && (options.allSubsystems() || !config.vrrpInstances().isEmpty())) {
            paths.add(pidPaths.vrrp());
        }
        if (options.runChecker() && (options.allSubsystems() || !config.virtualServers().isEmpty())) {
            paths.add(pidPaths.checkers());
        }
        if (pidPaths.directory().isPresent()) {
            try {       // keepalived's create_pid_dir: rwxr-xr-x; /run is root's, so no one else can plant a link here
                Files.createDirectories(pidPaths.directory().get(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                log.error("Unable to create directory " + pidPaths.directory().get() + ": " + e.getMessage());
            }
        }
        for (Path p : paths) {
            var f = new PidFile(p);
            try {
                f.write(pid, fileUmask);
                files.add(f);
            } catch (IOException e) {
                log.error("Unable to write pid file " + p + ": " + e.getMessage());
            }
        }
        return files;
    }

    /** Returns how many subsystems failed to start. */
    private int startSubsystems(KeepalivedConfig config) {
        int failed = 0;
        for (SubsystemFactory f : factories) {
            Optional<Subsystem> made = f.create(config, options, log);
            if (made.isEmpty()) {
                continue;
            }
            Subsystem s = made.get();
            try {
                s.start();
                subsystems.add(s);
                log.info("Starting " + s.name() + " subsystem");
            } catch (Exception e) {
                log.error(s.name() + " subsystem failed to start: " + e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    /** sd_notify: READY, RELOADING, STOPPING, STATUS and WATCHDOG go there (nowhere by default). */
    Daemon notifying(ServiceManagerNotifier notifier, MonotonicClock clock) {
        this.serviceManager = notifier;
        this.clock = clock;
        return this;
    }

    /** How often a dead subsystem is looked for (keepalived's parent notices a child's SIGCHLD at once). */
    Daemon superviseEvery(java.time.Duration every) {
        this.superviseEvery = every;
        return this;
    }

    private int serve(SignalEvents signals) throws InterruptedException {
        long superviseMicros = superviseEvery.toNanos() / 1_000;
        long statusMicros = STATUS_EVERY.toNanos() / 1_000;
        Optional<Long> watchdogMicros = serviceManager.watchdogInterval().map(d -> Math.max(1_000L, d.toNanos() / 1_000));
        long now = clock.nowMicros();
        long nextSupervise = now + superviseMicros;
        long nextStatus = now + statusMicros;
        long nextWatchdog = now;
        while (true) {
            if (reloadTimeFile != null && reloadTimeFile.due()) {
                reloadTimeFile.fire();      // keepalived signals itself SIGHUP: the same reload
                reloadTimeFile = null;
                log.detail("Reload time reached");
                reload();
            }
            now = clock.nowMicros();
            if (watchdogMicros.isPresent() && now >= nextWatchdog) {
                watchdog();
                nextWatchdog = now + watchdogMicros.get();
            }
            if (serviceManager.enabled() && now >= nextStatus) {
                updateStatus();
                nextStatus = clock.nowMicros() + statusMicros;
            }
            if (now >= nextSupervise) {
                supervise();
                nextSupervise = clock.nowMicros() + superviseMicros;
            }
            long wake = nextSupervise;
            if (serviceManager.enabled()) {
                wake = Math.min(wake, nextStatus);
            }
            if (watchdogMicros.isPresent()) {
                wake = Math.min(wake, nextWatchdog);
            }
            if (reloadTimeFile != null && reloadTimeFile.reloadAt().isPresent()) {
                long untilReload = java.time.Duration.between(wall.instant(), reloadTimeFile.reloadAt().get()).toNanos() / 1_000;
                wake = Math.min(wake, clock.nowMicros() + Math.max(0, untilReload));
            }
            Optional<SignalEvents.Request> next = signals.next(
                    java.time.Duration.ofNanos(Math.max(0, wake - clock.nowMicros()) * 1_000));
            if (next.isEmpty()) {
                continue;
            }
            switch (next.get()) {
                case STOP -> {
                    log.info("Stopping");
                    serviceManager.stopping();
                    return EXIT_OK;
                }
                case RELOAD -> reload();
                case DATA -> data();
                case STATS -> stats(false);
                case STATS_CLEAR -> stats(true);
                case RELOAD_TIME_FILE -> {
                    if (reloadTimeFile != null) {
                        reloadTimeFile.changed();
                    }
                }
                case JSON -> json();
            }
        }
    }

    /**
     * systemd's watchdog is fed only while every subsystem's loops and threads are alive (their ThreadWatch, through
     * {@link Subsystem#running()}) and every restarted one has stayed up from one supervision look to the next: a
     * daemon that cannot keep a loop running gets restarted by systemd instead.
     */
    private void watchdog() {
        List<String> down = subsystems.stream().filter(s -> !s.running() || onProbation.contains(s)).map(Subsystem::name).toList();
        if (down.isEmpty()) {
            serviceManager.watchdog();
            if (watchdogWithheld) {
                watchdogWithheld = false;
                log.info("Every subsystem is running again - watchdog pings resumed");
            }
        } else if (!watchdogWithheld) {
            watchdogWithheld = true;
            log.warning("Watchdog ping withheld: " + String.join(", ", down) + " subsystem not running");
        }
    }

    /** READY=1 with the status line, which asks each subsystem: only when a service manager listens. */
    private void readyWithStatus() {
        if (serviceManager.enabled()) {
            lastStatus = statusLine();
            serviceManager.ready(lastStatus);
        }
    }

    /** STATUS= only when it changed, at most once per {@link #STATUS_EVERY}. */
    private void updateStatus() {
        String now = statusLine();
        if (!now.equals(lastStatus)) {
            lastStatus = now;
            serviceManager.status(now);
        }
    }

    /** "2 instances: VI_1 MASTER, VI_2 BACKUP; 8/9 real servers up". */
    private String statusLine() {
        var parts = new ArrayList<String>();
        for (Subsystem s : subsystems) {
            s.status().ifPresent(parts::add);
        }
        return statusNote + (parts.isEmpty() ? "Running; no VRRP instance or virtual server configured" : String.join("; ", parts));
    }

    /** Like keepalived's parent respawning a dead child: a subsystem whose loop died is restarted. */
    private void supervise() {
        for (Subsystem s : subsystems) {
            if (s.running()) {
                onProbation.remove(s);
                continue;
            }
            onProbation.add(s);
            log.error(s.name() + " subsystem is no longer running - restarting it");
            try {
                s.stop();
                s.start();
            } catch (Exception e) {
                log.error(s.name() + " subsystem failed to restart: " + e.getMessage());
            }
        }
    }

    private void reload() {
        ReloadSettings running = reloadSettings;
        boolean check = running.checkConfigLog().isPresent();
        if (check) {
            log.detail("validate conf before Reload");
        } else {
            reloading();
        }
        stopReloadTimeFile();
        Optional<Path> flag = ReloadFlagFile.of(running, runningRoot);
        ReloadFlagFile.create(flag, fileUmask, log);
        Loaded loaded = loadConfig();
        ReloadFlagFile.remove(flag);
        Optional<KeepalivedConfig> config = loaded.config();
        configSaveDir.saveConfig(config.map(c -> c.globalDefs().reload().saveDir()).orElse(running.saveDir()),
                loaded.copy(), fileUmask);
        if (check) {
            String report = running.checkConfigLog().get();
            writeCheckReport(report, loaded.findings());
            if (config.isEmpty() || ConfigTest.exitCode(loaded.findings()) != 0) {
                log.info("New config failed validation, see " + report + " for details");
                statusNote = "New config failed validation - keeping the running configuration; ";
                readyWithStatus();
                startReloadTimeFile();
                return;
            }
            reloading();
        }
        Optional<String> unchangeable = config.flatMap(this::unchangeableAtReload);
        if (unchangeable.isPresent()) {
            log.info("Cannot change " + unchangeable.get() + " at a reload - please restart keepalived");
            config = Optional.empty();
        }
        if (config.isEmpty()) {
            log.error("Reload failed - keeping the running configuration");
            statusNote = "Reload failed - keeping the running configuration; ";
            readyWithStatus();
            startReloadTimeFile();
            return;
        }
        configSaveDir.saveData(running.saveDir(), false, subsystems, fileUmask);
        fileUmask = FileUmask.of(options, config.get());
        dumpFiles = DumpFiles.of(config.get(), System.getenv());
        jsonVersion = config.get().globalDefs().jsonVersion().orElse(1);
        childWaitTime = config.get().root().childWaitTime();
        nameProcess(config.get());
        startStopScripts = new StartStopScripts(config.get().globalDefs(), options.logDetail(), log);     // the shutdown script in force
        for (Subsystem s : subsystems) {
            s.reload(config.get());
        }
        reloadSettings = config.get().globalDefs().reload();
        configSaveDir.saveData(reloadSettings.saveDir(), true, subsystems, fileUmask);
        log.info("Reload finished");
        statusNote = "";
        readyWithStatus();
        startReloadTimeFile();
    }

    private void reloading() {
        log.info("Reloading");
        serviceManager.reloading(clock.nowMicros());      // System.nanoTime: CLOCK_MONOTONIC on Linux
    }

    /**
     * reload_check_config's LOG_FILE gets what {@code -t} would print for the new configuration (emptied first, as
     * keepalived truncates it before its check); {@code /dev/null}, the default, gets nothing.
     */
    private void writeCheckReport(String report, List<Diagnostic> findings) {
        if (report.equals(ReloadSettings.NO_CHECK_LOG)) {
            return;
        }
        var text = new StringBuilder();
        findings.forEach(d -> text.append(d.format()).append('\n'));
        try {
            SafeFiles.write(Path.of(report), text.toString().getBytes(StandardCharsets.UTF_8), fileUmask);
        } catch (IOException e) {
            log.info("Cannot write config check log " + report + ": " + e.getMessage());
        }
    }

    /** keepalived's start_reload_monitor: after start-up and after each reload, with the configuration in force. */
    private void startReloadTimeFile() {
        stopReloadTimeFile();
        if (reloadSettings.timeFile().isEmpty()) {
            return;
        }
        reloadTimeFile = new ReloadTimeFile(Path.of(reloadSettings.timeFile().get()), reloadSettings.repeat(), log, wall);
        SignalEvents events = signals;
        reloadTimeFile.start(() -> events.post(SignalEvents.Request.RELOAD_TIME_FILE));
    }

    private void stopReloadTimeFile() {
        if (reloadTimeFile != null) {
            reloadTimeFile.close();
            reloadTimeFile = null;
        }
    }

    /** What one dump asks of each subsystem ({@link Subsystem#writeData}, {@link Subsystem#writeStats} ...). */
    private interface DumpSection {
        void write(Subsystem subsystem, Appendable out) throws IOException;
    }

    private void dump(Path file, DumpSection section) {
        var out = new StringWriter();
        try {
            for (Subsystem s : subsystems) {
                section.write(s, out);
            }
            SafeFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8), fileUmask);
            log.info("Wrote " + file);
        } catch (IOException e) {
            log.error("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** SIGUSR2, and STATS_CLEAR which then zeroes VRRP's counters: keepalived's sigusr2_vrrp log line and its .stats file. */
    private void stats(boolean clear) {
        if (hasVrrp()) {
            log.info("Printing " + (clear ? "and clearing " : "") + "VRRP stats for process("
                    + ProcessHandle.current().pid() + ") on signal");
        }
        dump(dumpFiles.stats(), clear ? Subsystem::writeStatsAndClear : Subsystem::writeStats);
    }

    /** SIGUSR1: the data dump, with the line each keepalived child logs when it gets the signal. */
    private void data() {
        long pid = ProcessHandle.current().pid();
        for (Subsystem s : subsystems) {
            switch (s.name()) {
                case "VRRP" -> log.info("Printing VRRP data for process(" + pid + ") on signal");
                case "Healthcheck" -> log.info("Printing checker data for process(" + pid + ") on signal");
                default -> { }
            }
        }
        dump(dumpFiles.data(), Subsystem::writeData);
    }

    private boolean hasVrrp() {
        return subsystems.stream().anyMatch(s -> s.name().equals("VRRP"));
    }

    /** keepalived's vrrp_print_json: VRRP's document, or no file at all when no instance runs. */
    private void json() {
        log.info("Printing VRRP as json for process(" + ProcessHandle.current().pid() + ") on signal");
        Path file = dumpFiles.json();
        try {
            for (Subsystem s : subsystems) {
                Optional<String> doc = s.json(jsonVersion);
                if (doc.isPresent()) {
                    SafeFiles.write(file, doc.get().getBytes(StandardCharsets.UTF_8), fileUmask);
                    log.info("Wrote " + file);
                    return;
                }
            }
        } catch (IOException e) {
            log.error("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * keepalived's sigend: each subsystem stops as its child process would on SIGTERM (last started first), and the
     * stop waits at most child_wait_time for all of them. A subsystem still stopping then is given up, as keepalived
     * SIGKILLs a child that failed to die: the daemon goes on to the shutdown script and exits, and the exit ends the
     * threads of the stop that hung.
     */
    private void stopSubsystems() {
        var order = new ArrayList<>(subsystems).reversed();
        var stopped = java.util.concurrent.ConcurrentHashMap.<Subsystem>newKeySet();
        Thread stopper = Thread.ofPlatform().daemon().name("stop").start(() -> {
            for (Subsystem s : order) {
                try {
                    s.stop();
                } catch (RuntimeException e) {
                    log.error(s.name() + " subsystem failed to stop cleanly: " + e.getMessage());
                }
                stopped.add(s);
            }
        });
        try {
            stopper.join(childWaitTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subsystem s : order) {
            if (!stopped.contains(s)) {
                log.info(shortName(s) + " process failed to die - forcing termination");
            }
        }
        subsystems.clear();
        onProbation.clear();
    }

    /** keepalived's short names of its children, as its stop says them. */
    private static String shortName(Subsystem s) {
        return s.name().equals("VRRP") ? "vrrp" : "checker";
    }

    private static String quoted(String[] args) {
        var sb = new StringBuilder("'keepalived'");
        for (String a : args) {
            sb.append(" '").append(a).append('\'');
        }
        return sb.toString();
    }
}
