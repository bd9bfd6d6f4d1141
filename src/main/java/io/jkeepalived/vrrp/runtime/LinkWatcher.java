package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.ThreadWatch;
import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.NetlinkEvent;
import io.jkeepalived.linux.NetlinkMonitor;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.common.MonotonicClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.jkeepalived.common.AddressText;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.vrrp.plan.HostInterfaces;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * keepalived's "Kernel netlink reflector": a thread on its own netlink socket and epoll set that turns link
 * changes of the interfaces we use into LinkChanged (the primary interface: FAULT / back to BACKUP) and
 * track_interface TrackerChanged events. Up means IFF_UP and IFF_RUNNING (carrier), as in keepalived.
 * After a netlink overrun the full link list is read again. The interfaces {@link Linkbeat} polls are not heard
 * from netlink (keepalived ignores its link messages for them): the same thread reads them every second instead.
 * Addresses: track_src_ip's source trackers (SourcePresence), and with dynamic_interfaces every link or address
 * change asks the HostReplanner whether an instance can now run that could not.
 */
public final class LinkWatcher implements AutoCloseable, Supervised {
    private final NetlinkMonitor monitor;
    private final Rtnetlink rtnetlink;
    private final Set<String> interfaces;
    private final TrackerBook book;
    private final Consumer<VrrpEvent> loop;
    private final MonotonicClock clock;
    private final Log log;
    private final Map<String, Boolean> up = new HashMap<>();
    /** Every link's last state, for {@link #linkUp} (which hears of all links, not only the watched ones). */
    private final Map<Integer, Boolean> anyUp = new HashMap<>();
    private final Consumer<Link> linkUp;
    private final NetlinkWatchThread watchThread;
    private final LinkDebounce debounce;
    private final Linkbeat linkbeat;
    private final SourcePresence sources;
    private final Optional<HostReplanner> replanner;

    public LinkWatcher(NetlinkMonitor monitor, EventPoller poller, Rtnetlink rtnetlink, Set<String> interfaces, TrackerBook book,
                Consumer<VrrpEvent> loop, MonotonicClock clock, Log log) throws Exception {
        this(monitor, poller, rtnetlink, interfaces, book, loop, l -> { }, Map.of(), Linkbeat.none(), Optional.empty(), clock, log);
    }

    /**
     * With {@code linkUp} told of every link that comes up (keepalived's interface_up: static entries go back), and
     * the interface_up_down_delays of the interfaces that have them, the interfaces polled instead (closed with
     * the watcher), and dynamic_interfaces' {@code replanner}.
     */
    LinkWatcher(NetlinkMonitor monitor, EventPoller poller, Rtnetlink rtnetlink, Set<String> interfaces, TrackerBook book,
                Consumer<VrrpEvent> loop, Consumer<Link> linkUp, Map<String, LinkDebounce.Delays> delays, Linkbeat linkbeat,
                Optional<HostReplanner> replanner, MonotonicClock clock, Log log) throws Exception {
        this.debounce = new LinkDebounce(delays, log::info);
        this.linkbeat = linkbeat;
        this.sources = new SourcePresence(book.sources());
        this.replanner = replanner;
        this.linkUp = linkUp;
        this.monitor = monitor;
        this.rtnetlink = rtnetlink;
        this.interfaces = Set.copyOf(interfaces);
        this.book = book;
        this.loop = loop;
        this.clock = clock;
        this.log = log;
        this.watchThread = new NetlinkWatchThread(poller, monitor.fd(), monitor::close, "Netlink monitor error: ", log);
    }

    /** The watcher thread's death, if it died: link changes are no longer seen. */
    @Override
    public java.util.Optional<ThreadWatch.Death> death() {
        return watchThread.death();
    }

    static boolean usable(Link l) {
        return l.isUp() && l.isRunning();
    }

    /**
     * track_src_ip: submits whether each tracked source is among the host's {@code addresses} (before the engine's
     * Start: one missing starts its instances in FAULT). Before {@link #start}.
     */
    public void sources(List<InterfaceAddress> addresses) {
        sources.initial(addresses);
        for (InetAddress a : sources.tracked()) {
            for (var e : book.status(TrackerBook.sourceKey(a), sources.present(a), clock.nowMicros())) {
                if (e.fault()) {
                    log.info("(" + e.instance() + "): entering FAULT state (src address not configured)");
                }
                loop.accept(e);
            }
        }
    }

    /** Submits the links' current state (after the engine's Start) and starts watching. */
    public void start(List<Link> links) {
        links.forEach(l -> anyUp.put(l.index(), usable(l)));
        links.forEach(l -> debounce.initial(l.name(), usable(l), l.flags()));
        if (!linkbeat.names().isEmpty()) {
            log.info("Using MII-BMSR/ETHTOOL NIC polling thread(s)...");
        }
        for (Link l : links) {
            if (interfaces.contains(l.name()) || book.trackers().contains(TrackerBook.interfaceKey(l.name()))) {
                boolean isUp = linkbeat.polls(l.name()) ? linkbeat.read(l.name()) : usable(l);
                up.put(l.name(), isUp);
                if (!isUp) {
                    log.info("Interface " + l.name() + " is down at startup");
                    publish(l.name(), false);
                } else if (book.trackers().contains(TrackerBook.interfaceKey(l.name()))) {
                    book.status(TrackerBook.interfaceKey(l.name()), true, clock.nowMicros()).forEach(loop);
                }
            }
        }
        for (String tracked : book.trackers()) {
            if (tracked.startsWith("interface ") && !up.containsKey(tracked.substring(10))) {
                log.warning("track_interface " + tracked.substring(10) + " does not exist - treated as down");
                up.put(tracked.substring(10), false);
                book.status(tracked, false, clock.nowMicros()).forEach(loop);
            }
        }
        watchThread.startWatched("VRRP-netlink", this::millisToNextDue, this::step);
    }

