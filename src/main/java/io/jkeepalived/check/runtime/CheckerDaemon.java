package io.jkeepalived.check.runtime;

import io.jkeepalived.adapters.check.EpollTcpConnector;
import io.jkeepalived.adapters.check.IcmpEchoProbe;
import io.jkeepalived.check.checkers.Checker;
import io.jkeepalived.check.checkers.CheckerFactory;
import io.jkeepalived.check.plan.CheckPlanBuilder;
import io.jkeepalived.check.plan.CheckSetup;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.check.engine.CheckEngine;
import io.jkeepalived.loop.EventLoop;
import io.jkeepalived.check.checkers.ProtoCheckers;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.common.Log;
import io.jkeepalived.common.ThreadWatch;
import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.check.port.TcpConnector;
import io.jkeepalived.loop.EpollLoopPoller;
import io.jkeepalived.lvs.LoggingDataPlane;
import io.jkeepalived.lvs.LvsController;
import io.jkeepalived.lvs.PoolPlanBuilder;
import io.jkeepalived.notify.AlertMail;
import io.jkeepalived.notify.MailAlerter;
import io.jkeepalived.notify.SmtpAlertSettings;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * The health-checker subsystem ({@code jkeepalived -C}): one event loop thread that owns the check engine,
 * runs every checker and applies the results through the {@link DataPlane}. Stops cleanly (omega scripts
 * included) on {@link #stop()} or SIGTERM.
 */
public final class CheckerDaemon implements AutoCloseable {
    private final EventLoop loop;
    private final CheckScheduler scheduler;
    private final ActionRunner actions;
    private final Log log;
    private final List<AutoCloseable> resources;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private final boolean watchAddresses;
    private volatile Thread addressWatcher;
    private final CheckEngine engine;
    private final CheckSetup setup;
    private final LvsController lvs;
    private final CheckEngine previous;
    private final boolean releaseLvs;
    private final Duration repairEvery;
    private boolean reconcileQueued;
    private boolean repairStretched;
    /** Set on the loop when stopping or handing over: pool changes from then on are not reconciled. */
    private boolean closing;
    private final ThreadWatch watch;
    /** The checker loop is stuck after 3 x this on one step. */
    static final Duration STALL_PERIOD = Duration.ofSeconds(10);

    private record Io(EventLoop loop, TcpConnector tcp) {
    }

    /**
     * The loop's I/O: epoll through FFM, five system calls per TCP check with the checker's fwmark and bind_if
     * applied. HTTP_GET's java.nio channels run on a Selector loop of their own (see ProtoCheckers).
     */
    private static Io openIo() {
        try {
            var epoll = new EpollLoopPoller();
            var loop = new EventLoop(epoll);
            return new Io(loop, new EpollTcpConnector(loop, epoll));
        } catch (IOException e) {
            throw new UncheckedIOException("Checker: cannot open its epoll loop: " + e.getMessage(), e);
        }
    }

    /**
     * What the daemon runs against; defaults suit {@code jkeepalived -C} on this kernel.
     *
     * @param releaseLvs   stop removes the services we added (false with -I / --dont-release-ipvs)
     * @param repairEvery  how often the kernel is re-read and drift repaired (zero: never)
     * @param scripts      runs notify_up/down and quorum_up/down (the factory's MISC_CHECKs use the same runner
     *                     when built by {@link #defaultOptions})
     * @param fifoUmask    the umask of a notify FIFO that has to be created
     * @param fifoScripts  a FIFO's path to its reader script (notify_fifo_script, lvs_notify_fifo_script)
     */
    public record Options(Log log, DataPlane dataPlane, CheckerFactory factory, BiConsumer<String, String> alerts,
                          List<String> fifos, RandomGenerator random, List<AutoCloseable> resources, boolean releaseLvs,
                          Duration repairEvery, CheckScripts scripts, int fifoUmask,
                          java.util.Map<String, ScriptSpec> fifoScripts) {
        public static final Duration DEFAULT_REPAIR = Duration.ofSeconds(5);

        public Options {
            resources = List.copyOf(resources);
            fifoScripts = java.util.Map.copyOf(fifoScripts);
        }

        public Options(Log log, DataPlane dataPlane, CheckerFactory factory, BiConsumer<String, String> alerts,
                       List<String> fifos, RandomGenerator random, List<AutoCloseable> resources) {
            this(log, dataPlane, factory, alerts, fifos, random, resources, true, DEFAULT_REPAIR,
                    new CheckScripts(new ScriptJobs(ScriptJobs.Settings.KEEPALIVED_DEFAULTS, log), log), NotifyFifo.DEFAULT_UMASK,
                    java.util.Map.of());
        }

        public Options(Log log, DataPlane dataPlane, CheckerFactory factory, BiConsumer<String, String> alerts,
                       List<String> fifos, RandomGenerator random) {
            this(log, dataPlane, factory, alerts, fifos, random, List.of());
        }

        public Options withDataPlane(DataPlane dp) {
            return new Options(log, dp, factory, alerts, fifos, random, resources, releaseLvs, repairEvery, scripts, fifoUmask,
                    fifoScripts);
        }

        public Options withLvs(boolean release, Duration repair) {
            return new Options(log, dataPlane, factory, alerts, fifos, random, resources, release, repair, scripts, fifoUmask,
                    fifoScripts);
        }
    }

    /** What a reload hands from the old daemon to the new one: the LVS controller and the engine's state. */
    public record Handover(LvsController lvs, CheckEngine engine) {
    }

    public CheckerDaemon(CheckSetup setup, Options options) {
        this(setup, options, null);
    }

    /**
     * @param previous  on reload, the old daemon's handover: servers in both configs keep their state and
     *                  their kernel entries; null on a fresh start
     */
    public CheckerDaemon(CheckSetup setup, Options options, Handover previous) {
        this.watch = new ThreadWatch(d -> options.log().error("Healthchecker thread " + d.describe()
                + " - the Healthcheck subsystem will be restarted"));
        this.log = options.log();
        this.setup = setup;
        var io = openIo();
        this.loop = io.loop();
        // a task busy on the loop for 30 s is a stall: restarted. Not less: reading or programming a big LVS
        // table is one step (see repair()), and a restart that meets the same table must not loop
        loop.watchedBy(watch.heartbeat("checker", STALL_PERIOD));
        options.resources().stream().filter(ProtoCheckers.class::isInstance)
                .forEach(p -> ((ProtoCheckers) p).watchedBy(watch));
        this.resources = options.resources();
        this.engine = new CheckEngine(setup.plan(), options.random());
        this.previous = previous == null ? null : previous.engine();
        this.lvs = previous != null ? previous.lvs() : new LvsController(options.dataPlane(), log::info, log::warning);
        this.releaseLvs = options.releaseLvs();
        this.repairEvery = options.repairEvery();
        var checkers = new ArrayList<Checker>(setup.bindings().size());
        for (var binding : setup.bindings()) {
            checkers.add(options.factory().create(binding, loop, io.tcp()));
        }
        var fifos = new ArrayList<NotifyFifo>();
        for (var path : options.fifos()) {
            NotifyFifo.open(Path.of(path), options.fifoUmask(), log).ifPresent(fifo -> {
                fifos.add(fifo);
                Optional.ofNullable(options.fifoScripts().get(path)).ifPresent(r -> options.scripts().startFifoReader(fifo, r));
            });
        }
        this.actions = new ActionRunner(lvs.editor() /* replaced on start */, this::poolChanged, log, options.scripts(),
                options.alerts(), fifos);
        this.scheduler = new CheckScheduler(loop, engine, checkers, actions, this.previous);
        this.watchAddresses = setup.plan().virtualServers().stream().anyMatch(v -> v.haSuspend());
    }

    /** ha_suspend: local addresses are polled once a second and changes fed to the engine. */
    private void watch(java.util.Set<String> initial) {
        var known = initial;
        while (finished.getCount() > 0) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            var now = LocalAddresses.snapshot();
            for (var a : now) {
                if (!known.contains(a)) {
                    addressChanged(a, true);
                }
            }
            for (var a : known) {
                if (!now.contains(a)) {
                    addressChanged(a, false);
                }
            }
            known = now;
        }
    }

    /** Default options for a config: no kernel data plane, alerts logged until a mailer is wired. */
    public static Options defaultOptions(KeepalivedConfig config, Log log) {
        var random = new Random();
        var protocols = new ProtoCheckers(config.ssl(), log::warning, new SplittableRandom(), IcmpEchoProbe::new);
        var scripts = new CheckScripts(new ScriptJobs(ScriptJobs.Settings.of(config.globalDefs()), log), log);
        var factory = protocols.registerInto(new CheckerFactory(config.trackFiles(), scripts));
        var fifos = new ArrayList<String>();
        var g = config.globalDefs();
        g.notifyFifo().ifPresent(fifos::add);
        g.lvsNotifyFifo().ifPresent(fifos::add);
        // as keepalived's checker: the shared FIFO's reader too (the VRRP side starts one of its own)
        var readers = new java.util.HashMap<String, ScriptSpec>();
        g.notifyFifo().ifPresent(p -> g.notifyFifoScript().ifPresent(s -> readers.put(p, s)));
        g.lvsNotifyFifo().ifPresent(p -> g.lvsNotifyFifoScript().ifPresent(s -> readers.put(p, s)));
        var resources = new ArrayList<AutoCloseable>(List.of(protocols, scripts));
        String host = CheckPlanBuilder.hostName().orElse("localhost");
        BiConsumer<String, String> alerts = (subject, body) -> log.info("SMTP alert not sent (no smtp_server or notification_email): " + subject);
        var mail = SmtpAlertSettings.from(config.globalDefs(), host, System.getProperty("user.name", "root"), log::warning)
                .filter(SmtpAlertSettings::enabled);
        if (mail.isPresent()) {
            var alerter = new MailAlerter(mail.get(), log::info, 64);
            resources.add(alerter);
            alerts = (subject, body) -> alerter.send(new AlertMail(subject, body));
        }
        return new Options(log, noKernelDataPlane(log), factory, alerts, fifos, random, resources, true,
                Options.DEFAULT_REPAIR, scripts, config.globalDefs().umask(), readers);
    }

    /** The data plane this build uses: it programs nothing, and says why once. */
    public static DataPlane noKernelDataPlane(Log log) {
        String reason = Files.exists(Path.of("/proc/net/ip_vs")) ? "no IPVS data plane in this build yet"
                : "this kernel has no IPVS";
        return new LoggingDataPlane(log::warning, reason);
    }

    public static CheckSetup setup(KeepalivedConfig config, CheckerFactory factory, Log log) {
        var globals = CheckPlanBuilder.Globals.of(config, CheckPlanBuilder.hostName().orElse("localhost"));
        return new CheckPlanBuilder(factory, log::warning).build(config.virtualServers(), config.virtualServerGroups(), globals)
                .withPool(new PoolPlanBuilder(log::warning).build(config));
    }

    /**
     * What {@code jkeepalived -C} runs: checks until SIGTERM (or SIGINT), then clears the pool and exits 0.
     */
    public static int run(KeepalivedConfig config, Log log) {
        var options = defaultOptions(config, log);
        try (var daemon = new CheckerDaemon(setup(config, options.factory(), log), options)) {
            var hook = Thread.ofPlatform().unstarted(daemon::stop);
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.start();
            daemon.awaitStopped();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook itself is stopping us
            }
        }
        return 0;
    }

    /** Told how many microseconds late the loop woke for its earliest timer (max_auto_priority, see CheckerSubsystem). */
    public void onLateWakeup(java.util.function.LongConsumer lateMicros) {
        loop.onLateWakeup(nanos -> lateMicros.accept(nanos / 1_000));
    }

    /** Runs {@code task} on the loop thread, after what is queued there (the thread's scheduling, see CheckerSubsystem). */
    public void onLoopThread(Runnable task) {
        loop.execute(task);
    }

    /** Starts the loop thread. */
    public void start() {
        start(r -> Thread.ofPlatform().name("checker").unstarted(r));
    }

    /**
     * Starts the loop on a thread from {@code threads} (tests use one that first joins a network namespace:
     * the loop's sockets live where its thread does).
     */
    public void start(java.util.concurrent.ThreadFactory threads) {
        var present = watchAddresses ? LocalAddresses.snapshot() : java.util.Set.<String>of();
        loop.execute(() -> {
            // the kernel first: a restart adopts what is there instead of flushing live connections
            if (previous == null) {
                lvs.start(setup.pool());
            } else {
                lvs.replan(setup.pool());
            }
            scheduler.start(present);
            lvs.reconcileAll();
            if (!repairEvery.isZero()) {
                loop.scheduleAfter(repairEvery.toNanos(), this::repair);
            }
        });
        if (watchAddresses) {
            addressWatcher = Thread.ofVirtual().name("checker-addresses").start(watch.guarded("checker-addresses",
                    () -> watch(present)));
        }
        thread = threads.newThread(watch.guarded("checker", () -> {
            try {
                loop.run();
            } catch (RuntimeException e) {
                log.error("Healthchecker loop stopped: " + e.getMessage());
            } catch (Error e) {
                watch.died("checker", e);       // recorded (and logged) before anyone can see the loop ended
                throw e;
            } finally {
                finished.countDown();
            }
        }));
        thread.start();
    }

    /** A pool change from the engine: one reconcile after the batch of actions it belongs to. */
    private void poolChanged() {
        if (!reconcileQueued && !closing) {
            reconcileQueued = true;
            loop.execute(() -> {
                reconcileQueued = false;
                if (!closing) {
                    lvs.reconcile();
                }
            });
        }
    }

    /** Periodic: re-read the kernel and put back what someone else changed. */
    private void repair() {
        if (closing) {
            return;
        }
        long start = loop.now();
        lvs.repair();
        // a big table takes long to read: the loop must stay free for checks, so at most a tenth of its time goes here
        long took = loop.now() - start;
        long next = Math.max(repairEvery.toNanos(), 9 * took);
        if (next > repairEvery.toNanos() && !repairStretched) {
            repairStretched = true;
            log.info("LVS: reading the " + lvs.dataPlane().name() + " table took " + took / 1_000_000 + " ms; drift checks every "
                    + next / 1_000_000_000 + " s instead of " + repairEvery.toSeconds() + " s");
        }
        loop.scheduleAfter(next, this::repair);
    }

    /** Re-reads the kernel and repairs drift now (tests, SIGUSR dumps); waits for it. */
    public void repairNow() {
        var done = new CompletableFuture<Void>();
        loop.execute(() -> {
            lvs.repair();
            done.complete(null);
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * The kernel's view in ipvsadm's words (read on the loop: the data plane belongs to it); {@code stats}
     * for the counters. Read errors come back as the text.
     */
    public String lvsListing(boolean stats) {
        var answer = new CompletableFuture<String>();
        loop.execute(() -> {
            try {
                var dp = lvs.dataPlane();
                var counters = dp.stats();
                answer.complete(stats ? io.jkeepalived.lvs.LvsListing.stats(counters)
                        : io.jkeepalived.lvs.LvsListing.table(dp.name(), dp.read(), counters));
            } catch (io.jkeepalived.lvs.DataPlaneException | RuntimeException e) {
                answer.complete("LVS: cannot read " + lvs.dataPlane().name() + ": " + e.getMessage() + "\n");
            }
        });
        return answer.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The LVS controller (its data plane, desired and observed pool); use it on the loop or after stop. */
    public LvsController lvs() {
        return lvs;
    }

    /**
     * True while the loop runs and no thread of ours died: a loop that ended without stop(), or an Error in
     * it or in the address watcher, makes this false and the daemon restarts the subsystem.
     */
    public boolean alive() {
        return thread != null && finished.getCount() > 0 && watch.alive();
    }

    /** Test hook: runs {@code task} on the loop thread (to inject a failure where a checker would run). */
    void execute(Runnable task) {
        loop.execute(task);
    }


    /**
     * Clears the pool (omega scripts run), removes what we added from the kernel (unless -I) and ends the
     * loop; waits at most 10 s. Safe to call twice.
     */
    public void stop() {
        if (thread == null || finished.getCount() == 0) {
            return;
        }
        if (addressWatcher != null) {
            addressWatcher.interrupt();
        }
        loop.execute(() -> {
            closing = true;
            scheduler.stop();
            lvs.stop(releaseLvs);
            actions.awaitShutdownScripts(Duration.ofSeconds(1));
            loop.stop();
        });
        awaitStopped(Duration.ofSeconds(10));
    }

    /**
     * Reload: ends the loop without touching the pool or running shutdown notifies, and hands the LVS
     * controller and the engine's state to the daemon of the new configuration. Closes this daemon.
     */
    public Handover handOver() {
        if (thread != null && finished.getCount() > 0) {
            if (addressWatcher != null) {
                addressWatcher.interrupt();
            }
            loop.execute(() -> {
                closing = true;
                scheduler.suspend();
                loop.stop();
            });
            awaitStopped(Duration.ofSeconds(10));
        }
        closeResources();
        return new Handover(lvs, engine);
    }

    public void awaitStopped() {
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStopped(Duration limit) {
        try {
            finished.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The engine's view of every virtual and real server, read on the loop thread. */
    public List<CheckEngine.VirtualServerStatus> status() {
        return status(Duration.ofSeconds(5));
    }

    /** The same, waiting at most {@code limit} for the loop (a CompletionException after). */
    public List<CheckEngine.VirtualServerStatus> status(Duration limit) {
        var answer = new CompletableFuture<List<CheckEngine.VirtualServerStatus>>();
        loop.execute(() -> answer.complete(scheduler.status()));
        return answer.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Checks started and finished so far (for benchmarks and status). */
    public long[] counters() {
        var answer = new CompletableFuture<long[]>();
        loop.execute(() -> answer.complete(new long[] {scheduler.checksStarted(), scheduler.checksCompleted()}));
        return answer.orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Feeds an address change to ha_suspend. */
    public void addressChanged(String address, boolean present) {
        loop.execute(() -> scheduler.addressChanged(address, present));
    }

    @Override
    public void close() {
        stop();
        closeResources();
    }

    private void closeResources() {
        actions.close();
        loop.close();
        for (var resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warning("closing " + resource + ": " + e.getMessage());
            }
        }
    }
}
