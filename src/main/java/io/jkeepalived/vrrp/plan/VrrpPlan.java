package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.SocketBuffers;
import io.jkeepalived.config.model.UnicastPeerSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.SyncGroupParams;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the VRRP subsystem opens and runs, computed from the configuration and the host's interfaces
 * before any socket exists: engine parameters, which shared socket each instance uses, the full rtnetlink
 * form of every VIP and E-VIP, and the interface each address is announced on.
 *
 * @param socketOf      instance name to its (shared) socket
 * @param addressesOf   instance name to its VIPs and E-VIPs as rtnetlink addresses
 * @param deviceOf      VIP to the interface its GARP/NA goes out on
 * @param interfaces    every interface an instance or VIP uses (GARP/NA senders, link tracking), present or not
 * @param absent        with {@code dynamic_interfaces}: the instances that cannot run on the host as it is (an
 *                      interface missing, no address to send from), each with keepalived's reason
 *                      ("interface eth1 down"); they are planned with a config fault (FAULT for the whole run) and
 *                      no socket, and run once a later plan (HostReplanner) finds what they need
 */
public record VrrpPlan(List<InstanceParams> instances, List<SyncGroupParams> groups, Map<String, SocketKey> socketOf,
                       Map<String, List<InterfaceAddress>> addressesOf, Map<InetAddress, String> deviceOf,
                       Set<String> interfaces, Map<String, String> absent) {
    public VrrpPlan {
        absent = Map.copyOf(absent);
    }

    /** A plan in which every instance can run. */
    public VrrpPlan(List<InstanceParams> instances, List<SyncGroupParams> groups, Map<String, SocketKey> socketOf,
                    Map<String, List<InterfaceAddress>> addressesOf, Map<InetAddress, String> deviceOf, Set<String> interfaces) {
        this(instances, groups, socketOf, addressesOf, deviceOf, interfaces, Map.of());
    }

    /** Thrown with one line that names the instance and what is wrong. */
    public static final class PlanException extends Exception {
        public PlanException(String message) {
            super(message);
        }
    }

    public static VrrpPlan of(KeepalivedConfig config, HostInterfaces host) throws PlanException {
        var instances = new ArrayList<InstanceParams>();
        var socketOf = new LinkedHashMap<String, SocketKey>();
        var addressesOf = new LinkedHashMap<String, List<InterfaceAddress>>();
        var deviceOf = new LinkedHashMap<InetAddress, String>();
        var interfaces = new LinkedHashSet<String>();
        List<Vmac> planned = vmacs(config);
        List<String> vmacNames = planned.stream().map(Vmac::name).toList();
        var absent = new LinkedHashMap<String, String>();
        boolean dynamic = config.globalDefs().dynamicInterfaces();
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            String ifname = spec.interfaceName().orElseThrow(
                    () -> new PlanException("(" + spec.name() + ") has no interface - interface-less unicast instances are not supported"));
            boolean v6 = spec.family() == io.jkeepalived.config.model.AddressFamily.INET6;
            Optional<Vmac> wanted = vmacOf(spec, config);
            // keepalived: an ipvlan that could not be made (a kernel without ipvlan) leaves its instance in FAULT
            boolean ipvlanMissing = wanted.flatMap(Vmac::ipvlan).isPresent() && host.link(wanted.get().name()).isEmpty();
            Optional<Vmac> vmac = ipvlanMissing ? Optional.empty() : wanted;
            String vrrpIf = vmac.map(Vmac::vrrpInterface).orElse(ifname);
            interfaces.add(vrrpIf);
            Optional<Link> link = host.link(ifname);
            Optional<Link> vrrpLink = host.link(vrrpIf);
            // an ipvlan has a link-local of its own (keepalived's vrrp->ifp->sin6_addr); its address is a configured source
            boolean onIpvlan = vmac.flatMap(Vmac::ipvlan).isPresent();
            Optional<InetAddress> configured = spec.configuredSource();
            Optional<InetAddress> source = configured.or(() -> link.flatMap(l -> v6
                    ? host.linkLocalIpv6(onIpvlan ? vrrpLink.map(Link::index).orElse(l.index()) : l.index())
                    : host.primaryIpv4(l.index())));
            // why the instance cannot run on this host now, in keepalived's words; empty when it can
            Optional<String> missing = link.isEmpty() ? Optional.of("interface " + ifname + " down")
                    : vrrpLink.isEmpty() ? Optional.of("interface " + vrrpIf + " down")
                    : source.isEmpty() ? Optional.of("no IPv" + (v6 ? 6 : 4) + " address for interface") : Optional.empty();
            if (missing.isPresent() && !dynamic) {
                throw new PlanException("(" + spec.name() + ") " + (link.isEmpty() ? "interface " + ifname + " does not exist"
                        : vrrpLink.isEmpty() ? "VMAC interface " + vrrpIf + " does not exist"
                        : "Cannot find an IP address to use for interface " + ifname));
            }
            InstanceParams params;
            try {
                params = VrrpParamsFromConfig.instance(spec, source.orElseGet(() -> unspecified(v6)));
                if (vmac.isPresent()) {
                    params = params.toBuilder().interfaceName(vrrpIf).build();
                }
                if (ipvlanMissing) {
                    params = params.toBuilder().configFault(true).build();
                }
            } catch (IllegalArgumentException e) {
                throw new PlanException("(" + spec.name() + ") " + e.getMessage());
            }
            List<InetAddress> peers = spec.unicastPeers().stream().map(UnicastPeerSpec::address).toList();
            var addrs = new ArrayList<InterfaceAddress>();
            boolean onVmac = vmac.isPresent() && vmac.get().ipvlan().isEmpty();
            var extraIf = new ExtraIfGarp(vmac.map(Vmac::name).orElse(ifname), vmacNames, spec.garpExtraIfAll(),
                    spec.vmacXmitBase());
            for (VirtualIpSpec vip : concat(spec.virtualIpAddresses(), spec.virtualIpAddressesExcluded())) {
                // keepalived: a VIP of the instance's interface and family lives on its VMAC (an ipvlan's stay on the
                // base: keepalived 2.2.7 moves them for use_vmac only), one with use_vmac_addr
                // on a VMAC of its own, others where they say
                String dev = Vmac.forAddress(spec, vip, config.globalDefs(), planned).map(Vmac::name)
                        .orElseGet(() -> vip.dev().filter(d -> !d.equals(ifname))
                                .orElse(onVmac && vip.family() == spec.family() ? vmac.get().name() : ifname));
                extraIf.add(vip.address(), dev);
                Optional<Link> devLink = host.link(dev);
                if (devLink.isEmpty() && !dynamic) {
                    throw new PlanException("(" + spec.name() + ") VIP " + vip.address().getHostAddress() + ": interface "
                            + dev + " does not exist");
                }
                if (devLink.isEmpty() && missing.isEmpty()) {
                    missing = Optional.of("interface " + dev + " down");
                }
                addrs.add(interfaceAddress(vip, devLink.map(Link::index).orElse(0)));
                deviceOf.putIfAbsent(vip.address(), dev);
                interfaces.add(dev);
            }
            if (missing.isPresent()) {
                absent.put(spec.name(), missing.get());
                params = params.toBuilder().configFault(true).build();
            } else {
                socketOf.put(spec.name(), new SocketKey(vrrpIf, vrrpLink.orElseThrow().index(),
                        v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET, source.orElseThrow(), peers,
                        spec.unicastTtl().orElse(255), usesAh(params), MulticastGroups.of(spec, config.globalDefs())));
            }
            addressesOf.put(spec.name(), List.copyOf(addrs));
            long extraMicros = spec.garpExtraIf().map(d -> d.toNanos() / 1000).orElse(0L);
            instances.add(params.toBuilder().extraIfGarp(extraIf.enabled() ? extraMicros : 0, extraIf.addresses()).build());
        }
        var groups = config.vrrpSyncGroups().stream().map(VrrpParamsFromConfig::syncGroup).toList();
        return new VrrpPlan(instances, groups, socketOf, addressesOf, deviceOf, interfaces, absent);
    }

    /**
     * The instances that can run in {@code next} but not as {@code running} planned them: absent there, or on another
     * socket (a re-created interface's new ifindex, another source) or with their VIPs on other links. Instances absent
     * in {@code next} are not named: they are already in FAULT through their link (deleted) in the running plan.
     */
    public static Set<String> runnableAnew(VrrpPlan running, VrrpPlan next) {
        var names = new LinkedHashSet<String>();
        for (InstanceParams p : next.instances()) {
            String n = p.name();
            if (next.absent().containsKey(n)) {
                continue;
            }
            if (running.absent().containsKey(n) || !java.util.Objects.equals(running.socketOf().get(n), next.socketOf().get(n))
                    || !java.util.Objects.equals(running.addressesOf().get(n), next.addressesOf().get(n))) {
                names.add(n);
            }
        }
        return names;
    }

    /** A placeholder source for an instance that cannot run: it never sends (FAULT for the whole run). */
    private static InetAddress unspecified(boolean v6) {
        try {
            return InetAddress.getByAddress(new byte[v6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source address the configuration gives the instance (unicast_src_ip, mcast_src_ip), if any. */
    public static Optional<InetAddress> configuredSource(VrrpInstanceSpec spec) {
        return spec.isUnicast() ? spec.unicastSrcIp().or(spec::mcastSrcIp) : spec.mcastSrcIp().or(spec::unicastSrcIp);
    }

    /** The VMACs ({@code use_vmac}) and ipvlans ({@code use_ipvlan}) to make before planning: their interfaces carry the instances' VIPs and adverts. */
    public static List<Vmac> vmacs(KeepalivedConfig config) {
        // the instances' own VMACs first: keepalived names them at parse time, before any VIP's (use_vmac_addr)
        var all = new ArrayList<>(config.vrrpInstances().stream().map(s -> vmacOf(s, config)).flatMap(Optional::stream).toList());
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            for (VirtualIpSpec vip : concat(spec.virtualIpAddresses(), spec.virtualIpAddressesExcluded())) {
                Vmac.forAddress(spec, vip, config.globalDefs(), all).filter(v -> !all.contains(v)).ifPresent(all::add);
            }
        }
        return List.copyOf(all);
    }

    /**
     * keepalived's sockpool rx_buf_size: over the instances sharing the socket {@code key}, each adds its
     * {@code kernel_rx_buf_size}, else what global_defs' {@code vrrp_rx_bufs_policy} gives it (a size, or
     * {@code vrrp_rx_bufs_multiplier} times its advert's length or the interface's MTU); 0 (the kernel's default)
     * when nothing is set. The MTU is the socket interface's as {@code host} reports it (0 when it is unknown).
     */
    public static int receiveBuffer(KeepalivedConfig config, Map<String, SocketKey> socketOf, SocketKey key,
            HostInterfaces host) {
        int mtu = host.link(key.interfaceName()).map(Link::mtu).orElse(0);
        var policy = config.globalDefs().socketBuffers().vrrpRxPolicy();
        long multiplier = config.globalDefs().vrrpRxBufsMultiplier();
        long sum = 0;
        for (var spec : config.vrrpInstances()) {
            if (key.equals(socketOf.get(spec.name()))) {
                sum += instanceReceiveBuffer(spec, key, policy, multiplier, mtu);
            }
        }
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /** One instance's share of its socket's receive buffer (keepalived's vrrp_create_sockpool). */
    static long instanceReceiveBuffer(VrrpInstanceSpec spec, SocketKey key, SocketBuffers.RxBufsPolicy policy,
            long multiplier, int mtu) {
        if (spec.kernelRxBufSize().orElse(0) > 0) {
            return spec.kernelRxBufSize().getAsInt();
        }
        return switch (policy) {
            case SocketBuffers.RxBufsPolicy.Size(long bytes) -> bytes;
            case SocketBuffers.RxBufsPolicy.Advert() -> multiplier * advertLength(spec, key);
            case SocketBuffers.RxBufsPolicy.Mtu() -> multiplier * mtu;
            case SocketBuffers.RxBufsPolicy.Unset() -> 0;
        };
    }

    /**
     * keepalived's vrrp_adv_len: the VRRP header (8), VRRPv2's IPv4 authentication data (8), the addresses, and over
     * IPv4 the IP header (20) and an AH header (24).
     */
    static int advertLength(VrrpInstanceSpec spec, SocketKey key) {
        boolean v4 = key.family() == StandardProtocolFamily.INET;
        int vips = (int) spec.virtualIpAddresses().stream()
                .filter(v -> (v.address() instanceof Inet4Address) == v4).count();
        int length = 8 + vips * (v4 ? 4 : 16);
        if (v4) {
            length += (spec.version() == 2 ? 8 : 0) + 20 + (key.authenticationHeader() ? 24 : 0);
        }
        return length;
    }

    /** Interfaces of instances with {@code promote_secondaries} (a VMAC has it set anyway), in config order. */
    public static java.util.Set<String> promoteSecondaries(KeepalivedConfig config) {
        var names = new java.util.LinkedHashSet<String>();
        for (var spec : config.vrrpInstances()) {
            if (spec.promoteSecondaries() && vmacOf(spec, config).isEmpty()) {
                spec.interfaceName().ifPresent(names::add);
            }
        }
        return names;
    }

    private static Optional<Vmac> vmacOf(VrrpInstanceSpec spec, KeepalivedConfig config) {
        return Vmac.of(spec, config.globalDefs());
    }

    /** VRRPv2 over IPv4 with auth_type AH: adverts go in an AH header (IP protocol 51). */
    static boolean usesAh(InstanceParams p) {
        return p.version() == 2 && p.family() == io.jkeepalived.vrrp.codec.IpFamily.IPV4
                && p.authType() == io.jkeepalived.vrrp.codec.AuthType.AH;
    }

    /** keepalived's VIP: prefix (default /32, /128), brd, scope, label; IPv6 VIPs get IFA_F_NODAD. */
    static InterfaceAddress interfaceAddress(VirtualIpSpec vip, int ifindex) {
        var a = new InterfaceAddress(ifindex, vip.address(), vip.prefixLength(), java.util.Optional.empty(), vip.scope().value,
                0, vip.label());
        int flags = 0;
        if (vip.address() instanceof java.net.Inet6Address) {
            flags |= InterfaceAddress.IFA_F_NODAD;
        }
        if (vip.noPrefixRoute()) {
            flags |= InterfaceAddress.IFA_F_NOPREFIXROUTE;
        }
        a = a.withFlags(flags);
        if (vip.broadcast().isPresent()) {
            a = a.withBroadcast(vip.broadcast().get());
        } else if (vip.broadcastMode().equals("+") && vip.address() instanceof Inet4Address v4) {
            a = a.withBroadcast(broadcastOf(v4, vip.prefixLength()));
        }
        return a;
    }

    static InetAddress broadcastOf(Inet4Address a, int prefix) {
        byte[] b = a.getAddress();
        int v = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        int brd = v | ~mask;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (brd >>> 24), (byte) (brd >>> 16), (byte) (brd >>> 8), (byte) brd});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<VirtualIpSpec> concat(List<VirtualIpSpec> a, List<VirtualIpSpec> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
