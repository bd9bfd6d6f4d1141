package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.adapters.vrrp.AnnouncingGarpSender;
import io.jkeepalived.adapters.vrrp.GarpRateLimits;
import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.notify.ScriptsAtStop;
import io.jkeepalived.vrrp.plan.HostInterfaces;
import io.jkeepalived.vrrp.plan.SocketKey;
import io.jkeepalived.vrrp.plan.TrackedVirtuals;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.SocketBuffers;
import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.common.Log;
import io.jkeepalived.linux.GarpSender;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.ReceiveBuffer;
import io.jkeepalived.linux.NeighbourAdvertiser;
import io.jkeepalived.linux.RawVrrpSocket;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.notify.MailAlerter;
import io.jkeepalived.notify.SmtpAlertSettings;
import io.jkeepalived.common.AddressText;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.vrrp.port.VrrpPorts;
import io.jkeepalived.adapters.vrrp.LinuxAddressManager;
import io.jkeepalived.adapters.vrrp.NftablesVipFirewall;
import io.jkeepalived.vrrp.plan.VipFirewallPlan;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.adapters.vrrp.LinuxVrrpTransport;
import io.jkeepalived.adapters.vrrp.LinuxRoutingTable;
import io.jkeepalived.adapters.vrrp.LinuxVmacs;
import io.jkeepalived.adapters.vrrp.LocalIgmpReports;
import io.jkeepalived.adapters.vrrp.PromotedSecondaries;
import io.jkeepalived.vrrp.plan.RoutingPlan;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived's VRRP child: reads the host's interfaces, plans sockets and VIPs (VrrpPlan), opens one raw
 * socket per (interface, family, source[, peers]) - keepalived's sockpool - plus GARP/NA senders, starts a
 * VrrpLoop on the engine, a netlink link watcher and the script / file trackers, and on stop lets the
 * engine send priority 0 and drop the VIPs (kept with -V), then waits up to 1 s for notify_stop scripts.
 */
public final class VrrpSubsystem implements Subsystem {
    private final boolean keepVipsOnStop;
    private final boolean logDetail;
    private final Log log;
    private final MonotonicClock clock = MonotonicClock.system();
    private KeepalivedConfig config;
    private Running running;
    private boolean startedOnce;     // vrrp_startup_delay applies to the first start, not to reloads
    private LocalIgmpReports localIgmp;  // disable_local_igmp: from the first start to the last stop, not per reload
    private long generation;        // counts runs: a replan asked for by a run that is gone is dropped
    private volatile boolean replanning;    // the daemon's supervisor must not take the replan's reload for a death

    /** Everything one run owns, closed in reverse order. */
    private record Running(VrrpLoop loop, VrrpEngine engine, VrrpPlan plan, StopAwareAddresses addresses,
                           ScriptsAtStop stopScripts, ReloadHold startHold, ReloadHold stopHold, LinkWatcher watcher,
                           TrackerRunner trackers, RoutingPlan routing, Map<Integer, String> ifNames,
                           List<AutoCloseable> resources) {
        /**
         * Every thread the run owns: the loop's three, the link watcher, the trackers, and the netlink watchers
         * (tracked processes, static routing, deleted virtual addresses/routes/rules).
         */
        boolean alive() {
            return loop.isRunning() && trackers.death().isEmpty()
                    && resources.stream().filter(Supervised.class::isInstance)
                    .allMatch(w -> ((Supervised) w).death().isEmpty());
        }
    }

    /**
     * @param keepVipsOnStop {@code -V}: leave the VIPs in place when stopping
     * @param logDetail      {@code -D}: keepalived's detailed lines
     */
    public VrrpSubsystem(KeepalivedConfig config, boolean keepVipsOnStop, boolean logDetail, Log log) {
        this.config = config;
        this.keepVipsOnStop = keepVipsOnStop;
        this.logDetail = logDetail;
        this.log = log;
    }

    @Override
    public String name() {
        return "VRRP";
    }

    @Override
    public synchronized void start() throws Exception {
        boolean igmpNow = config.globalDefs().disableLocalIgmp() && localIgmp == null;
        if (igmpNow) {
            localIgmp = LocalIgmpReports.disable(log::info);
        }
        try {
            start(CarriedOver.none());
        } catch (Exception e) {
            if (igmpNow) {          // a start that fails leaves the setting as it found it
                localIgmp.close();
                localIgmp = null;
            }
            throw e;
        }
    }

    /** {@code carried}: what a reload carries over (see ReloadHold). */
    private void start(CarriedOver carried) throws Exception {
        var resources = new ArrayList<AutoCloseable>();
        generation++;
        try {
            running = open(resources, carried);
        } catch (Exception e) {
            closeAll(resources);
            throw e;
        }
    }

