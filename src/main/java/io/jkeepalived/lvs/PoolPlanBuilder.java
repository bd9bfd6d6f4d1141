package io.jkeepalived.lvs;

import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.VirtualServerAddress;
import io.jkeepalived.config.model.VirtualServerGroupSpec;
import io.jkeepalived.config.model.VirtualServerSpec;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The configuration's virtual servers as a {@link PoolPlan}: group members expanded, keepalived's words
 * turned into scheduler flags, persistence, forwarding and thresholds; sorry servers included.
 */
public final class PoolPlanBuilder {
    /** A virtual_server_group range larger than this is refused (keepalived would add each one to IPVS). */
    public static final int MAX_GROUP_MEMBERS = 65_536;

    private final Consumer<String> warnings;

    public PoolPlanBuilder(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    public PoolPlan build(KeepalivedConfig config) {
        var services = new LinkedHashMap<VirtualService, PoolPlan.ServicePlan>();
        var groupUse = new java.util.HashMap<String, Integer>();
        for (var vs : config.virtualServers()) {
            String display = vs.describe();
            if (vs.address() instanceof VirtualServerAddress.Group g) {
                int member = groupUse.merge(g.name(), 1, Integer::sum) - 1;
                display = "[" + g.name() + "]:" + member;
            }
            var keys = members(vs, config.virtualServerGroups(), new java.util.LinkedHashSet<>(), s -> { });
            var servers = new LinkedHashMap<RealServer, Destination>();
            for (var rs : vs.realServers()) {
                var server = new RealServer(rs.address().getHostAddress(), rs.port());
                servers.put(server, new Destination(server, forwarding(rs.forwardingMethod()), rs.weight(),
                        rs.upperThreshold().orElse(0), rs.lowerThreshold().orElse(0)));
            }
            if (vs.sorryServer().isPresent()) {
                var s = vs.sorryServer().get();
                int port = s.port() != 0 ? s.port() : vs.address() instanceof VirtualServerAddress.IpPort ip ? ip.port() : 0;
                var server = new RealServer(s.address().getHostAddress(), port);
                servers.putIfAbsent(server, Destination.of(server,
                        forwarding(s.forwardingMethod().orElse(vs.forwardingMethod())), s.weight().orElse(1)));
            }
            for (var key : keys) {
                if (services.containsKey(key)) {
                    warnings.accept("VS " + display + ": service " + key.display() + " is configured twice - keeping the first");
                    continue;
                }
                services.put(key, new PoolPlan.ServicePlan(key, display, settings(vs, key.ipv6(), display), servers));
            }
        }
        var g = config.globalDefs();
        return new PoolPlan(services, timeouts(g), g.lvsFlush(), flushOnStop(g));
    }

    private ServiceSettings settings(VirtualServerSpec vs, boolean ipv6, String display) {
        Optional<Persistence> persistence = Optional.empty();
        if (vs.persistenceTimeout().isPresent()) {
            int prefix = Persistence.prefixOf(vs.persistenceGranularity(), ipv6);
            if (prefix < 0) {
                warnings.accept("VS " + display + ": invalid persistence_granularity " + vs.persistenceGranularity().get()
                        + " - using one address");
                prefix = ipv6 ? 128 : 32;
            }
            long seconds = Math.max(1, vs.persistenceTimeout().get().toSeconds());
            persistence = Optional.of(new Persistence((int) Math.min(Integer.MAX_VALUE, seconds), prefix, vs.persistenceEngine()));
        }
        return new ServiceSettings(Scheduling.fromWords(vs.scheduler(), vs.schedulerFlags()), persistence);
    }

    static Forwarding forwarding(ForwardingMethod m) {
        return switch (m.kind()) {
            case NAT -> Forwarding.NAT;
            case DR -> Forwarding.DR;
            case TUN -> Forwarding.tunnel(Forwarding.TunnelType.valueOf(m.tunnelType().name()), m.tunnelPort().orElse(0),
                    switch (m.tunnelChecksum()) {
                        case "csum" -> Forwarding.TunnelChecksum.CSUM;
                        case "remcsum" -> Forwarding.TunnelChecksum.REMCSUM;
                        default -> Forwarding.TunnelChecksum.NOCSUM;
                    });
        };
    }

    /** {@code lvs_timeouts tcp N tcpfin N udp N}, empty when not configured. */
    Optional<Timeouts> timeouts(GlobalDefs g) {
        var words = g.raw().get("lvs_timeouts");
        if (words == null || words.isEmpty()) {
            return Optional.empty();
        }
        int tcp = 0;
        int fin = 0;
        int udp = 0;
        for (int i = 0; i + 1 < words.size(); i += 2) {
            int v;
            try {
                v = Integer.parseInt(words.get(i + 1));
            } catch (NumberFormatException e) {
                warnings.accept("lvs_timeouts: invalid value " + words.get(i + 1) + " - ignoring");
                continue;
            }
            switch (words.get(i)) {
                case "tcp" -> tcp = v;
                case "tcpfin" -> fin = v;
                case "udp" -> udp = v;
                default -> warnings.accept("lvs_timeouts: unknown timeout " + words.get(i) + " - ignoring");
            }
        }
        return Optional.of(new Timeouts(tcp, fin, udp));
    }

    private static PoolPlan.FlushOnStop flushOnStop(GlobalDefs g) {
        if (g.lvsFlushOnStop().isEmpty()) {
            return PoolPlan.FlushOnStop.NONE;
        }
        return g.lvsFlushOnStop().get().equalsIgnoreCase("VS") ? PoolPlan.FlushOnStop.VS : PoolPlan.FlushOnStop.ALL;
    }

    /**
     * The data-plane services a virtual_server stands for: one, or every member of its group. Addresses
     * are added to {@code addresses} (ha_suspend watches them).
     */
    public static List<VirtualService> members(VirtualServerSpec vs, List<VirtualServerGroupSpec> groups,
                                               Set<String> addresses, Consumer<String> warnings) {
        String protocol = vs.protocol().toLowerCase(java.util.Locale.ROOT);
        return switch (vs.address()) {
            case VirtualServerAddress.IpPort ip -> {
                addresses.add(ip.address().getHostAddress());
                yield List.of(new VirtualService.Address(ip.address().getHostAddress(), ip.port(), protocol));
            }
            case VirtualServerAddress.Fwmark f -> List.of(new VirtualService.Fwmark((int) f.mark(),
                    vs.ipFamily().orElse(f.family()) == AddressFamily.INET6));
            case VirtualServerAddress.Group g -> {
                var group = groups.stream().filter(x -> x.name().equals(g.name())).findFirst();
                if (group.isEmpty()) {
                    warnings.accept("Virtual server group " + g.name() + " specified but not configured - ignoring virtual server "
                            + vs.describe());
                    yield List.of();
                }
                yield expand(group.get(), protocol, addresses, warnings);
            }
        };
    }

    private static List<VirtualService> expand(VirtualServerGroupSpec group, String protocol, Set<String> addresses,
                                               Consumer<String> warnings) {
        var services = new ArrayList<VirtualService>();
        for (var entry : group.entries()) {
            switch (entry) {
                case VirtualServerGroupSpec.Fwmark f -> services.add(new VirtualService.Fwmark((int) f.mark(),
                        f.family() == AddressFamily.INET6));
                case VirtualServerGroupSpec.AddressRange r -> {
                    var first = new BigInteger(1, r.first().getAddress());
                    var last = new BigInteger(1, r.last().getAddress());
                    if (last.subtract(first).compareTo(BigInteger.valueOf(MAX_GROUP_MEMBERS)) >= 0) {
                        warnings.accept("virtual_server_group " + group.name() + ": range " + r.first().getHostAddress() + "-"
                                + r.last().getHostAddress() + " has more than " + MAX_GROUP_MEMBERS + " addresses - ignoring it");
                        continue;
                    }
                    int length = r.first().getAddress().length;
                    for (var a = first; a.compareTo(last) <= 0; a = a.add(BigInteger.ONE)) {
                        String ip = toAddress(a, length);
                        addresses.add(ip);
                        services.add(new VirtualService.Address(ip, r.port(), protocol));
                    }
                }
            }
        }
        return services;
    }

    private static String toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