    private int millisToNextDue() {
        long due = Math.min(Math.min(debounce.nextDue(), linkbeat.nextDue()),
                replanner.map(HostReplanner::nextDue).orElse(LinkDebounce.NEVER));
        return due == LinkDebounce.NEVER ? -1 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, (due - clock.nowMicros() + 999) / 1000));
    }

    /** One wake-up: the netlink events, then the delayed link changes that fell due. */
    private void step() throws Exception {
        monitor.drain(this::event);
        for (var c : debounce.due(clock.nowMicros())) {
            apply(c.name(), c.up());
        }
        for (var p : linkbeat.due(clock.nowMicros())) {
            Boolean before = up.get(p.name());
            if (before != null && before != p.up()) {
                up.put(p.name(), p.up());
                log.info("Linkbeat reports " + p.name() + " " + (p.up() ? "up" : "down"));
                publish(p.name(), p.up());
            }
        }
        if (replanner.isPresent() && replanner.get().due(clock.nowMicros())) {
            replanner.get().check(HostInterfaces.read(rtnetlink));
        }
    }

    private void event(NetlinkEvent e) {
        switch (e) {
            case NetlinkEvent.LinkChanged c -> {
                if (!anyUp.containsKey(c.link().index())) {
                    log.detail("Interface " + c.link().name() + " added");
                }
                changed(c.link().name(), usable(c.link()), c.link().flags());
                anyChanged(c.link());
                replanner.ifPresent(r -> r.noticed(clock.nowMicros()));
            }
            case NetlinkEvent.LinkRemoved r -> {
                changed(r.link().name(), false, 0);
                anyUp.remove(r.link().index());
                String deleted = "Interface " + r.link().name() + " deleted";
                if (interfaces.contains(r.link().name()) || up.containsKey(r.link().name())) {
                    log.info(deleted);      // keepalived: always for an interface an instance tracks, else with -D
                } else {
                    log.detail(deleted);
                }
            }
            case NetlinkEvent.AddressAdded a -> {
                sources.added(a.address()).ifPresent(present -> source(a.address(), true));
                replanner.ifPresent(r -> r.noticed(clock.nowMicros()));
            }
            case NetlinkEvent.AddressRemoved a -> sources.removed(a.address()).ifPresent(present -> source(a.address(), false));
            case NetlinkEvent.Overrun o -> {
                replanner.ifPresent(r -> r.noticed(clock.nowMicros()));
                try {
                    rtnetlink.links().forEach(l -> {
                        changed(l.name(), usable(l), l.flags());
                        anyChanged(l);
                    });
                } catch (Exception ex) {
                    log.error("Netlink: cannot re-read links after an overrun: " + ex.getMessage());
                }
                if (!sources.tracked().isEmpty()) {
                    try {
                        sources.resync(rtnetlink.addresses()).forEach((a, present) ->
                                book.status(TrackerBook.sourceKey(a), present, clock.nowMicros()).forEach(loop));
                    } catch (Exception ex) {
                        log.error("Netlink: cannot re-read addresses after an overrun: " + ex.getMessage());
                    }
                }
            }
        }
    }

    /** track_src_ip: a tracked source address appeared on the host or left its last interface. */
    private void source(InterfaceAddress a, boolean present) {
        String name = linkName(a.interfaceIndex());
        log.detail(present ? "Assigned address " + AddressText.of(a.address()) + " for interface " + name
                : "Deassigned address " + AddressText.of(a.address()) + " from interface " + name);
        book.status(TrackerBook.sourceKey(a.address()), present, clock.nowMicros()).forEach(loop);
    }

    private String linkName(int index) {
        try {
            return rtnetlink.links().stream().filter(l -> l.index() == index).map(Link::name).findFirst()
                    .orElse(Integer.toString(index));
        } catch (Exception e) {
            return Integer.toString(index);
        }
    }

    private void anyChanged(Link l) {
        boolean nowUp = usable(l);
        Boolean before = anyUp.put(l.index(), nowUp);
        if (nowUp && !Boolean.TRUE.equals(before)) {
            linkUp.accept(l);
        }
    }

    private void changed(String name, boolean nowUp, int flags) {
        if (linkbeat.polls(name)) {
            return;
        }
        Boolean before = up.get(name);
        if (before == null || !debounce.report(name, before, nowUp, flags, clock.nowMicros())) {
            return;
        }
        apply(name, nowUp);
    }

    private void apply(String name, boolean nowUp) {
        up.put(name, nowUp);
        log.info("Netlink reports " + name + " " + (nowUp ? "up" : "down"));
        publish(name, nowUp);
    }

    private void publish(String name, boolean nowUp) {
        long now = clock.nowMicros();
        if (interfaces.contains(name)) {
            loop.accept(new VrrpEvent.LinkChanged(name, nowUp, now));
        }
        book.status(TrackerBook.interfaceKey(name), nowUp, now).forEach(loop);
    }

    @Override
    public void close() {
        watchThread.close();
        linkbeat.close();
        rtnetlink.close();
    }
}