    private Running open(List<AutoCloseable> resources, CarriedOver carried) throws Exception {
        Set<String> keepMaster = carried.masters();
        var stopHold = ReloadHold.none();
        vmacs(resources, stopHold);     // before the link monitor, which would replay their creation as a link flap
        resources.add(PromotedSecondaries.set(VrrpPlan.promoteSecondaries(config), log::info));
        log.info("Registering Kernel netlink reflector");
        var monitor = Linux.openNetlinkMonitor(netlinkMonitorBuffer());
        resources.add(monitor);
        var monitorPoller = Linux.openEventPoller();
        resources.add(monitorPoller);
        var watcherNetlink = Linux.openRtnetlink(netlinkCmdBuffer());
        resources.add(watcherNetlink);
        log.info("Registering Kernel netlink command channel");
        Rtnetlink rtnetlink = Linux.openRtnetlink(netlinkCmdBuffer());
        resources.add(rtnetlink);
        HostInterfaces host = HostInterfaces.read(rtnetlink);
        VrrpPlan plan = VrrpPlan.of(config, host);
        logAbsent(plan, host);
        for (String ifname : plan.interfaces()) {
            host.link(ifname).ifPresent(l -> {
                host.primaryIpv4(l.index()).ifPresent(a -> log.detail("Assigned address " + AddressText.of(a) + " for interface " + ifname));
                host.linkLocalIpv6(l.index()).ifPresent(a -> log.detail("Assigned address " + AddressText.of(a) + " for interface " + ifname));
            });
        }

        log.info("Registering gratuitous ARP shared channel");
        var arp = new LinkedHashMap<String, GarpSender>();
        var na = new LinkedHashMap<String, NeighbourAdvertiser>();
        for (String ifname : plan.interfaces()) {
            if (host.link(ifname).isEmpty()) {
                continue;       // dynamic_interfaces: its instances are absent (FAULT) in this run
            }
            boolean v4 = plan.deviceOf().entrySet().stream().anyMatch(e -> e.getValue().equals(ifname) && !(e.getKey() instanceof Inet6Address));
            boolean v6 = plan.deviceOf().entrySet().stream().anyMatch(e -> e.getValue().equals(ifname) && e.getKey() instanceof Inet6Address);
            if (v4) {
                arp.put(ifname, Linux.openGarpSender(ifname));
            }
            if (v6) {
                na.put(ifname, Linux.openNeighbourAdvertiser(ifname));
            }
        }
        var garp = new AnnouncingGarpSender(arp, na, plan.deviceOf(), log, GarpRateLimits.of(config), clock,
                loopSettings()::applyToHelperThread);
        resources.add(garp);

        var sockets = new LinkedHashMap<SocketKey, RawVrrpSocket>();
        var byInstance = new LinkedHashMap<String, RawVrrpSocket>();
        for (Map.Entry<String, SocketKey> e : plan.socketOf().entrySet()) {
            RawVrrpSocket s = sockets.get(e.getValue());
            if (s == null) {
                s = Linux.openVrrpSocket(e.getValue().spec(), VrrpPlan.receiveBuffer(config, plan.socketOf(), e.getValue(), host));
                sockets.put(e.getValue(), s);
            }
            byInstance.put(e.getKey(), s);
        }
        var linuxTransport = new LinuxVrrpTransport(Linux.openEventPoller(), byInstance);
        resources.add(linuxTransport);
        var transport = HoldingPorts.transport(linuxTransport, stopHold);

        var startHold = ReloadHold.none();
        startHold.hold(carried);
        var firewall = NftablesVipFirewall.open(new LinuxAddressManager(rtnetlink, plan.addressesOf(), log::info),
                VipFirewallPlan.of(config, plan.addressesOf(), plan.deviceOf()), log::info, log::warning);
        resources.add(firewall);        // closed after the loop stopped and removed the VIPs: the table goes last
        AddressManager linuxAddresses = firewall;
        var addresses = new StopAwareAddresses(HoldingPorts.addresses(HoldingPorts.addresses(linuxAddresses, startHold),
                stopHold), keepVipsOnStop);
        var scripts = new ScriptRunner(log, 256, "VRRP-scripts");
        resources.add(scripts);
        var jobs = new ScriptJobs(ScriptJobs.Settings.of(config.globalDefs()), log);
        var stopScripts = new ScriptsAtStop();
        var fifos = new ArrayList<NotifyFifo>();
        var g = config.globalDefs();
        openFifo(g.notifyFifo(), g.notifyFifoScript(), scripts, jobs).ifPresent(fifos::add);
        openFifo(g.vrrpNotifyFifo(), g.vrrpNotifyFifoScript(), scripts, jobs).ifPresent(fifos::add);
        resources.addAll(fifos);
        String host0 = hostName();
        Optional<MailAlerter> mail = SmtpAlertSettings.from(config.globalDefs(), host0, System.getProperty("user.name", "root"),
                log::warning).filter(SmtpAlertSettings::enabled).map(s -> new MailAlerter(s, log::info, 64));
        mail.ifPresent(resources::add);
        String routerId = config.globalDefs().routerId().orElse(host0);
        var paramsByName = new LinkedHashMap<String, InstanceParams>();
        plan.instances().forEach(p -> paramsByName.put(p.name(), p));
        var vrrpNotifier = new VrrpNotifier(config, scripts, jobs, stopScripts, fifos, mail, routerId, log);
        if (g.fifoWriteVrrpStatesOnReload()) {
            writeKeptStates(carried, plan, vrrpNotifier);
        }
        Notifier notifier = HoldingPorts.notifier(HoldingPorts.notifier(vrrpNotifier,
                startHold, true, linuxAddresses, paramsByName, log::info), stopHold, false, linuxAddresses, paramsByName, log::info);
        var routingNames = IprouteNameFiles.read(config.globalDefs());
        RoutingPlan routingPlan = RoutingPlan.of(config, host, routingNames);
        notifier = routing(resources, routingPlan, notifier, stopHold);
        var syncDaemon = SyncDaemons.open(config, log);
        if (syncDaemon.isPresent()) {
            resources.add(syncDaemon.get());
            notifier = new SyncDaemonNotifier(notifier, syncDaemon.get());
        }

        // instances carried over as MASTER want MASTER and resume it on the engine's first timer, well
        // before a backup's master down timer runs out
        var engine = new VrrpEngine(plan.instances().stream()
                .map(p -> keepMaster.contains(p.name()) ? p.toBuilder().initialMaster(true).build() : p).toList(),
                plan.groups(), logDetail, config.globalDefs().logUnknownVrids());
        engine.resumeAsMaster(keepMaster);
        var loop = new VrrpLoop("VRRP", engine, new VrrpPorts(transport, addresses, garp, notifier,
                HoldingPorts.log(new BoundedLogSink(log::info, clock, 5, 10_000_000L), stopHold)), clock);
        var book = TrackerBook.of(config);
        var statics = resources.stream().filter(StaticRouting.class::isInstance).map(StaticRouting.class::cast).findFirst();
        long run = generation;
        Optional<HostReplanner> replanner = config.globalDefs().dynamicInterfaces()
                ? Optional.of(new HostReplanner(config, plan, names -> replanSoon(run, names))) : Optional.empty();
        var polled = LinkbeatInterfaces.of(config, plan, LinkbeatInterfaces.tracked(book), log::info);
        var linkbeat = polled.isEmpty() ? Linkbeat.none() : new Linkbeat(polled, Linux.openLinkProbe(), log::info, clock.nowMicros());
        LinkWatcher watcher;
        try {
            watcher = new LinkWatcher(monitor, monitorPoller, watcherNetlink, plan.interfaces(), book, loop::submit,
                    l -> statics.ifPresent(s -> s.interfaceUp(l.index())), linkDelays(plan), linkbeat, replanner, clock, log);
        } catch (Exception e) {
            linkbeat.close();
            throw e;
        }
        resources.remove(monitor);
        resources.remove(monitorPoller);
        resources.remove(watcherNetlink);
        resources.add(watcher);
        // track_src_ip's sources before the engine's Start, so that one missing now starts in FAULT (init)
        watcher.sources(host.addresses());
        var settings = loopSettings();
        var feederTids = new java.util.concurrent.CopyOnWriteArrayList<Integer>();
        loop.onLateTimer(lateTimers(settings, feederTids));
        loop.start(startupDelayMicros(), () -> {
            settings.applyToHelperThread();
            feederTids.add(io.jkeepalived.linux.ThreadScheduling.currentThreadId());
        });
        schedule(loop, settings);
        sockets.forEach((key, s) -> log.info(key.logLine(s.fd())));
        watcher.start(host.links());
        watchVirtualDeletions(resources, TrackedVirtuals.of(config, plan, host, routingNames), loop);
        var trackers = new TrackerRunner(book, TrackerBook.usedScripts(config, book), TrackerBook.usedFiles(config, book),
                loop::submit, scripts, jobs, config.globalDefs().umask(), clock, log);
        resources.add(trackers);
        trackers.start();
        watchProcesses(resources, book, loop);
        var ifNames = new HashMap<Integer, String>();
        host.links().forEach(l -> ifNames.put(l.index(), l.name()));
        return new Running(loop, engine, plan, addresses, stopScripts, startHold, stopHold, watcher, trackers, routingPlan,
                Map.copyOf(ifNames), resources);
    }

