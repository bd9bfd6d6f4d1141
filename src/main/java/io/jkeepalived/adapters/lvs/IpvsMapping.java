package io.jkeepalived.adapters.lvs;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.Persistence;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Scheduling;
import io.jkeepalived.lvs.ServiceSettings;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.lvs.ipvs.IpvsDest;
import io.jkeepalived.lvs.ipvs.IpvsService;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;

/** The pool model in IPVS's terms and back: keys, scheduler flags, persistence, forwarding. Pure. */
final class IpvsMapping {
    private IpvsMapping() {
    }

    static IpvsService service(VirtualService key, ServiceSettings settings) {
        var s = key(key);
        var sched = settings.scheduling();
        int flags = 0;
        if (sched.has(Scheduling.Flag.ONE_PACKET)) {
            flags |= IpvsService.F_ONEPACKET;
        }
        if (sched.has(Scheduling.Flag.SCHED_1)) {
            flags |= IpvsService.F_SCHED1;
        }
        if (sched.has(Scheduling.Flag.SCHED_2)) {
            flags |= IpvsService.F_SCHED2;
        }
        if (sched.has(Scheduling.Flag.SCHED_3)) {
            flags |= IpvsService.F_SCHED3;
        }
        int timeout = 0;
        int netmask = IpvsService.fullNetmask(s.family());
        String engine = "";
        if (settings.persistence().isPresent()) {
            var p = settings.persistence().get();
            flags |= IpvsService.F_PERSISTENT;
            timeout = p.timeoutSeconds();
            netmask = s.family() == IpvsService.AF_INET ? mask(p.prefixLength()) : p.prefixLength();
            engine = p.engine().orElse("");
        }
        return s.withScheduler(sched.name(), flags, timeout, netmask, engine);
    }

    /** The service's identity only (for destination requests and deletes). */
    static IpvsService key(VirtualService key) {
        return switch (key) {
            case VirtualService.Address a -> IpvsService.of(protocol(a.protocol()), inet(a.ip()), a.port(), "");
            case VirtualService.Fwmark f -> IpvsService.ofFwmark(f.ipv6() ? IpvsService.AF_INET6 : IpvsService.AF_INET, f.mark(), "");
        };
    }

    static VirtualService virtualService(IpvsService s) {
        if (s.isFwmark()) {
            return new VirtualService.Fwmark(s.fwmark(), s.family() == IpvsService.AF_INET6);
        }
        return new VirtualService.Address(s.address().getHostAddress(), s.port(), protocolName(s.protocol()));
    }

    static ServiceSettings settings(IpvsService s) {
        var flags = EnumSet.noneOf(Scheduling.Flag.class);
        if ((s.flags() & IpvsService.F_ONEPACKET) != 0) {
            flags.add(Scheduling.Flag.ONE_PACKET);
        }
        if ((s.flags() & IpvsService.F_SCHED1) != 0) {
            flags.add(Scheduling.Flag.SCHED_1);
        }
        if ((s.flags() & IpvsService.F_SCHED2) != 0) {
            flags.add(Scheduling.Flag.SCHED_2);
        }
        if ((s.flags() & IpvsService.F_SCHED3) != 0) {
            flags.add(Scheduling.Flag.SCHED_3);
        }
        Optional<Persistence> persistence = Optional.empty();
        if ((s.flags() & IpvsService.F_PERSISTENT) != 0) {
            int prefix = s.family() == IpvsService.AF_INET ? Integer.bitCount(s.netmask()) : s.netmask();
            persistence = Optional.of(new Persistence(Math.max(1, s.timeout()), prefix,
                    s.persistenceEngine().isEmpty() ? Optional.empty() : Optional.of(s.persistenceEngine())));
        }
        return new ServiceSettings(new Scheduling(s.scheduler(), flags), persistence);
    }

    static IpvsDest dest(Destination d) {
        var f = d.forwarding();
        var address = inet(d.server().ip());
        int family = address instanceof Inet6Address ? IpvsService.AF_INET6 : IpvsService.AF_INET;
        int method = switch (f.method()) {
            case NAT -> IpvsDest.MASQ;
            case DR -> IpvsDest.DROUTE;
            case TUN -> IpvsDest.TUNNEL;
        };
        boolean tun = f.method() == Forwarding.Method.TUN;
        return new IpvsDest(family, address, d.server().port(), method, d.weight(), d.upperThreshold(), d.lowerThreshold(),
                tun ? f.tunnelType().ordinal() : 0, tun ? f.tunnelPort() : 0, tun ? f.checksum().ordinal() : 0);
    }

    /** A destination request that only names the server (deletes). */
    static IpvsDest destKey(RealServer server) {
        return IpvsDest.of(inet(server.ip()), server.port(), IpvsDest.DROUTE, 0);
    }

    static Destination destination(IpvsDest d) {
        var forwarding = switch (d.forwarding()) {
            case IpvsDest.MASQ -> Forwarding.NAT;
            case IpvsDest.TUNNEL -> Forwarding.tunnel(Forwarding.TunnelType.values()[Math.min(d.tunnelType(), 2)],
                    d.tunnelPort(), Forwarding.TunnelChecksum.values()[Math.min(d.tunnelFlags(), 2)]);
            default -> Forwarding.DR; // DR, and local/bypass, which keepalived never programs
        };
        return new Destination(new RealServer(d.address().getHostAddress(), d.port()), forwarding, d.weight(),
                d.upperThreshold(), d.lowerThreshold());
    }

    static int protocol(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tcp" -> IpvsService.TCP;
            case "udp" -> IpvsService.UDP;
            case "sctp" -> IpvsService.SCTP;
            default -> throw new IllegalArgumentException("protocol " + name);
        };
    }

    static String protocolName(int protocol) {
        return switch (protocol) {
            case IpvsService.UDP -> "udp";
            case IpvsService.SCTP -> "sctp";
            default -> "tcp";
        };
    }

    /** A prefix length as an IPv4 netmask in host int form (0xffffff00 for /24). */
    static int mask(int prefix) {
        return prefix <= 0 ? 0 : prefix >= 32 ? -1 : -1 << (32 - prefix);
    }

    /** A literal address (the pool model keeps addresses as text; never a name lookup). */
    static InetAddress inet(String literal) {
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

}
