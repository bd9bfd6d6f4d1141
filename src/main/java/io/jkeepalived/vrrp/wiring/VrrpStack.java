package io.jkeepalived.vrrp.wiring;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.GarpSender;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.NeighbourAdvertiser;
import io.jkeepalived.linux.NetlinkEvent;
import io.jkeepalived.linux.NetlinkMonitor;
import io.jkeepalived.linux.RawVrrpSocket;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.VrrpSocketSpec;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.SyncGroupParams;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.loop.LogSink;
import io.jkeepalived.vrrp.loop.MonotonicClock;
import io.jkeepalived.vrrp.loop.Notifier;
import io.jkeepalived.vrrp.loop.VrrpLoop;
import io.jkeepalived.vrrp.loop.VrrpPorts;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VRRP subsystem assembled from a configuration: reads the interfaces over rtnetlink, maps every
 * vrrp_instance to engine parameters, opens one raw VRRP socket per interface/family/peer set, a
 * gratuitous ARP / NA sender per interface, watches links over netlink (link down = FAULT), and
 * runs it all in a VrrpLoop. Sockets are opened in the calling thread's network namespace.
 */
public final class VrrpStack implements AutoCloseable {
    private final VrrpLoop loop;
    private final NetlinkMonitor monitor;
    private final EventPoller monitorPoller;
    private final Thread monitorThread;
    private final LinuxGarpSender garp;
    private final Rtnetlink rtnetlink;
    private volatile boolean running = true;

    private VrrpStack(VrrpLoop loop, NetlinkMonitor monitor, EventPoller monitorPoller, LinuxGarpSender garp,
                      Rtnetlink rtnetlink) {
        this.loop = loop;
        this.monitor = monitor;
        this.monitorPoller = monitorPoller;
        this.garp = garp;
        this.rtnetlink = rtnetlink;
        this.monitorThread = Thread.ofPlatform().name("vrrp-netlink").daemon().start(this::watchLinks);
    }

    /** Builds and starts the stack; throws with a clear message when an interface or address is missing. */
    public static VrrpStack start(KeepalivedConfig config, Notifier notifier, LogSink log, boolean logDetail)
            throws Exception {
        Rtnetlink rt = Linux.openRtnetlink();
        Map<String, Link> links = new HashMap<>();
        for (Link l : rt.links()) {
            links.put(l.name(), l);
        }
        List<InterfaceAddress> present = rt.addresses();

        List<InstanceParams> params = new ArrayList<>();
        Map<String, List<InterfaceAddress>> vipSpecs = new HashMap<>();
        Map<String, RawVrrpSocket> socketByKey = new LinkedHashMap<>();
        Map<String, RawVrrpSocket> socketByInstance = new HashMap<>();
        Map<String, GarpSender> arp = new HashMap<>();
        Map<String, NeighbourAdvertiser> na = new HashMap<>();
        List<String> linksDown = new ArrayList<>();
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            String ifname = spec.interfaceName().orElseThrow(() -> new IllegalArgumentException(
                    "(" + spec.name() + ") has no interface; interface-less unicast instances are not supported yet"));
            Link link = link(links, ifname, spec.name());
            InetAddress primary = primaryAddress(present, link, spec);
            InstanceParams p = VrrpParamsFromConfig.instance(spec, primary);
            params.add(p);
            if (!link.isRunning()) {
                linksDown.add(ifname);
            }

            var family = p.family() == IpFamily.IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
            var socketSpec = VrrpSocketSpec.multicast(family, ifname);
            if (spec.mcastSrcIp().isPresent() || spec.unicastSrcIp().isPresent()) {
                socketSpec = socketSpec.withSource(p.sourceAddress());
            }
            if (spec.isUnicast()) {
                socketSpec = socketSpec.withUnicastPeers(spec.unicastPeers().stream().map(u -> u.address()).toList(),
                        spec.unicastTtl().orElse(255));
            }
            String key = socketSpec.toString();
            RawVrrpSocket socket = socketByKey.get(key);
            if (socket == null) {
                socket = Linux.openVrrpSocket(socketSpec);
                socketByKey.put(key, socket);
            }
            socketByInstance.put(p.name(), socket);

            List<InterfaceAddress> vips = new ArrayList<>();
            for (VirtualIpSpec v : concat(spec.virtualIpAddresses(), spec.virtualIpAddressesExcluded())) {
                Link dev = link(links, v.dev().orElse(ifname), spec.name());
                vips.add(interfaceAddress(dev, v));
                if (v.address() instanceof Inet4Address && !arp.containsKey(dev.name())) {
                    arp.put(dev.name(), Linux.openGarpSender(dev.name()));
                }
                if (v.address() instanceof Inet6Address && !na.containsKey(dev.name())) {
                    na.put(dev.name(), Linux.openNeighbourAdvertiser(dev.name()));
                }
            }
            vipSpecs.put(p.name(), vips);
        }
        List<SyncGroupParams> groups = config.vrrpSyncGroups().stream().map(VrrpParamsFromConfig::syncGroup).toList();