    /**
     * dynamic_interfaces: keepalived's words for what is missing (an interface once, then each instance that cannot run
     * and why); those instances are in FAULT for this run.
     */
    private void logAbsent(VrrpPlan plan, HostInterfaces host) {
        var vmacs = VrrpPlan.vmacs(config);
        var vmacNames = vmacs.stream().map(io.jkeepalived.vrrp.plan.Vmac::name).toList();
        var missing = new java.util.LinkedHashSet<String>();
        vmacs.stream().map(io.jkeepalived.vrrp.plan.Vmac::parent).forEach(missing::add);    // a VMAC's interface
        missing.addAll(plan.interfaces());
        missing.stream().filter(n -> host.link(n).isEmpty() && !vmacNames.contains(n)).forEach(n ->
                log.info("Configuration specifies interface " + n + " which doesn't currently exist - will use if created"));
        plan.absent().forEach((name, why) -> log.info("(" + name + ")" + (why.startsWith("interface ") ? ":" : "")
                + " entering FAULT state (" + why + ")"));
    }

    /**
     * dynamic_interfaces: run {@code run} found instances that can run now (HostReplanner). A new run on the same
     * configuration plans them on the host as it is; the reload carries every other instance over in its state.
     * Asked from the link watcher's thread, which the reload stops: so on a thread of its own.
     */
    private void replanSoon(long run, Set<String> names) {
        Thread.ofPlatform().name("VRRP-replan").daemon().start(() -> replan(run, names));
    }

