package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.RealServerSpec;
import io.jkeepalived.config.model.SslSpec;
import io.jkeepalived.config.model.VirtualServerAddress;
import io.jkeepalived.config.model.VirtualServerGroupSpec;
import io.jkeepalived.config.model.VirtualServerSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads virtual_server / virtual_server_group / SSL blocks, resolving keepalived's inheritance:
 * checker ← real_server ← virtual_server ← checker-type default.
 */
final class LvsBuilder {
    static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr",
            "sed", "nq", "twos");
    static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final DiagnosticSink sink;
    private final GlobalDefs globals;

    LvsBuilder(DiagnosticSink sink, GlobalDefs globals) {
        this.sink = sink;
        this.globals = globals;
    }

    SslSpec ssl(ConfigNode block) {
        var draft = new SslKeywords.Draft();
        SslKeywords.TABLE.readAll(draft, block, sink);
        return draft.finish();
    }

    VirtualServerGroupSpec group(ConfigNode block) {
        var entries = new ArrayList<VirtualServerGroupSpec.Entry>();
        for (var line : block.children()) {
            var w = line.words();
            if (w.get(0).equals("fwmark")) {
                if (w.size() < 2) {
                    sink.error(line.pos(), "virtual server group fwmark without value - skipping");
                    continue;
                }
                try {
                    long mark = Long.parseLong(w.get(1));
                    var fam = w.size() > 2 && w.get(2).equals("inet6") ? AddressFamily.INET6 : AddressFamily.INET;
                    entries.add(new VirtualServerGroupSpec.Fwmark(mark, fam, line.pos()));
                } catch (NumberFormatException e) {
                    sink.error(line.pos(), "invalid number '" + w.get(1) + "'");
                }
                continue;
            }
            int port = 0;
            if (w.size() > 1) {
                try {
                    port = Integer.parseInt(w.get(1));
                } catch (NumberFormatException e) {
                    sink.error(line.pos(), "invalid number '" + w.get(1) + "'");
                }
            }
            range(line, w.get(0)).ifPresent(r -> entries.add(
                    new VirtualServerGroupSpec.AddressRange(r.get(0), r.get(1), 0, line.pos())));
            if (!entries.isEmpty() && entries.getLast() instanceof VirtualServerGroupSpec.AddressRange ar && ar.pos() == line.pos()) {
                entries.set(entries.size() - 1, new VirtualServerGroupSpec.AddressRange(ar.first(), ar.last(), port, ar.pos()));
            }
        }
        return new VirtualServerGroupSpec(VrrpBuilder.name(block), entries, block.pos());
    }

    /** {@code A.B.C.D}, {@code A.B.C.D-E} (last byte), {@code A.B.C.D-E.F.G.H}, {@code A.B.C.D/LEN}, IPv6 likewise. */
    private Optional<List<InetAddress>> range(ConfigNode line, String text) {
        try {
            if (text.contains("/")) {
                var parts = text.split("/", 2);
                var base = Addresses.parse(parts[0]).orElseThrow();
                int len = Integer.parseInt(parts[1]);
                var b = base.getAddress();
                var lo = b.clone();
                var hi = b.clone();
                for (int bit = len; bit < b.length * 8; bit++) {
                    lo[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
                    hi[bit / 8] |= (byte) (0x80 >> (bit % 8));
                }
                return Optional.of(List.of(InetAddress.getByAddress(lo), InetAddress.getByAddress(hi)));
            }
            int dash = text.lastIndexOf('-');
            if (dash > 0) {
                var first = Addresses.parse(text.substring(0, dash)).orElseThrow();
                var tail = text.substring(dash + 1);
                var full = Addresses.parse(tail);
                InetAddress last;
                if (full.isPresent()) {
                    last = full.get();
                } else {
                    var b = first.getAddress();
                    if (b.length == 4) {
                        b[3] = (byte) Integer.parseInt(tail);
                    } else {
                        int v = Integer.parseInt(tail, 16);
                        b[14] = (byte) (v >> 8);
                        b[15] = (byte) v;
                    }
                    last = InetAddress.getByAddress(b);
                }
                return Optional.of(List.of(first, last));
            }
            var a = Addresses.parse(text).orElseThrow();
            return Optional.of(List.of(a, a));
        } catch (RuntimeException | java.net.UnknownHostException e) {
            sink.error(line.pos(), "Invalid virtual server group IP address/range " + text + " - skipping");
            return Optional.empty();
        }
    }

    /** One virtual_server; empty when keepalived would drop it (no real servers). */
    Optional<VirtualServerSpec> virtualServer(ConfigNode block) {
        var written = address(block);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        var address = written.get();
        var vs = new VirtualServerDraft(globals.smtpAlertChecker().or(globals::smtpAlert).orElse(false));
        VirtualServerKeywords.TABLE.readAll(vs, block, sink);
        var describe = describe(address, vs.protocol);
        if (address instanceof VirtualServerAddress.Fwmark && vs.protocol != null) {
            sink.warning(SourcePos.NONE, "Warning: Virtual server " + describe + ": protocol specified for fwmark - protocol will be ignored");
        }
        var realServers = realServers(vs, describe, address);
        if (realServers.isEmpty()) {
            sink.warning(SourcePos.NONE, "Virtual server " + describe + " has no real servers - ignoring");
            return Optional.empty();
        }
        validate(vs, address, describe, realServers);
        sorryServerPort(vs, address, describe);
        Optional<VirtualServerSpec.SorryServer> sorry = vs.sorryIp == null ? Optional.empty()
                : Optional.of(new VirtualServerSpec.SorryServer(vs.sorryIp, vs.sorryPort, vs.sorryInhibit, vs.sorryMethod,
                        OptionalInt.empty()));
        return Optional.of(new VirtualServerSpec(address, vs.protocol == null ? "TCP" : vs.protocol, vs.sched, vs.flags,
                vs.method,
                vs.persistence, vs.granularity, vs.engine, vs.family, vs.quorum, vs.hysteresis, vs.quorumUp, vs.quorumDown,
                vs.alpha != null && vs.alpha, vs.omega, vs.haSuspend, vs.delayLoop == null ? DEFAULT_DELAY_LOOP : vs.delayLoop,
                Optional.ofNullable(vs.vhost), vs.smtp, vs.inhibit, vs.weight, sorry, vs.snmpName, realServers, block.pos()));
    }

    /** The real servers, each read with what it inherits from the virtual server; duplicates dropped as keepalived does. */
    private List<RealServerSpec> realServers(VirtualServerDraft vs, String describe, VirtualServerAddress address) {
        var vsInherited = new CheckerDefaults(vs.retry, vs.dbr, vs.warmup, vs.connectTimeout, vs.delayLoop, vs.alpha,
                vs.vhost);
        var realServers = new ArrayList<RealServerSpec>();
        var seen = new HashSet<String>();
        for (var rs : vs.rsNodes) {
            var spec = realServer(rs, vsInherited, new RealServerDraft(vs.weight,
                    vs.method == null ? ForwardingMethod.NAT : vs.method, vs.inhibit, vs.smtp));
            if (spec.isEmpty()) {
                continue;
            }
            var r = samePortForDirectRouting(spec.get(), address, describe, vs.protocol);
            if (!seen.add(Addresses.format(r.address()) + "/" + r.port())) {
                var proto = vs.protocol == null ? "none" : vs.protocol.toLowerCase(Locale.ROOT);
                sink.warning(SourcePos.NONE, "VS " + describe + ": real server [" + Addresses.format(r.address()) + "]:"
                        + proto + ":" + r.port() + " is duplicated - removing second rs");
                continue;
            }
            realServers.add(r);
        }
        return realServers;
    }

    /**
     * DR and TUN cannot change the port on the way to the real server: keepalived resets a different real
     * server port to the virtual server's, and says so.
     */
    private RealServerSpec samePortForDirectRouting(RealServerSpec r, VirtualServerAddress address, String describe,
            String protocol) {
        if (r.forwardingMethod().kind() == ForwardingMethod.Kind.NAT) {
            return r;
        }
        int port;
        if (address instanceof VirtualServerAddress.Fwmark) {
            // a fwmark service has no port: keepalived clears the real server's
            if (r.port() == 0) {
                return r;
            }
            sink.warning(SourcePos.NONE, "WARNING - fwmark virtual server " + describe + ", real server ["
                    + Addresses.format(r.address()) + "]:none:" + r.port() + " has port specified - clearing");
            port = 0;
        } else if (address instanceof VirtualServerAddress.IpPort ip && ip.port() != 0 && r.port() != ip.port()) {
            var proto = protocol == null ? "none" : protocol.toLowerCase(Locale.ROOT);
            sink.warning(SourcePos.NONE, "WARNING - virtual server " + describe + " and real server ["
                    + Addresses.format(r.address()) + "]:" + proto + ":" + r.port() + " ports don't match - resetting");
            port = ip.port();
        } else {
            return r;
        }
        return new RealServerSpec(r.address(), port, r.weight(), r.forwardingMethod(), r.upperThreshold(),
                r.lowerThreshold(), r.inhibitOnFailure(), r.notifyUp(), r.notifyDown(), r.alpha(), r.delayLoop(),
                r.virtualhost(), r.smtpAlert(), r.checkers(), r.pos());
    }

    /** The sorry server's port under DR/TUN, as {@link #samePortForDirectRouting} for real servers. */
    private void sorryServerPort(VirtualServerDraft vs, VirtualServerAddress address, String describe) {
        var method = vs.sorryMethod.orElse(vs.method == null ? ForwardingMethod.NAT : vs.method);
        if (vs.sorryIp == null || vs.sorryPort == 0 || method.kind() == ForwardingMethod.Kind.NAT) {
            return;
        }
        if (address instanceof VirtualServerAddress.Fwmark) {
            sink.warning(SourcePos.NONE, "WARNING - virtual server " + describe + ", sorry server has port specified - clearing");
            vs.sorryPort = 0;
        } else if (address instanceof VirtualServerAddress.IpPort ip && ip.port() != 0 && vs.sorryPort != ip.port()) {
            sink.warning(SourcePos.NONE, "WARNING - virtual server " + describe + " and sorry server ports don't match - resetting");
            vs.sorryPort = ip.port();
        }
    }

    /** keepalived's validate_check_config(), in its order: each value it corrects, it says so. */
    private void validate(VirtualServerDraft vs, VirtualServerAddress address, String describe, List<RealServerSpec> realServers) {
        long totalWeight = 0;
        for (var r : realServers) {
            totalWeight += r.weight();
        }
        if (vs.quorum > totalWeight) {
            sink.warning(SourcePos.NONE, "Warning - quorum " + vs.quorum + " for " + describe
                    + " exceeds total weight of real servers " + totalWeight + ", reducing quorum to " + totalWeight);
            vs.quorum = (int) totalWeight;
        }
        if (vs.quorum > 0 && vs.hysteresis >= vs.quorum) {
            sink.warning(SourcePos.NONE, "Virtual server " + describe + ": hysteresis " + vs.hysteresis + " >= quorum "
                    + vs.quorum + "; setting hysteresis to " + (vs.quorum - 1));
            vs.hysteresis = vs.quorum - 1;
        }
        if (vs.haSuspend && address instanceof VirtualServerAddress.Fwmark) {
            sink.warning(SourcePos.NONE, "Virtual server " + describe + ": cannot use ha_suspend with fwmarks - clearing ha_suspend");
            vs.haSuspend = false;
        }
        if (!(address instanceof VirtualServerAddress.Fwmark)) {
            if (vs.protocol == null) {
                sink.warning(SourcePos.NONE, "Virtual server " + describe + ": no protocol set - defaulting to UDP");
                vs.protocol = "UDP";
                describe = describe(address, vs.protocol);
            }
            if (vs.flags.contains("ops") && !vs.protocol.equals("UDP")) {
                sink.warning(SourcePos.NONE, "Virtual server " + describe + ": one packet scheduling requires UDP - resetting");
                vs.flags.remove("ops");
            }
            if (vs.persistence.isEmpty() && address instanceof VirtualServerAddress.IpPort ip && ip.port() == 0) {
                sink.warning(SourcePos.NONE, "Virtual server " + describe
                        + ": zero port only valid for persistent sevices - setting");
                vs.persistence = Optional.of(Duration.ofSeconds(360));
            }
        }
        if (vs.sched == null) {
            sink.warning(SourcePos.NONE, "Virtual server " + describe + ": no scheduler set, setting default 'wlc'");
            vs.sched = "wlc";
        }
        if (vs.method == null) {
            sink.warning(SourcePos.NONE, "Virtual server " + describe + ": no forwarding method set, setting default NAT");
            vs.method = ForwardingMethod.NAT;
        }
    }

    /** The virtual_server's address: an IP and port, a fwmark or a group; empty (and said) when unusable. */
    private Optional<VirtualServerAddress> address(ConfigNode block) {
        var a = block.argTexts();
        if (a.isEmpty()) {
            sink.error(block.pos(), "virtual_server without address - skipping");
            return Optional.empty();
        }
        if (a.get(0).equals("fwmark")) {
            long mark = a.size() > 1 ? parseLong(a.get(1), block.pos()) : 0;
            return Optional.of(new VirtualServerAddress.Fwmark(mark, AddressFamily.INET));
        } else if (a.get(0).equals("group")) {
            return Optional.of(new VirtualServerAddress.Group(a.size() > 1 ? a.get(1) : ""));
        } else {
            var ipText = a.get(0);
            String portText = a.size() > 1 ? a.get(1) : null;
            if (ipText.startsWith("[") && ipText.contains("]:")) {
                portText = ipText.substring(ipText.indexOf("]:") + 2);
                ipText = ipText.substring(1, ipText.indexOf("]:"));
            }
            var ip = Addresses.parse(ipText);
            if (ip.isEmpty()) {
                sink.error(block.pos(), "Invalid virtual server IP address " + ipText + " - skipping");
                return Optional.empty();
            }
            int port = portText == null ? 0 : (int) parseLong(portText, block.pos());
            return Optional.of(new VirtualServerAddress.IpPort(ip.get(), port));
        }
    }

    static String describe(VirtualServerAddress a, String protocol) {
        return switch (a) {
            case VirtualServerAddress.IpPort ip -> "[" + Addresses.format(ip.address()) + "]:"
                    + (protocol == null ? "none" : protocol.toLowerCase(Locale.ROOT)) + ":" + ip.port();
            case VirtualServerAddress.Fwmark f -> "FWM " + f.mark();
            case VirtualServerAddress.Group g -> "[" + g.name() + "]:0";
        };
    }

    private long parseLong(String t, SourcePos pos) {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            sink.error(pos, "invalid number '" + t + "'");
            return 0;
        }
    }

    private Optional<RealServerSpec> realServer(ConfigNode block, CheckerDefaults vs, RealServerDraft rs) {
        var a = block.argTexts();
        var ip = a.isEmpty() ? Optional.<InetAddress>empty() : Addresses.parse(a.get(0));
        if (ip.isEmpty()) {
            sink.error(block.pos(), "Invalid real server ip address/port " + String.join(" ", a) + " - skipping");
            return Optional.empty();
        }
        int port = a.size() > 1 ? (int) parseLong(a.get(1), block.pos()) : 0;
        RealServerKeywords.TABLE.readAll(rs, block, sink);
        var inherited = rs.checkerDefaults(vs);
        var checkers = new ArrayList<CheckerSpec>();
        for (var c : rs.checkerNodes) {
            var checker = new CheckerDraft(c, ip.get(), port, inherited, globals, sink);
            CheckerKeywords.TABLE.readAll(checker, c, sink);
            checker.finish(c).ifPresent(checkers::add);
        }
        return Optional.of(new RealServerSpec(ip.get(), port, rs.weight, rs.method, rs.upper, rs.lower, rs.inhibit, rs.up,
                rs.down, inherited.alpha() != null && inherited.alpha(),
                inherited.delayLoop() == null ? DEFAULT_DELAY_LOOP : inherited.delayLoop(),
                Optional.ofNullable(inherited.virtualhost()), rs.smtp, checkers, block.pos()));
    }
}