        var clock = MonotonicClock.system();
        var garp = new LinuxGarpSender(arp, na);
        var transport = new LinuxVrrpTransport(Linux.openEventPoller(), socketByInstance);
        var ports = new VrrpPorts(transport, new LinuxAddressManager(rt, vipSpecs, log), garp, notifier, log);
        var loop = new VrrpLoop("vrrp", new VrrpEngine(params, groups, logDetail), ports, clock);
        for (String ifname : linksDown) {
            loop.submit(new VrrpEvent.LinkChanged(ifname, false, clock.nowMicros()));
        }
        NetlinkMonitor monitor = Linux.openNetlinkMonitor();
        EventPoller poller = Linux.openEventPoller();
        poller.register(monitor.fd());
        var stack = new VrrpStack(loop, monitor, poller, garp, rt);
        loop.start();
        return stack;
    }

    /** Events and queries for the running loop (link and tracker changes from elsewhere). */
    public VrrpLoop loop() {
        return loop;
    }

    /** keepalived.stats (SIGUSR2): every instance's counters, read on the loop thread. */
    public void writeStats(Appendable out) throws Exception {
        out.append(loop.query(engine -> {
            StringBuilder sb = new StringBuilder();
            for (var p : engine.instances()) {
                sb.append(engine.stats(p.name()).format(p.name()));
            }
            return sb.toString();
        }, 5_000));
    }

    /** Graceful stop: priority 0 from masters, VIPs removed, then every socket closed. */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        boolean done = loop.stop(timeoutMillis);
        running = false;
        monitorPoller.wakeup();
        monitorThread.join(2_000);
        monitor.close();
        monitorPoller.close();
        garp.close();
        rtnetlink.close();
        return done;
    }

    @Override
    public void close() {
        try {
            stop(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Netlink link changes become LinkChanged events (carrier/up = IFF_RUNNING, as keepalived uses). */
    private void watchLinks() {
        Map<String, Boolean> last = new HashMap<>();
        while (running) {
            try {
                monitorPoller.await(-1, fd -> { });
                if (!running) {
                    return;
                }
                monitor.drain(event -> {
                    if (event instanceof NetlinkEvent.LinkChanged(Link link)) {
                        Boolean was = last.put(link.name(), link.isRunning());
                        if (was == null || was != link.isRunning()) {
                            loop.submit(new VrrpEvent.LinkChanged(link.name(), link.isRunning(), loop.clock().nowMicros()));
                        }
                    } else if (event instanceof NetlinkEvent.LinkRemoved(Link link)) {
                        last.put(link.name(), false);
                        loop.submit(new VrrpEvent.LinkChanged(link.name(), false, loop.clock().nowMicros()));
                    }
                });
            } catch (Exception e) {
                if (running) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
                }
            }
        }
    }

    private static Link link(Map<String, Link> links, String name, String instance) {
        Link l = links.get(name);
        if (l == null) {
            throw new IllegalArgumentException("(" + instance + ") interface " + name + " does not exist");
        }
        return l;
    }

    /** keepalived's source: the interface's primary IPv4 address, or its IPv6 link-local address. */
    private static InetAddress primaryAddress(List<InterfaceAddress> present, Link link, VrrpInstanceSpec spec) {
        boolean v6 = spec.family() == io.jkeepalived.config.model.AddressFamily.INET6;
        Optional<InetAddress> found = present.stream()
                .filter(a -> a.interfaceIndex() == link.index())
                .filter(a -> v6 ? a.address() instanceof Inet6Address && a.address().isLinkLocalAddress()
                        : a.address() instanceof Inet4Address && (a.flags() & InterfaceAddress.IFA_F_SECONDARY) == 0)
                .map(InterfaceAddress::address).findFirst();
        return found.or(() -> spec.mcastSrcIp().or(spec::unicastSrcIp)).orElseThrow(() -> new IllegalArgumentException(
                "(" + spec.name() + ") interface " + link.name() + " has no " + (v6 ? "IPv6 link-local" : "IPv4")
                        + " address to send adverts from"));
    }

    private static InterfaceAddress interfaceAddress(Link dev, VirtualIpSpec v) {
        int flags = v.address() instanceof Inet6Address || v.noDad() ? InterfaceAddress.IFA_F_NODAD : 0;
        if (v.noPrefixRoute()) {
            flags |= InterfaceAddress.IFA_F_NOPREFIXROUTE;
        }
        return new InterfaceAddress(dev.index(), v.address(), v.prefixLength(),
                v.broadcastMode().equals("ip") ? v.broadcast() : Optional.empty(), v.scope().value, flags, v.label());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