    private synchronized void replan(long run, Set<String> names) {
        if (running == null || run != generation) {
            return;         // stopped, or reloaded since: that run planned on a newer host anyway
        }
        log.info("Interfaces changed: " + String.join(", ", names) + " can run now - planning the VRRP instances again");
        replanning = true;
        try {
            reload(config);
        } catch (RuntimeException e) {
            log.error("VRRP: planning again after an interface change failed: " + e.getMessage());
        } finally {
            replanning = false;
        }
    }

    /** vrrp_netlink_cmd_rcv_bufs(_force): every rtnetlink request socket of VRRP (keepalived's nl_cmd). */
    private ReceiveBuffer netlinkCmdBuffer() {
        return receiveBuffer(config.globalDefs().socketBuffers().vrrpNetlinkCmd());
    }

    /** vrrp_netlink_monitor_rcv_bufs(_force): the link/address and route/rule subscriptions (keepalived's nl_kernel). */
    private ReceiveBuffer netlinkMonitorBuffer() {
        return receiveBuffer(config.globalDefs().socketBuffers().vrrpNetlinkMonitor());
    }

    static ReceiveBuffer receiveBuffer(SocketBuffers.NetlinkBuffer configured) {
        return new ReceiveBuffer(configured.size(), configured.force());
    }

    /**
     * interface_up_down_delays, cut as keepalived's vrrp_complete_instance does for each instance on the interface:
     * none with down_timer_adverts 1, and each below (down_timer_adverts - 1) advert intervals, so that a backup's
     * master down timer still runs out first.
     */
    private Map<String, LinkDebounce.Delays> linkDelays(VrrpPlan plan) {
        var delays = new HashMap<String, LinkDebounce.Delays>();
        config.interfaceUpDownDelays().forEach((name, d) -> delays.put(name,
                new LinkDebounce.Delays(d.down().toNanos() / 1000, d.up().toNanos() / 1000)));
        for (InstanceParams p : plan.instances()) {
            var d = delays.get(p.interfaceName());
            if (d == null || (d.downMicros() == 0 && d.upMicros() == 0)) {
                continue;
            }
            if (p.downTimerAdverts() == 1) {
                log.info(p.name() + ": cannot use debounce timers with down_timer_adverts = 1 - resetting");
                delays.put(p.interfaceName(), new LinkDebounce.Delays(0, 0));
                continue;
            }
            long limit = (p.downTimerAdverts() - 1) * p.advertIntervalMicros();
            if (d.downMicros() >= limit || d.upMicros() >= limit) {
                long cut = limit - p.advertIntervalMicros() / 256;
                delays.put(p.interfaceName(), new LinkDebounce.Delays(d.downMicros() >= limit ? cut : d.downMicros(),
                        d.upMicros() >= limit ? cut : d.upMicros()));
                log.info(p.name() + ": interface " + p.interfaceName() + " debounce timer(s) not less that "
                        + (p.downTimerAdverts() - 1) + " * advert_int - resetting");
            }
        }
        return delays;
    }

    /** Deleted VIPs, virtual routes and rules move their MASTER to BACKUP, as keepalived's netlink reflector. */
    private void watchVirtualDeletions(List<AutoCloseable> resources, TrackedVirtuals tracked, VrrpLoop loop)
            throws Exception {
        if (tracked.isEmpty()) {
            return;
        }
        var monitor = Linux.openRoutingMonitor(netlinkMonitorBuffer());
        resources.add(monitor);
        var poller = Linux.openEventPoller();
        resources.add(poller);
        // every request socket of this run: their removals are ours (e.g. leaving MASTER), not someone else's
        var ownPorts = resources.stream().filter(Rtnetlink.class::isInstance).map(r -> ((Rtnetlink) r).portId())
                .collect(java.util.stream.Collectors.toSet());
        var deletions = new VirtualDeletionWatcher(tracked, ownPorts, monitor, poller, loop::submit, clock, log);
        resources.remove(monitor);          // the watcher closes them
        resources.remove(poller);
        resources.add(deletions);
        deletions.start();
    }

