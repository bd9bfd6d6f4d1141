package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.RealServerSpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.SslSpec;
import io.jkeepalived.config.model.UrlSpec;
import io.jkeepalived.config.model.VirtualServerAddress;
import io.jkeepalived.config.model.VirtualServerGroupSpec;
import io.jkeepalived.config.model.VirtualServerSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
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

    /** Values a real_server or virtual_server passes down to its checkers. */
    private record Inherited(Integer retry, Duration delayBeforeRetry, Duration warmup, Duration connectTimeout,
            Duration delayLoop, Boolean alpha, String virtualhost) {
        Inherited over(Inherited parent) {
            return new Inherited(retry != null ? retry : parent.retry,
                    delayBeforeRetry != null ? delayBeforeRetry : parent.delayBeforeRetry,
                    warmup != null ? warmup : parent.warmup, connectTimeout != null ? connectTimeout : parent.connectTimeout,
                    delayLoop != null ? delayLoop : parent.delayLoop, alpha != null ? alpha : parent.alpha,
                    virtualhost != null ? virtualhost : parent.virtualhost);
        }
    }

    private static final Inherited NONE = new Inherited(null, null, null, null, null, null, null);

    SslSpec ssl(ConfigNode block) {
        Optional<String> password = Optional.empty();
        Optional<String> ca = Optional.empty();
        Optional<String> cert = Optional.empty();
        Optional<String> key = Optional.empty();
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "password" -> password = w.required(0);
                case "ca" -> ca = w.required(0);
                case "certificate" -> cert = w.required(0);
                case "key" -> key = w.required(0);
                default -> {
                }
            }
        }
        return new SslSpec(password, ca, cert, key);
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
        var realServers = realServers(vs, describe);
        if (realServers.isEmpty()) {
            sink.warning(SourcePos.NONE, "Virtual server " + describe + " has no real servers - ignoring");
            return Optional.empty();
        }
        validate(vs, address, describe, realServers);
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
    private List<RealServerSpec> realServers(VirtualServerDraft vs, String describe) {
        var vsInherited = new Inherited(vs.retry, vs.dbr, vs.warmup, vs.connectTimeout, vs.delayLoop, vs.alpha, vs.vhost);
        var realServers = new ArrayList<RealServerSpec>();
        var seen = new HashSet<String>();
        for (var rs : vs.rsNodes) {
            var spec = realServer(rs, vsInherited, vs.weight, vs.inhibit, vs.method == null ? ForwardingMethod.NAT : vs.method,
                    vs.smtp);
            if (spec.isEmpty()) {
                continue;
            }
            var r = spec.get();
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

    private Optional<RealServerSpec> realServer(ConfigNode block, Inherited vs, int defaultWeight, boolean vsInhibit,
            ForwardingMethod vsMethod, boolean vsSmtp) {
        var a = block.argTexts();
        var ip = a.isEmpty() ? Optional.<InetAddress>empty() : Addresses.parse(a.get(0));
        if (ip.isEmpty()) {
            sink.error(block.pos(), "Invalid real server ip address/port " + String.join(" ", a) + " - skipping");
            return Optional.empty();
        }
        int port = a.size() > 1 ? (int) parseLong(a.get(1), block.pos()) : 0;
        int weight = defaultWeight;
        ForwardingMethod method = vsMethod;
        OptionalInt upper = OptionalInt.empty();
        OptionalInt lower = OptionalInt.empty();
        boolean inhibit = vsInhibit;
        Optional<ScriptSpec> up = Optional.empty();
        Optional<ScriptSpec> down = Optional.empty();
        boolean smtp = vsSmtp;
        Integer retry = null;
        Duration dbr = null;
        Duration warmup = null;
        Duration ct = null;
        Duration dl = null;
        Boolean alpha = null;
        String vhost = null;
        var checkerNodes = new ArrayList<ConfigNode>();
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "weight" -> {
                    var t = w.required(0);
                    if (t.isPresent()) {
                        var v = w.integer(t.get(), 0, Integer.MAX_VALUE);
                        if (v.isPresent()) {
                            weight = (int) v.getAsLong();
                        } else {
                            w.error("Real server weight " + t.get() + " is outside range 0-2147483647");
                        }
                    }
                }
                case "lvs_method" -> method = LvsLineValues.forwarding(w).orElse(method);
                case "uthreshold" -> upper = w.intIn(0, 0, Integer.MAX_VALUE);
                case "lthreshold" -> lower = w.intIn(0, 0, Integer.MAX_VALUE);
                case "inhibit_on_failure" -> inhibit = w.bool(0);
                case "notify_up" -> up = w.script(0);
                case "notify_down" -> down = w.script(0);
                case "alpha" -> alpha = w.bool(0);
                case "retry" -> retry = LvsLineValues.retry(w).orElse(retry);
                case "delay_before_retry" -> dbr = LvsLineValues.timer(w).orElse(dbr);
                case "warmup" -> warmup = LvsLineValues.timer(w).orElse(warmup);
                case "connect_timeout" -> ct = LvsLineValues.connectTimeout(w).orElse(ct);
                case "delay_loop" -> dl = LvsLineValues.delayLoop(w, "real server").orElse(dl);
                case "smtp_alert" -> smtp = w.bool(0);
                case "virtualhost" -> vhost = w.required(0).orElse(vhost);
                default -> {
                    if (n.isBlock() || io.jkeepalived.config.keywords.KeywordRegistry.CHECKERS.contains(n.name())) {
                        checkerNodes.add(n);
                    }
                }
            }
        }
        var inherited = new Inherited(retry, dbr, warmup, ct, dl, alpha, vhost).over(vs);
        var checkers = new ArrayList<CheckerSpec>();
        for (var c : checkerNodes) {
            checker(c, ip.get(), port, inherited).ifPresent(checkers::add);
        }
        return Optional.of(new RealServerSpec(ip.get(), port, weight, method, upper, lower, inhibit, up, down,
                inherited.alpha != null && inherited.alpha, inherited.delayLoop == null ? DEFAULT_DELAY_LOOP : inherited.delayLoop,
                Optional.ofNullable(inherited.virtualhost), smtp, checkers, block.pos()));
    }

    /** The common keywords as written in one checker (or SMTP host) block. */
    private final class CommonDraft {
        InetAddress connectIp;
        Integer connectPort;
        InetAddress bindTo;
        Integer bindPort;
        String bindIf;
        Integer fwmark;
        Boolean logAllFailures;
        Inherited own = NONE;

        /** Returns true when the line was a common keyword. */
        boolean line(ConfigNode n, Words w) {
            switch (n.name()) {
                case "connect_ip" -> connectIp = w.address(0).orElse(connectIp);
                case "connect_port" -> {
                    var v = w.intIn(0, 1, 65535);
                    if (v.isPresent()) {
                        connectPort = v.getAsInt();
                    } else {
                        w.error("Invalid checker connect_port '" + w.arg(0).orElse("") + "'");
                    }
                }
                case "bindto" -> bindTo = w.address(0).orElse(bindTo);
                case "bind_port" -> bindPort = (int) w.integer(0, 0, 65535).orElse(0);
                case "bind_if" -> bindIf = w.required(0).orElse(null);
                case "fwmark" -> fwmark = (int) w.integer(0, 0, 4294967295L).orElse(0);
                case "log_all_failures" -> logAllFailures = w.bool(0);
                case "connect_timeout" -> own = new Inherited(own.retry, own.delayBeforeRetry, own.warmup,
                        LvsLineValues.connectTimeout(w).orElse(own.connectTimeout), own.delayLoop, own.alpha, own.virtualhost);
                case "retry", "nb_get_retry" -> own = new Inherited(LvsLineValues.retry(w).orElse(own.retry), own.delayBeforeRetry, own.warmup,
                        own.connectTimeout, own.delayLoop, own.alpha, own.virtualhost);
                case "delay_before_retry" -> own = new Inherited(own.retry, LvsLineValues.timer(w).orElse(own.delayBeforeRetry), own.warmup,
                        own.connectTimeout, own.delayLoop, own.alpha, own.virtualhost);
                case "warmup" -> own = new Inherited(own.retry, own.delayBeforeRetry, LvsLineValues.timer(w).orElse(own.warmup),
                        own.connectTimeout, own.delayLoop, own.alpha, own.virtualhost);
                case "delay_loop" -> own = new Inherited(own.retry, own.delayBeforeRetry, own.warmup, own.connectTimeout,
                        LvsLineValues.delayLoop(w, "checker").orElse(own.delayLoop), own.alpha, own.virtualhost);
                case "alpha" -> own = new Inherited(own.retry, own.delayBeforeRetry, own.warmup, own.connectTimeout,
                        own.delayLoop, w.bool(0), own.virtualhost);
                default -> {
                    return false;
                }
            }
            return true;
        }

        CheckerCommonSpec resolve(String kind, InetAddress rsIp, int rsPort, Inherited parent) {
            var r = own.over(parent);
            var delayLoop = r.delayLoop == null ? DEFAULT_DELAY_LOOP : r.delayLoop;
            int retry = r.retry != null ? r.retry : switch (kind) {
                case "DNS_CHECK" -> 3;
                case "MISC_CHECK" -> 0;
                default -> 1;
            };
            var dbr = r.delayBeforeRetry != null ? r.delayBeforeRetry : switch (kind) {
                case "HTTP_GET", "SSL_GET" -> Duration.ofSeconds(3);
                case "DNS_CHECK" -> delayLoop;
                default -> Duration.ofSeconds(1);
            };
            return new CheckerCommonSpec(connectIp != null ? connectIp : rsIp, connectPort != null ? connectPort : rsPort,
                    Optional.ofNullable(bindTo), bindPort == null ? OptionalInt.empty() : OptionalInt.of(bindPort),
                    Optional.ofNullable(bindIf), r.connectTimeout != null ? r.connectTimeout : DEFAULT_CONNECT_TIMEOUT,
                    fwmark == null ? OptionalInt.empty() : OptionalInt.of(fwmark), retry, dbr,
                    r.warmup != null ? r.warmup : delayLoop, delayLoop, r.alpha != null && r.alpha,
                    logAllFailures != null ? logAllFailures : globals.checkerLogAllFailures());
        }
    }

    private Optional<CheckerSpec> checker(ConfigNode block, InetAddress rsIp, int rsPort, Inherited parent) {
        var kind = block.name();
        var common = new CommonDraft();
        var urls = new ArrayList<UrlSpec>();
        String httpProtocol = "1.0";
        Optional<String> vhost = Optional.ofNullable(parent.virtualhost);
        boolean sni = false;
        Optional<String> sniName = Optional.empty();
        boolean fastRecovery = false;
        boolean tlsCompliant = false;
        String helo = globals.smtpHeloName().orElse("localhost");
        var hosts = new ArrayList<CheckerCommonSpec>();
        ScriptSpec misc = null;
        Duration miscTimeout = null;
        boolean dynamic = false;
        String miscUser = null;
        String miscGroup = null;
        String dnsType = "SOA";
        String dnsName = ".";
        Optional<byte[]> payload = Optional.empty();
        boolean requireReply = false;
        Optional<String> replyPattern = Optional.empty();
        int minLen = 0;
        int maxLen = 255;
        String trackFile = null;
        OptionalInt fileWeight = OptionalInt.empty();
        boolean fileReverse = false;
        String bfdName = null;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            if (common.line(n, w)) {
                continue;
            }
            switch (n.name()) {
                case "url" -> url(n).ifPresent(urls::add);
                case "http_protocol" -> httpProtocol = w.required(0).orElse(httpProtocol);
                case "virtualhost" -> vhost = w.required(0);
                case "enable_sni" -> sni = w.bool(0);
                case "sni_name" -> sniName = w.required(0);
                case "fast_recovery" -> fastRecovery = w.bool(0);
                case "tls_compliant" -> tlsCompliant = w.bool(0);
                case "helo_name" -> helo = w.required(0).orElse(helo);
                case "host" -> {
                    var hd = new CommonDraft();
                    for (var hn : n.children()) {
                        hd.line(hn, new Words(hn, sink));
                    }
                    hosts.add(hd.resolve(kind, rsIp, rsPort, common.own.over(parent)));
                }
                case "misc_path" -> misc = w.script(0).orElse(null);
                case "misc_timeout" -> {
                    var v = w.integer(0, 1, Integer.MAX_VALUE);
                    if (v.isPresent()) {
                        miscTimeout = Duration.ofSeconds(v.getAsLong());
                    }
                }
                case "misc_dynamic" -> dynamic = true;
                case "user" -> {
                    miscUser = w.required(0).orElse(null);
                    miscGroup = w.arg(1).orElse(null);
                }
                case "type" -> {
                    var t = w.required(0).map(s -> s.toUpperCase(Locale.ROOT));
                    if (t.isPresent() && Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA").contains(t.get())) {
                        dnsType = t.get();
                    } else {
                        t.ifPresent(s -> w.error("Unknown DNS check type " + s + " - ignoring"));
                    }
                }
                case "name" -> {
                    if (kind.equals("BFD_CHECK")) {
                        bfdName = w.required(0).orElse(null);
                    } else {
                        dnsName = w.required(0).orElse(dnsName);
                    }
                }
                case "payload" -> payload = hex(w, w.rest(0), "Invalid hex string for UDP_CHECK payload");
                case "require_reply" -> {
                    requireReply = true;
                    replyPattern = w.arg(0).isPresent() ? Optional.of(w.rest(0).replace(" ", "")) : Optional.empty();
                }
                case "min_reply_length" -> minLen = (int) w.integer(0, 0, 65535).orElse(minLen);
                case "max_reply_length" -> maxLen = (int) w.integer(0, 0, 65535).orElse(maxLen);
                case "track_file" -> trackFile = w.required(0).orElse(null);
                case "weight" -> {
                    fileWeight = w.intIn(0, -254, 254);
                    fileReverse = w.arg(1).filter("reverse"::equals).isPresent();
                }
                default -> {
                }
            }
        }
        var c = common.resolve(kind, rsIp, rsPort, parent);
        var pos = block.pos();
        return switch (kind) {
            case "TCP_CHECK" -> Optional.of(new CheckerSpec.TcpCheckSpec(c, pos));
            case "HTTP_GET", "SSL_GET" -> {
                if (urls.isEmpty()) {
                    sink.error(VrrpBuilder.endPos(block), "HTTP/SSL_GET checker has no urls specified - ignoring");
                    yield Optional.empty();
                }
                yield Optional.of(new CheckerSpec.HttpGetSpec(c, kind.equals("SSL_GET"), urls, vhost, httpProtocol, sni,
                        sniName, fastRecovery, tlsCompliant, pos));
            }
            case "SMTP_CHECK" -> Optional.of(new CheckerSpec.SmtpCheckSpec(c, helo, hosts, pos));
            case "MISC_CHECK" -> {
                if (misc == null) {
                    sink.error(VrrpBuilder.endPos(block), "No script path has been specified for MISC_CHECKER - skipping");
                    yield Optional.empty();
                }
                if (miscUser != null) {
                    misc = new ScriptSpec(misc.commandLine(), misc.argv(), Optional.of(miscUser),
                            Optional.ofNullable(miscGroup), misc.pos());
                }
                yield Optional.of(new CheckerSpec.MiscCheckSpec(c, misc, miscTimeout != null ? miscTimeout : c.delayLoop(),
                        dynamic, pos));
            }
            case "DNS_CHECK" -> Optional.of(new CheckerSpec.DnsCheckSpec(c, dnsType, dnsName, pos));
            case "UDP_CHECK" -> Optional.of(new CheckerSpec.UdpCheckSpec(c, payload, requireReply, replyPattern, minLen,
                    maxLen, pos));
            case "PING_CHECK" -> Optional.of(new CheckerSpec.PingCheckSpec(c, pos));
            case "FILE_CHECK" -> {
                if (trackFile == null) {
                    sink.error(VrrpBuilder.endPos(block), "FILE_CHECK without track_file - ignoring");
                    yield Optional.empty();
                }
                yield Optional.of(new CheckerSpec.FileCheckSpec(c, trackFile, fileWeight, fileReverse, pos));
            }
            case "BFD_CHECK" -> {
                if (bfdName == null) {
                    sink.error(VrrpBuilder.endPos(block), "BFD_CHECK without name - ignoring");
                    yield Optional.empty();
                }
                yield Optional.of(new CheckerSpec.BfdCheckSpec(c, bfdName, pos));
            }
            default -> Optional.empty();
        };
    }

    private Optional<byte[]> hex(Words w, String text, String error) {
        var t = text.replace(" ", "");
        try {
            return Optional.of(HexFormat.of().parseHex(t.length() % 2 == 1 ? "0" + t : t));
        } catch (IllegalArgumentException e) {
            w.error(error);
            return Optional.empty();
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private Optional<UrlSpec> url(ConfigNode block) {
        String path = null;
        Optional<String> digest = Optional.empty();
        var codes = new ArrayList<UrlSpec.StatusRange>();
        Optional<String> vhost = Optional.empty();
        Optional<String> regex = Optional.empty();
        boolean noMatch = false;
        List<String> options = List.of();
        int minOff = 0;
        int maxOff = 0;
        boolean tls = false;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "path" -> path = w.required(0).orElse(null);
                case "digest" -> {
                    var d = w.required(0);
                    if (d.isPresent() && d.get().length() != 32) {
                        w.error("digest '" + d.get() + "' character length should be 32 rather than " + d.get().length());
                    } else if (d.isPresent() && !isHex(d.get())) {
                        w.error("digest '" + d.get() + "' is not a hex string - ignoring");
                    } else {
                        digest = d.map(s -> s.toLowerCase(Locale.ROOT));
                    }
                }
                case "status_code" -> {
                    for (var t : n.argTexts()) {
                        var parts = t.split("-", 2);
                        try {
                            int from = Integer.parseInt(parts[0]);
                            int to = parts.length > 1 ? Integer.parseInt(parts[1]) : from;
                            if (from < 100 || to > 599 || from > to) {
                                w.error("Invalid HTTP_GET status code '" + t + "'");
                            } else {
                                codes.add(new UrlSpec.StatusRange(from, to));
                            }
                        } catch (NumberFormatException e) {
                            w.error("Invalid HTTP_GET status code '" + t + "' - ignoring");
                        }
                    }
                }
                case "virtualhost" -> vhost = w.required(0);
                case "regex" -> regex = w.required(0);
                case "regex_no_match" -> noMatch = true;
                case "regex_options" -> options = n.argTexts();
                case "regex_min_offset" -> minOff = (int) w.integer(0, 0, Integer.MAX_VALUE).orElse(0);
                case "regex_max_offset" -> maxOff = (int) w.integer(0, 0, Integer.MAX_VALUE).orElse(0);
                case "tls_compliant" -> tls = w.bool(0);
                default -> {
                }
            }
        }
        if (path == null) {
            sink.error(block.pos(), "Url path not specified - ignoring");
            return Optional.empty();
        }
        return Optional.of(new UrlSpec(path, digest, codes.isEmpty() ? UrlSpec.DEFAULT_STATUS : codes, vhost, regex, noMatch,
                options, minOff, maxOff, tls, block.pos()));
    }
}