    /**
     * fifo_write_vrrp_states_on_reload, as keepalived 2.2.7's vrrp_init_state: after a reload the FIFOs get the
     * state of each sync group kept, then of each instance kept as BACKUP (one kept as MASTER gets no line). Their
     * notifies are held back (ReloadHold), so without this a FIFO reader would not hear of them.
     */
    private static void writeKeptStates(CarriedOver carried, VrrpPlan plan, VrrpNotifier notifier) {
        plan.groups().stream().filter(gr -> carried.groups().containsKey(gr.name())).forEach(gr ->
                notifier.fifoLine(NotifyTarget.GROUP, gr.name(), notifyState(carried.groups().get(gr.name())), 0));
        plan.instances().stream().filter(p -> carried.instances().get(p.name()) == VrrpState.BACKUP).forEach(p ->
                notifier.fifoLine(NotifyTarget.INSTANCE, p.name(), NotifyState.BACKUP, p.priority()));
    }

    private static NotifyState notifyState(VrrpState s) {
        return s == VrrpState.MASTER ? NotifyState.MASTER : s == VrrpState.FAULT ? NotifyState.FAULT : NotifyState.BACKUP;
    }

    /**
     * A notify FIFO and, as keepalived does once the FIFO exists, its reader script ({@code notify_fifo_script},
     * {@code vrrp_notify_fifo_script}) with the FIFO's path as its last argument, through the one script runner.
     */
    private Optional<NotifyFifo> openFifo(Optional<String> path, Optional<ScriptSpec> reader, ScriptRunner scripts,
                                          ScriptJobs jobs) {
        var fifo = path.flatMap(p -> NotifyFifo.open(Path.of(p), config.globalDefs().umask(), log));
        fifo.ifPresent(f -> reader.ifPresent(r -> f.startReader(r, jobs, scripts)));
        return fifo;
    }

    /**
     * vrrp_startup_delay, or what is left of vrrp_delay_after_boot since the system booted if longer, on the first
     * start only (as keepalived: not after a reload).
     */
    private long startupDelayMicros() {
        boolean first = !startedOnce;
        startedOnce = true;
        if (!first) {
            return 0;
        }
        var g = config.globalDefs();
        Optional<java.time.Duration> uptime = Optional.empty();
        if (!g.vrrpDelayAfterBoot().isZero()) {
            uptime = uptime();
        }
        var delay = io.jkeepalived.vrrp.plan.StartupDelay.of(g.vrrpStartupDelay(), g.vrrpDelayAfterBoot(), uptime);
        long micros = delay.toNanos() / 1_000;
        if (micros <= 0) {
            return 0;
        }
        if (delay.compareTo(g.vrrpStartupDelay()) > 0 && delay.toSeconds() >= 60) {
            log.info("The vrrp_wait_after_boot is very large - " + delay.toSeconds() + " seconds");
        }
        log.info("Delaying startup for " + new java.math.BigDecimal(micros).movePointLeft(6).stripTrailingZeros().toPlainString()
                + " seconds");
        return micros;
    }

    /** The time since boot, from /proc/uptime; keepalived's warning and empty if it cannot be read. */
    private Optional<java.time.Duration> uptime() {
        try {
            var up = io.jkeepalived.vrrp.plan.StartupDelay.parseUptime(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")));
            if (up.isEmpty()) {
                log.warning("Unable to read /proc/uptime for vrrp_delay_after_boot - ignoring");
            }
            return up;
        } catch (java.io.IOException e) {
            log.warning("Unable to open /proc/uptime for vrrp_delay_after_boot - ignoring");
            return Optional.empty();
        }
    }

    /**
     * vrrp_rt_priority (SCHED_RR), vrrp_priority (nice), vrrp_cpu_affinity for the loop thread, where the engine and
     * its timers run, and for the timer and reader threads that wake it: what keeps a short advert_int alive on a
     * busy host; *_no_swap and *_rlimit_rttime for the process (one JVM: either subsystem's). Each start (reloads
     * too) sets them all, as keepalived's reset and set on a reload. Refused (no CAP_SYS_NICE ...) is a warning.
     */
    private io.jkeepalived.linux.LoopThreadSettings loopSettings() {
        var g = config.globalDefs();
        return new io.jkeepalived.linux.LoopThreadSettings("vrrp", g.vrrpRtPriority(), g.vrrpPriority(),
                g.vrrpCpuAffinity(), g.vrrpNoSwap() || g.checkerNoSwap(),
                io.jkeepalived.linux.LoopThreadSettings.processRealtimeLimit(g.vrrpRtPriority(), g.vrrpRlimitRttime(),
                        g.checkerRtPriority(), g.checkerRlimitRttime()), g.processNames().vrrp());
    }

    /**
     * max_auto_priority / min_auto_priority_delay: a timer the loop handles too late is logged in keepalived's words and
     * raises the loop and the threads that wake it ({@code feederTids}) one realtime step (common.AutoRealtimePriority).
     */
    private java.util.function.LongConsumer lateTimers(io.jkeepalived.linux.LoopThreadSettings settings, List<Integer> feederTids) {
        var g = config.globalDefs();
        var auto = new io.jkeepalived.common.AutoRealtimePriority(g.maxAutoPriority(),
                g.minAutoPriorityDelay().toNanos() / 1_000, settings.realtimePriority());
        long limit = io.jkeepalived.linux.LoopThreadSettings.processRealtimeLimit(1, g.vrrpRlimitRttime(),
                g.checkerRtPriority(), g.checkerRlimitRttime());
        return settings.autoRaise(auto, limit, feederTids, log::info, log::warning);
    }

    private void schedule(VrrpLoop loop, io.jkeepalived.linux.LoopThreadSettings settings) {
        try {
            String set = loop.query(engine -> settings.applyHere(log::warning, log::info), 2_000);
            if (!set.isEmpty()) {
                log.info("VRRP loop thread scheduling set:" + set);
            }
        } catch (Exception e) {
            log.warning("VRRP: cannot set the loop thread's scheduling: " + e.getMessage());
        }
    }

    /** track_process: the kernel's process events, if any instance tracks a process. */
    private void watchProcesses(List<AutoCloseable> resources, TrackerBook book, VrrpLoop loop) throws Exception {
        var used = ProcessWatcher.used(config.trackProcesses(), book);
        if (used.isEmpty()) {
            return;
        }
        var events = Linux.openProcessEvents(receiveBuffer(config.globalDefs().socketBuffers().processMonitor()));
        resources.add(events);
        var poller = Linux.openEventPoller();
        resources.add(poller);
        var watcher = new ProcessWatcher(used, events, poller, book, loop::submit, clock, log);
        resources.remove(events);       // the watcher closes them
        resources.remove(poller);
        resources.add(watcher);
        watcher.start();
    }

    /**
     * keepalived's use_vmac: the VMACs exist before the interfaces are read and planned; they go at stop (after the
     * VIPs), except with -V or for instances a reload keeps MASTER.
     */
    private void vmacs(List<AutoCloseable> resources, ReloadHold stopHold) throws Exception {
        var wanted = VrrpPlan.vmacs(config);
        if (wanted.isEmpty()) {
            return;
        }
        Rtnetlink rtnetlink = Linux.openRtnetlink(netlinkCmdBuffer());
        resources.add(rtnetlink);
        if (config.globalDefs().dynamicInterfaces()) {     // a VMAC on an interface still missing is made when it comes
            var links = rtnetlink.links();
            wanted = wanted.stream().filter(v -> links.stream().anyMatch(l -> l.name().equals(v.parent()))).toList();
        }
        var vmacs = new LinuxVmacs(rtnetlink, log::info);
        resources.add(() -> {
            if (!keepVipsOnStop) {      // -V leaves the VIPs, so their VMACs too
                vmacs.remove(stopHold.instances());
            }
        });
        vmacs.create(wanted);
    }

    /**
     * Static addresses/routes/rules (installed now, kept, removed at stop) and virtual routes/rules (while MASTER,
     * through the notifier; withdrawn at stop unless -V or a reload keeps the instance MASTER).
     */
    private Notifier routing(List<AutoCloseable> resources, RoutingPlan plan, Notifier notifier, ReloadHold stopHold)
            throws Exception {
        plan.warnings().forEach(log::warning);
        if (plan.isEmpty()) {
            return notifier;
        }
        Rtnetlink rt = Linux.openRtnetlink(netlinkCmdBuffer());
        resources.add(rt);
        var table = new LinuxRoutingTable(rt);
        if (!plan.staticAddresses().isEmpty() || !plan.staticRoutes().isEmpty() || !plan.staticRules().isEmpty()) {
            var monitor = Linux.openRoutingMonitor(netlinkMonitorBuffer());
            resources.add(monitor);
            var poller = Linux.openEventPoller();
            resources.add(poller);
            var statics = new StaticRouting(plan, table, monitor, poller, log);
            resources.remove(monitor);          // StaticRouting closes them
            resources.remove(poller);
            resources.add(statics);
            statics.start();
        }
        var virtual = new VirtualRouting(notifier, plan, table, log::info);
        resources.add(() -> {
            if (!keepVipsOnStop) {
                virtual.withdrawAll(stopHold.instances());
            }
        });
        return virtual;
    }

    @Override
    public synchronized void stop() {
        stopRun();
        if (localIgmp != null) {
            localIgmp.close();
            localIgmp = null;
        }
    }

    /** Stops the current run (a reload starts the next one). */
    private void stopRun() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        r.addresses().stopping();
        closeQuietly(r.resources(), TrackerRunner.class);
        closeQuietly(r.resources(), LinkWatcher.class);
        closeQuietly(r.resources(), VirtualDeletionWatcher.class);
        try {
            if (!r.loop().stop(3_000)) {
                log.warning("VRRP loop did not stop within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.stopScripts().await(Duration.ofSeconds(1), false);
        closeAll(r.resources());
    }

    /**
     * keepalived re-reads the configuration and diffs it. Here the subsystem restarts on the new configuration,
     * but instances that are still the same virtual router (ReloadDiff: name, interface, VRID, family, unicast
     * source) and sync groups are carried over in their state, MASTER or BACKUP, with their new settings applied
     * in place: the old run does not send their priority 0, drop their kept VIPs or run their STOP notifies, the
     * new run resumes them without dropping a VIP or notifying again (ReloadHold); a MASTER's VIPs no longer
     * configured are removed, new ones added. Removed instances, and instances that became another virtual
     * router, stop as on SIGTERM and start afresh.
     */
    @Override
    public synchronized void reload(KeepalivedConfig newConfig) {
        Running old = running;
        CarriedOver carried = CarriedOver.none();
        if (old != null) {
            VrrpPlan next = null;
            try (Rtnetlink rt = Linux.openRtnetlink(netlinkCmdBuffer())) {
                HostInterfaces host = HostInterfaces.read(rt);
                next = VrrpPlan.of(newConfig, host);
                var states = old.loop().query(engine -> oldStates(engine, old.plan(), old.startHold()), 2_000);
                carried = ReloadDiff.carried(old.plan(), states, next,
                        virtualRoutingChanged(
                                RoutingPlan.of(config, host, IprouteNameFiles.read(config.globalDefs())),
                                RoutingPlan.of(newConfig, host, IprouteNameFiles.read(newConfig.globalDefs()))));
                old.stopHold().gone(ReloadDiff.gone(old.plan(), states, next, config.vrrpInstances().stream()
                        .filter(i -> i.notifyScripts().notifyDeletedSet()).map(VrrpInstanceSpec::name)
                        .collect(java.util.stream.Collectors.toSet())));
            } catch (Exception e) {
                log.warning("Reload: cannot compare the configurations (" + e.getMessage() + ") - restarting every instance");
            }
            old.stopHold().hold(carried);
            for (var e : new java.util.TreeMap<>(carried.instances()).entrySet()) {
                logCarried(e.getKey(), e.getValue(), old.plan(), next, carried);
            }
            new java.util.TreeMap<>(carried.groups()).forEach((name, state) ->
                    log.info("VRRP_Group(" + name + ") unchanged - keeping " + state + " state over the reload"));
        }
        stopRun();
        if (newConfig.globalDefs().disableLocalIgmp() != config.globalDefs().disableLocalIgmp()) {
            log.info("Cannot change disable_local_igmp at a reload - please restart keepalived");
        }
        config = newConfig;
        try {
            start(carried);
        } catch (Exception e) {
            log.error("VRRP subsystem failed to restart after reload: " + e.getMessage());
        }
    }

    /**
     * One line per carried instance: unchanged, or changed in place with what happens to its VIPs (a MASTER's
     * removed ones go as the old run stops, new ones come when the new run resumes it).
     */
    private void logCarried(String name, VrrpState state, VrrpPlan old, VrrpPlan next, CarriedOver carried) {
        InstanceParams was = old.instances().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        InstanceParams now = next.instances().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        if (was.equals(now) && java.util.Objects.equals(old.addressesOf().get(name), next.addressesOf().get(name))) {
            log.info("(" + name + ") unchanged - keeping " + state + " state over the reload");
            return;
        }
        var kept = carried.kept(name).orElse(Set.of());
        var removed = new ArrayList<java.net.InetAddress>(was.vips());
        removed.addAll(was.excludedVips());
        removed.removeIf(kept::contains);
        var added = new ArrayList<java.net.InetAddress>(now.vips());
        added.addAll(now.excludedVips());
        added.removeIf(kept::contains);
        var text = new StringBuilder("(" + name + ") changed - applied in place, keeping " + state + " state over the reload");
        if (was.priority() != now.priority()) {
            text.append("; priority ").append(was.priority()).append(" -> ").append(now.priority());
        }
        if (state == VrrpState.MASTER && !removed.isEmpty()) {
            text.append("; removing VIPs ").append(removed.stream().map(AddressText::of).toList());
        }
        if (state == VrrpState.MASTER && !added.isEmpty()) {
            text.append("; adding VIPs ").append(added.stream().map(AddressText::of).toList());
        }
        log.info(text.toString());
    }

    /**
     * Instances whose virtual routes or rules changed restart: the old run withdraws the routes of the instances
     * it stops, and a carried MASTER would otherwise keep a route that is no longer configured.
     */
    private static Set<String> virtualRoutingChanged(RoutingPlan old, RoutingPlan next) {
        var changed = new java.util.HashSet<String>();
        var names = new java.util.HashSet<String>(old.virtualRoutesOf().keySet());
        names.addAll(next.virtualRoutesOf().keySet());
        names.addAll(old.virtualRulesOf().keySet());
        names.addAll(next.virtualRulesOf().keySet());
        for (String n : names) {
            if (!java.util.Objects.equals(old.virtualRoutesOf().getOrDefault(n, List.of()), next.virtualRoutesOf().getOrDefault(n, List.of()))
                    || !java.util.Objects.equals(old.virtualRulesOf().getOrDefault(n, List.of()), next.virtualRulesOf().getOrDefault(n, List.of()))) {
                changed.add(n);
            }
        }
        return changed;
    }

    /**
     * Read on the loop thread: the engine belongs to it, and so do the hold's releases. What the previous reload
     * carried and is not resumed yet (a reload storm) counts in its carried state, not the passing one.
     */
    private static ReloadDiff.OldStates oldStates(VrrpEngine engine, VrrpPlan plan, ReloadHold resuming) {
        var instances = new java.util.HashMap<String, VrrpState>();
        plan.instances().forEach(p -> instances.put(p.name(),
                resuming.carriedState(p.name()).orElse(engine.state(p.name()))));
        var groups = new java.util.HashMap<String, VrrpState>();
        plan.groups().forEach(g -> groups.put(g.name(), resuming.groupState(g.name()).orElse(engine.groupState(g.name()))));
        return new ReloadDiff.OldStates(instances, groups);
    }

    @Override
    public synchronized void writeData(Appendable out) throws IOException {
        Running r = running;
        if (r == null) {
            return;
        }
        out.append(onLoop(r, engine -> {
            var text = new StringBuilder();
            try {
                VrrpDataDump.write(text, engine, r.plan(), config);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return text.toString();
        }));
    }

    @Override
    public synchronized void writeStats(Appendable out) throws IOException {
        writeStats(out, false);
    }

    @Override
    public synchronized void writeStatsAndClear(Appendable out) throws IOException {
        writeStats(out, true);
    }

    /** On the loop, so the counters written are the ones cleared. */
    private void writeStats(Appendable out, boolean clear) throws IOException {
        Running r = running;
        if (r == null) {
            return;
        }
        out.append(onLoop(r, engine -> {
            var text = new StringBuilder();
            for (InstanceParams p : r.plan().instances()) {
                text.append(engine.stats(p.name()).format(p.name()));
                if (clear) {
                    engine.clearStats(p.name());
                }
            }
            return text.toString();
        }));
    }

    /** keepalived.json: nothing while no instance runs (keepalived writes no file then). */
    @Override
    public synchronized Optional<String> json(int version) throws IOException {
        Running r = running;
        if (r == null || r.plan().instances().isEmpty()) {
            return Optional.empty();
        }
        List<ProcessWatcher.State> processes = r.resources().stream().filter(ProcessWatcher.class::isInstance)
                .map(w -> ((ProcessWatcher) w).states()).findFirst().orElse(List.of());
        KeepalivedConfig running = config;
        return Optional.of(onLoop(r, engine -> {
            java.time.Instant wall = java.time.Instant.now();
            return VrrpJsonDump.write(new VrrpJsonDump.Context(engine, r.plan(), r.routing(), running,
                    i -> r.ifNames().getOrDefault(i, Integer.toString(i)), processes, clock.nowMicros(),
                    wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1_000), version);
        }));
    }

    /** The engine belongs to the loop thread: dumps read it there, between two events. */
    private static String onLoop(Running r, java.util.function.Function<io.jkeepalived.vrrp.engine.VrrpEngine, String> read)
            throws IOException {
        try {
            return r.loop().query(read, 2_000);
        } catch (Exception e) {
            throw new IOException("the VRRP loop did not answer the dump request: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean running() {
        Running r = running;
        return replanning || (r != null && r.alive());
    }

    /** Each instance's state, read on the loop thread between two events (at most 1 s of waiting). */
    @Override
    public Optional<String> status() {
        Running r = running;
        if (r == null || !r.alive()) {
            return Optional.of("VRRP not running");
        }
        try {
            return Optional.of(r.loop().query(engine -> VrrpStatusLine.of(r.plan().instances().stream()
                    .map(p -> Map.entry(p.name(), engine.state(p.name()))).toList()), 1_000));
        } catch (Exception e) {
            return Optional.of("VRRP not answering");
        }
    }

    private static void closeQuietly(List<AutoCloseable> resources, Class<?> type) {
        for (AutoCloseable c : resources) {
            if (type.isInstance(c)) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing on the way out
                }
            }
        }
    }

    private void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warning("VRRP: error releasing " + resources.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        resources.clear();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
