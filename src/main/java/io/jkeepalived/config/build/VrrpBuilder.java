package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.BfdInstanceSpec;
import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.config.model.UnicastPeerSpec;
import io.jkeepalived.config.model.VmacSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Reads the VRRP-side blocks: vrrp_instance, vrrp_script, track_file, vrrp_track_process, bfd_instance, vrrp_sync_group, garp_group. */
final class VrrpBuilder {
    private final DiagnosticSink sink;
    private final AddressLines addressLines;

    private final boolean defaultScriptUserInvalid;

    VrrpBuilder(DiagnosticSink sink, AddressLines addressLines, boolean defaultScriptUserInvalid) {
        this.sink = sink;
        this.addressLines = addressLines;
        this.defaultScriptUserInvalid = defaultScriptUserInvalid;
    }

    /** Where keepalived reports end-of-block checks: the closing brace, taken as the line after the last line inside. */
    static SourcePos endPos(ConfigNode block) {
        var last = block;
        while (!last.children().isEmpty()) {
            last = last.children().get(last.children().size() - 1);
        }
        if (last == block) {
            var p = block.pos();
            return block.isBlock() ? new SourcePos(p.file(), p.line() + 1, 1, p.includeChain()) : p;
        }
        var p = last.pos();
        return new SourcePos(p.file(), p.line() + 1, 1, p.includeChain());
    }

    static String name(ConfigNode block) {
        return block.args().isEmpty() ? "" : block.args().get(0).text();
    }

    Optional<VrrpScriptSpec> script(ConfigNode block) {
        var name = name(block);
        ScriptSpec script = null;
        Duration interval = Duration.ofSeconds(1);
        Duration timeout = null;
        int weight = 0;
        boolean reverse = false;
        int rise = 1;
        int fall = 1;
        boolean initFail = false;
        String user = null;
        String group = null;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "script" -> script = w.script(0).orElse(null);
                case "interval" -> {
                    var d = w.seconds(0, 0, Integer.MAX_VALUE / 1_000_000.0);
                    if (d.isPresent() && d.get().isZero()) {
                        w.error("(" + name + "): vrrp script interval must be greater than 0, setting to 1");
                    } else if (d.isPresent()) {
                        interval = d.get();
                    }
                }
                case "timeout" -> {
                    var d = w.seconds(0, 0, Integer.MAX_VALUE / 1_000_000.0);
                    if (d.isPresent() && d.get().isZero()) {
                        w.error("(" + name + "): vrrp script timeout must be greater than 0, setting to 1");
                        timeout = Duration.ofSeconds(1);
                    } else if (d.isPresent()) {
                        timeout = d.get();
                    }
                }
                case "weight" -> {
                    var t = w.required(0);
                    if (t.isPresent()) {
                        var v = w.integer(t.get(), -253, 253);
                        if (v.isPresent()) {
                            weight = (int) v.getAsLong();
                        } else {
                            w.error("vrrp_script " + name + " weight " + t.get() + " must be in [-253, 253]");
                        }
                        reverse = w.arg(1).filter("reverse"::equals).isPresent();
                    }
                }
                case "rise", "fall" -> {
                    var v = w.intIn(0, 1, Integer.MAX_VALUE);
                    if (v.isEmpty()) {
                        w.error("(" + name + "): vrrp script " + n.name() + " value '" + w.arg(0).orElse("")
                                + "' invalid, defaulting to 1");
                    } else if (n.name().equals("rise")) {
                        rise = v.getAsInt();
                    } else {
                        fall = v.getAsInt();
                    }
                }
                case "user" -> {
                    user = w.required(0).orElse(null);
                    group = w.arg(1).orElse(null);
                }
                case "init_fail" -> initFail = true;
                default -> {
                }
            }
        }
        if (script == null) {
            sink.warning(endPos(block), "No script set for vrrp_script " + name + " - removing");
            return Optional.empty();
        }
        if (user == null && defaultScriptUserInvalid) {
            sink.error(endPos(block), "Unable to set default user for vrrp script " + name + " - removing");
            return Optional.empty();
        }
        if (user != null) {
            script = new ScriptSpec(script.commandLine(), script.argv(), Optional.of(user), Optional.ofNullable(group),
                    script.pos());
        }
        return Optional.of(new VrrpScriptSpec(name, script, interval, timeout == null ? interval : timeout, weight, reverse,
                rise, fall, initFail, block.pos()));
    }

    Optional<TrackFileSpec> trackFile(ConfigNode block) {
        var name = name(block);
        String file = null;
        int weight = 1;
        boolean reverse = false;
        boolean init = false;
        OptionalLong initValue = OptionalLong.empty();
        boolean overwrite = false;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "file" -> file = w.required(0).orElse(null);
                case "weight" -> {
                    var v = w.integer(0, -254, 254);
                    if (v.isPresent()) {
                        weight = (int) v.getAsLong();
                    } else {
                        w.error("Weight (" + w.arg(0).orElse("") + ") for track_file " + name
                                + " must be between [-254..254] inclusive. Ignoring...");
                    }
                    reverse = w.arg(1).filter("reverse"::equals).isPresent();
                }
                case "init_file" -> {
                    init = true;
                    for (var a : n.argTexts()) {
                        if (a.equals("overwrite")) {
                            overwrite = true;
                        } else {
                            var v = w.integer(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                            if (v.isPresent()) {
                                initValue = v;
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (file == null) {
            sink.warning(endPos(block), "No file set for track_file " + name + " - ignoring");
            return Optional.empty();
        }
        return Optional.of(new TrackFileSpec(name, file, weight, reverse, init, initValue, overwrite, block.pos()));
    }

    Optional<TrackProcessSpec> trackProcess(ConfigNode block) {
        var name = name(block);
        String process = null;
        List<String> params = List.of();
        Optional<String> paramMatch = Optional.empty();
        int weight = 0;
        boolean reverse = false;
        int quorum = 1;
        int quorumMax = Integer.MAX_VALUE;
        Duration fork = Duration.ZERO;
        Duration terminate = Duration.ZERO;
        boolean full = false;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "process" -> {
                    process = w.required(0).orElse(null);
                    params = n.argTexts().size() > 1 ? n.argTexts().subList(1, n.argTexts().size()) : List.of();
                }
                case "param_match" -> paramMatch = w.required(0);
                case "weight" -> {
                    var v = w.integer(0, -254, 254);
                    if (v.isPresent()) {
                        weight = (int) v.getAsLong();
                    } else {
                        w.error("Weight (" + w.arg(0).orElse("") + ") for vrrp_track_process " + name
                                + " must be between [-254..254] inclusive. Ignoring...");
                    }
                    reverse = w.arg(1).filter("reverse"::equals).isPresent();
                }
                case "quorum", "quorum_max" -> {
                    var v = w.integer(0, 1, 65535);
                    if (v.isEmpty()) {
                        w.error((n.name().equals("quorum") ? "Quorum" : "Quorum max") + " (" + w.arg(0).orElse("")
                                + ") for vrrp_track_process " + name + " must be between [1..65535] inclusive. Ignoring...");
                    } else if (n.name().equals("quorum")) {
                        quorum = (int) v.getAsLong();
                    } else {
                        quorumMax = (int) v.getAsLong();
                    }
                }
                case "delay" -> {
                    var d = w.seconds(0, 0, 3600);
                    if (d.isPresent()) {
                        fork = d.get();
                        terminate = d.get();
                    }
                }
                case "fork_delay" -> fork = w.seconds(0, 0, 3600).orElse(fork);
                case "terminate_delay" -> terminate = w.seconds(0, 0, 3600).orElse(terminate);
                case "full_command" -> full = true;
                default -> {
                }
            }
        }
        if (process == null) {
            sink.error(endPos(block), "track process '" + name + "' process name not specified");
            return Optional.empty();
        }
        return Optional.of(new TrackProcessSpec(name, process, params, paramMatch, weight, reverse, quorum, quorumMax, fork,
                terminate, full, block.pos()));
    }

    Optional<BfdInstanceSpec> bfd(ConfigNode block) {
        var name = name(block);
        java.net.InetAddress neighbor = null;
        java.net.InetAddress source = null;
        long minRx = 10;
        long minTx = 10;
        long idleTx = 1000;
        int mult = 5;
        boolean passive = false;
        int ttl = 255;
        int hop = 64;
        int maxHops = 0;
        boolean multihop = false;
        int weight = 0;
        boolean reverse = false;
        boolean vrrp = false;
        boolean checker = false;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "neighbor_ip", "neighbour_ip" -> neighbor = w.address(0).orElse(null);
                case "source_ip" -> source = w.address(0).orElse(null);
                case "min_rx" -> minRx = bfdInterval(w, name, minRx);
                case "min_tx" -> minTx = bfdInterval(w, name, minTx);
                case "idle_tx" -> idleTx = bfdInterval(w, name, idleTx);
                case "multiplier" -> mult = (int) w.integer(0, 1, 255).orElse(mult);
                case "passive" -> passive = true;
                case "ttl" -> ttl = (int) w.integer(0, 1, 255).orElse(ttl);
                case "hoplimit" -> hop = (int) w.integer(0, 1, 255).orElse(hop);
                case "max_hops" -> maxHops = (int) w.integer(0, 0, 255).orElse(maxHops);
                case "multihop" -> multihop = w.bool(0);
                case "weight" -> {
                    weight = (int) w.integer(0, -253, 253).orElse(weight);
                    reverse = w.arg(1).filter("reverse"::equals).isPresent();
                }
                case "vrrp" -> vrrp = true;
                case "checker" -> checker = true;
                default -> {
                }
            }
        }
        if (neighbor == null) {
            sink.error(endPos(block), "Configuration error: BFD instance " + name
                    + " has no neighbor address set, disabling instance");
            return Optional.empty();
        }
        return Optional.of(new BfdInstanceSpec(name, Optional.of(neighbor), Optional.ofNullable(source),
                Duration.ofMillis(minRx), Duration.ofMillis(minTx), Duration.ofMillis(idleTx), mult, passive, ttl, hop,
                maxHops, multihop, weight, reverse, vrrp, checker, block.pos()));
    }

    /** BFD intervals in milliseconds, 1..4294967, with keepalived's words when out of range. */
    private static long bfdInterval(Words w, String name, long current) {
        var t = w.required(0);
        if (t.isEmpty()) {
            return current;
        }
        long micros = Words.plainMicros(t.get());
        if (micros < 1_000_000 || micros > 4_294_967L * 1_000_000) {
            w.error("number '" + t.get() + "' outside range [1.000, 4294967.000]");
            w.error("Configuration error: BFD instance " + name + " " + w.keyword() + " value " + t.get()
                    + " is not valid (must be in range [1-4294967]), ignoring");
            return current;
        }
        return micros / 1_000_000;
    }

    GarpGroupSpec garpGroup(ConfigNode block) {
        Duration garp = Duration.ZERO;
        Duration gna = Duration.ZERO;
        var ifs = new ArrayList<String>();
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "garp_interval" -> garp = w.seconds(0, 0, 1).orElse(garp);
                case "gna_interval" -> gna = w.seconds(0, 0, 1).orElse(gna);
                case "interface" -> w.required(0).ifPresent(ifs::add);
                case "interfaces" -> n.children().forEach(c -> ifs.add(c.name()));
                default -> {
                }
            }
        }
        if (ifs.isEmpty()) {
            sink.error(block.pos(), "No interface specified for garp_group - ignoring");
        }
        return new GarpGroupSpec(garp, gna, ifs, block.pos());
    }

    /** A sync group as written; members are checked once all instances are known. */
    record SyncGroupDraft(VrrpSyncGroupSpec spec, List<io.jkeepalived.config.model.TrackRef> memberRefs) {
    }

    SyncGroupDraft syncGroup(ConfigNode block) {
        var name = name(block);
        var members = new ArrayList<io.jkeepalived.config.model.TrackRef>();
        var ti = new ArrayList<io.jkeepalived.config.model.TrackRef>();
        var ts = new ArrayList<io.jkeepalived.config.model.TrackRef>();
        var tf = new ArrayList<io.jkeepalived.config.model.TrackRef>();
        var tp = new ArrayList<io.jkeepalived.config.model.TrackRef>();
        var tb = new ArrayList<io.jkeepalived.config.model.TrackRef>();
        ScriptSpec master = null;
        ScriptSpec backup = null;
        ScriptSpec fault = null;
        ScriptSpec stop = null;
        ScriptSpec generic = null;
        boolean smtp = false;
        boolean globalTracking = false;
        boolean weighted = false;
        boolean prioChanges = false;
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "group" -> n.children().forEach(c -> {
                    members.add(new io.jkeepalived.config.model.TrackRef(c.name(), OptionalInt.empty(), false, c.pos()));
                    c.args().forEach(a -> members.add(
                            new io.jkeepalived.config.model.TrackRef(a.text(), OptionalInt.empty(), false, a.pos())));
                });
                case "track_interface" -> ti.addAll(TrackLines.read("(" + name + ")", n, -253, 253, sink));
                case "track_script" -> ts.addAll(TrackLines.read("(" + name + ")", n, -253, 253, sink));
                case "track_file" -> tf.addAll(TrackLines.read("(" + name + ")", n, -254, 254, sink));
                case "track_process" -> tp.addAll(TrackLines.read("(" + name + ")", n, -254, 254, sink));
                case "track_bfd" -> tb.addAll(TrackLines.read("(" + name + ")", n, -253, 253, sink));
                case "notify_master" -> master = w.script(0).orElse(null);
                case "notify_backup" -> backup = w.script(0).orElse(null);
                case "notify_fault" -> fault = w.script(0).orElse(null);
                case "notify_stop" -> stop = w.script(0).orElse(null);
                case "notify" -> generic = w.script(0).orElse(null);
                case "smtp_alert" -> smtp = w.bool(0);
                case "global_tracking" -> globalTracking = true;
                case "sync_group_tracking_weight" -> weighted = true;
                case "notify_priority_changes" -> prioChanges = w.bool(0);
                default -> {
                }
            }
        }
        var notify = new NotifySpec(Optional.ofNullable(master), Optional.ofNullable(backup), Optional.ofNullable(fault),
                Optional.ofNullable(stop), Optional.empty(), false, Optional.ofNullable(generic), Optional.empty());
        var spec = new VrrpSyncGroupSpec(name, List.of(), ti, ts, tf, tp, tb, notify, smtp, globalTracking, weighted,
                prioChanges, block.pos());
        return new SyncGroupDraft(spec, members);
    }

    VrrpInstanceDraft instance(ConfigNode block, HostInterfaces host, boolean[] missingInterface) {
        var d = new VrrpInstanceDraft(block, sink);
        for (var n : block.children()) {
            instanceLine(d, n, new Words(n, sink), host, missingInterface);
        }
        return d;
    }

    private void instanceLine(VrrpInstanceDraft d, ConfigNode n, Words w, HostInterfaces host, boolean[] missingInterface) {
        var tag = d.tag();
        switch (n.name()) {
            case "state" -> {
                var s = w.required(0).orElse(null);
                if (s != null) {
                    switch (s) {
                        case "MASTER", "BACKUP" -> d.state = s;
                        case "EQUAL" -> d.state = "BACKUP";
                        default -> w.error(tag + " unknown state '" + s + "', defaulting to BACKUP");
                    }
                }
            }
            case "interface" -> {
                var i = w.required(0).orElse(null);
                if (i != null) {
                    d.interfaceName = i;
                    d.interfacePos = n.pos();
                    if (!host.exists(i)) {
                        w.error("WARNING - interface " + i + " for vrrp_instance " + d.name + " doesn't exist");
                        missingInterface[0] = true;
                    }
                }
            }
            case "virtual_router_id" -> {
                var t = w.required(0).orElse(null);
                if (t != null) {
                    d.vridWritten = true;
                    var v = w.integer(t, 1, 255);
                    if (v.isPresent()) {
                        d.vrid = (int) v.getAsLong();
                    } else {
                        w.error(tag + ": VRID '" + t + "' not valid - must be between 1 & 255");
                    }
                }
            }
            case "priority" -> {
                var t = w.required(0).orElse(null);
                if (t != null) {
                    var v = w.integer(t, 1, 255);
                    if (v.isPresent()) {
                        d.priority = (int) v.getAsLong();
                    } else {
                        w.error(tag + " Priority not valid! must be between 1 & 255. Using default 100");
                        d.priority = 100;
                    }
                }
            }
            case "advert_int" -> {
                var t = w.required(0).orElse(null);
                if (t != null) {
                    var v = w.seconds(t, 0.01, 255);
                    if (v.isEmpty() || v.get().isZero()) {
                        w.error(tag + " Advert interval (" + t + ") not valid! Must be > 0 - ignoring");
                    } else {
                        d.advertInt = v.get();
                    }
                }
            }
            case "version" -> w.required(0).ifPresent(t -> {
                var v = w.integer(t, 2, 3);
                if (v.isPresent()) {
                    d.version = (int) v.getAsLong();
                } else {
                    w.error(tag + ": Version must be either 2 or 3");
                }
            });
            case "native_ipv6" -> d.nativeIpv6 = true;
            case "authentication" -> auth(d, n);
            case "auth_hmac" -> sink.report(Severity.INFO, n.pos(), tag + " auth_hmac is parsed but not used yet");
            case "virtual_ipaddress" -> {
                for (var c : n.children()) {
                    var vip = addressLines.address(c);
                    if (vip.isEmpty() || !devExists(vip.get(), c, host, missingInterface)) {
                        continue;
                    }
                    if (!d.vips.isEmpty() && d.vips.get(0).family() != vip.get().family()) {
                        sink.error(c.pos(), "(" + d.name + "): address family must match VRRP instance ["
                                + Addresses.format(vip.get().address()) + "] - ignoring");
                    } else {
                        d.vips.add(vip.get());
                    }
                }
            }
            case "virtual_ipaddress_excluded" -> {
                for (var c : n.children()) {
                    var vip = addressLines.address(c);
                    if (vip.isPresent() && devExists(vip.get(), c, host, missingInterface)) {
                        d.evips.add(vip.get());
                    }
                }
            }
            case "no_virtual_ipaddress" -> d.noVip = true;
            case "virtual_routes" -> n.children().forEach(c -> addressLines.route(c, true).ifPresent(d.routes::add));
            case "virtual_rules" -> n.children().forEach(c -> addressLines.rule(c).ifPresent(d.rules::add));
            case "unicast_peer" -> {
                d.unicastPeerBlock = true;
                n.children().forEach(c -> peer(d, c));
            }
            case "mcast_src_ip" -> d.mcastSrc = address(w, "Configuration error: VRRP instance[" + d.name
                    + "] malformed src address[%s]. Skipping...").orElse(null);
            case "unicast_src_ip" -> d.unicastSrc = address(w, "Configuration error: VRRP instance[" + d.name
                    + "] malformed src address[%s]. Skipping...").orElse(null);
            case "mcast_dst_ip" -> d.mcastDst = address(w, "Configuration error: VRRP instance[" + d.name
                    + "] malformed mcast dst address[%s]. Skipping...").orElse(null);
            case "unicast_ttl" -> {
                var v = w.intIn(0, 0, 255);
                if (v.isPresent()) {
                    d.unicastTtl = v.getAsInt();
                } else {
                    w.error(tag + ": TTL '" + w.arg(0).orElse("") + "' not valid - must be between 0 & 255");
                }
            }
            case "unicast_fault_no_peer" -> d.unicastFaultNoPeer = true;
            case "check_unicast_src" -> d.checkUnicastSrc = true;
            case "track_src_ip" -> d.trackSrcIp = true;
            case "track_interface" -> {
                var refs = TrackLines.read(tag, n, -253, 253, sink);
                for (var r : refs) {
                    if (!host.exists(r.name())) {
                        sink.error(r.pos(), tag + " tracked interface " + r.name() + " doesn't exist");
                        missingInterface[0] = true;
                    } else {
                        d.trackInterfaces.add(r);
                    }
                }
            }
            case "track_script" -> d.trackScripts.addAll(TrackLines.read(tag, n, -253, 253, sink));
            case "track_file" -> d.trackFiles.addAll(TrackLines.read(tag, n, -254, 254, sink));
            case "track_process" -> d.trackProcesses.addAll(TrackLines.read(tag, n, -254, 254, sink));
            case "track_bfd" -> d.trackBfds.addAll(TrackLines.read(tag, n, -253, 253, sink));
            case "dont_track_primary" -> d.dontTrackPrimary = true;
            case "notify_master" -> d.notifyMaster = w.script(0).orElse(null);
            case "notify_backup" -> d.notifyBackup = w.script(0).orElse(null);
            case "notify_fault" -> d.notifyFault = w.script(0).orElse(null);
            case "notify_stop" -> d.notifyStop = w.script(0).orElse(null);
            case "notify_deleted" -> {
                d.notifyDeletedSet = true;
                d.notifyDeleted = w.arg(0).isPresent() ? w.script(0).orElse(null) : null;
            }
            case "notify" -> d.notifyGeneric = w.script(0).orElse(null);
            case "notify_master_rx_lower_pri" -> d.notifyRxLowerPri = w.script(0).orElse(null);
            case "smtp_alert" -> d.smtpAlert = w.bool(0, "Invalid vrrp_instance smtp_alert parameter");
            case "notify_priority_changes" -> d.notifyPriorityChanges = w.bool(0);
            case "preempt" -> d.nopreempt = false;
            case "nopreempt" -> d.nopreempt = true;
            case "preempt_delay" -> w.required(0).ifPresent(t -> {
                var v = w.seconds(t, 0, 1000);
                if (v.isPresent()) {
                    d.preemptDelay = v.get();
                } else {
                    w.error(tag + " Preempt_delay not valid! must be between 0-1000");
                }
            });
            case "accept" -> d.accept = true;
            case "no_accept" -> d.accept = false;
            case "strict_mode" -> d.strict = w.bool(0);
            case "skip_check_adv_addr" -> d.skipCheckAdvAddr = w.bool(0);
            case "promote_secondaries" -> d.promoteSecondaries = true;
            case "garp_master_delay" -> {
                var v = w.seconds(0, 0, 86400);
                if (v.isPresent()) {
                    d.garpMasterDelay = v.get();
                } else {
                    w.error(tag + ": garp_master_delay '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "garp_master_repeat" -> {
                var v = w.intIn(0, 0, Integer.MAX_VALUE);
                if (v.isPresent()) {
                    d.garpMasterRepeat = v.getAsInt();
                } else {
                    w.error(tag + ": garp_master_repeat '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "garp_master_refresh" -> {
                var v = w.seconds(0, 0, 86400);
                if (v.isPresent()) {
                    d.garpMasterRefresh = v.get();
                } else {
                    w.error(tag + ": garp_master_refresh '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "garp_master_refresh_repeat" -> {
                var v = w.intIn(0, 0, Integer.MAX_VALUE);
                if (v.isPresent()) {
                    d.garpMasterRefreshRepeat = v.getAsInt();
                } else {
                    w.error(tag + ": garp_master_refresh_repeat '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "garp_lower_prio_delay" -> {
                var v = w.seconds(0, 0, 86400);
                if (v.isPresent()) {
                    d.garpLowerPrioDelay = v.get();
                } else {
                    w.error(tag + ": garp_lower_prio_delay '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "garp_lower_prio_repeat" -> {
                var v = w.intIn(0, 0, Integer.MAX_VALUE);
                if (v.isPresent()) {
                    d.garpLowerPrioRepeat = v.getAsInt();
                } else {
                    w.error(tag + ": garp_lower_prio_repeat '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "down_timer_adverts" -> {
                var v = w.intIn(0, 1, 100);
                if (v.isPresent()) {
                    d.downTimerAdverts = v.getAsInt();
                } else {
                    w.error(tag + ": Invalid down_timer_adverts [1:100] '" + w.arg(0).orElse("") + "'");
                }
            }
            case "lower_prio_no_advert" -> d.lowerPrioNoAdvert = w.bool(0);
            case "higher_prio_send_advert" -> d.higherPrioSendAdvert = w.bool(0);
            case "owner_ignore_adverts" -> d.ownerIgnoreAdverts = w.bool(0);
            case "timer_expired_backup", "thread_timer_expired" -> d.timerExpiredBackup = w.arg(0).isPresent()
                    ? w.intIn(0, 0, 255) : OptionalInt.of(0);
            case "use_vmac" -> d.vmac = vmac(n, VmacSpec.Kind.MACVLAN);
            case "use_ipvlan" -> d.vmac = vmac(n, VmacSpec.Kind.IPVLAN);
            case "use_vmac_addr" -> d.useVmacAddr = true;
            case "vmac_xmit_base" -> d.vmacXmitBase = true;
            case "garp_extra_if", "vmac_garp_intvl" -> {
                int i = w.arg(0).filter("all"::equals).isPresent() ? 1 : 0;
                d.garpExtraIfAll = i == 1;
                w.seconds(i, 0, 86400).ifPresent(v -> d.garpExtraIf = v);
            }
            case "v3_checksum_as_v2" -> d.v3ChecksumAsV2 = w.bool(0);
            case "old_unicast_checksum" -> d.oldUnicastChecksum = !w.arg(0).filter("never"::equals).isPresent();
            case "kernel_rx_buf_size" -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> d.kernelRxBufSize = v);
            case "vrf" -> d.vrf = w.required(0).orElse(null);
            case "lvs_sync_daemon_interface" -> {
                d.lvsSyncDaemonInterface = w.required(0).orElse(null);
                w.warning(tag + " Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
                w.warning("        Please use global lvs_sync_daemon");
            }
            case "debug", "linkbeat_use_polling" -> {
            }
            default -> {
            }
        }
    }

    /** An address's {@code dev} must exist (keepalived: the address is dropped and the config flagged). */
    private boolean devExists(io.jkeepalived.config.model.VirtualIpSpec vip, ConfigNode line, HostInterfaces host,
            boolean[] missingInterface) {
        if (vip.dev().isEmpty() || host.exists(vip.dev().get())) {
            return true;
        }
        sink.error(line.pos(), "WARNING - interface " + vip.dev().get() + " for ip address " + line.name()
                + " doesn't exist");
        missingInterface[0] = true;
        return false;
    }

    private Optional<java.net.InetAddress> address(Words w, String what) {
        var t = w.required(0);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        var a = Addresses.parse(t.get());
        if (a.isEmpty()) {
            w.error(what.replace("%s", t.get()));
        }
        return a;
    }

    private void auth(VrrpInstanceDraft d, ConfigNode block) {
        AuthSpec.Type type = null;
        String pass = "";
        for (var n : block.children()) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "auth_type" -> w.required(0).ifPresent(t -> {
                    switch (t) {
                        case "PASS" -> d.auth = new AuthSpec(AuthSpec.Type.PASS, "");
                        case "AH" -> d.auth = new AuthSpec(AuthSpec.Type.AH, "");
                        default -> w.error("(" + d.name + ") unknown authentication type '" + t + "'");
                    }
                });
                case "auth_pass" -> w.required(0).ifPresent(p -> {
                    if (p.length() > 8) {
                        w.error("Truncating auth_pass to 8 characters");
                    }
                });
                default -> {
                }
            }
            if (n.name().equals("auth_type") && d.auth != null) {
                type = d.auth.type();
            }
            if (n.name().equals("auth_pass") && !n.args().isEmpty()) {
                var p = n.args().get(0).text();
                pass = p.length() > 8 ? p.substring(0, 8) : p;
            }
        }
        d.auth = type == null ? null : new AuthSpec(type, pass);
    }

    private void peer(VrrpInstanceDraft d, ConfigNode line) {
        var w = line.words();
        var a = Addresses.parse(w.get(0));
        if (a.isEmpty()) {
            sink.error(line.pos(), "Configuration error: VRRP instance[" + d.name + "] malformed unicast peer address["
                    + w.get(0) + "]. Skipping...");
            return;
        }
        OptionalInt min = OptionalInt.empty();
        OptionalInt max = OptionalInt.empty();
        // keepalived's alloc_vrrp_unicast_peer: name/value pairs, values 0..255, a bad value is skipped
        for (int i = 1; i < w.size(); i += 2) {
            if (i + 1 >= w.size()) {
                sink.error(line.pos(), "(" + d.name + ") " + w.get(i) + " is missing a value");
                break;
            }
            OptionalInt v = ttlValue(w.get(i + 1));
            if (v.isEmpty()) {
                sink.error(line.pos(), "invalid number '" + w.get(i + 1) + "'");
                continue;
            }
            if (w.get(i).equals("min_ttl")) {
                min = v;
            } else if (w.get(i).equals("max_ttl")) {
                max = v;
            } else {
                sink.error(line.pos(), "(" + d.name + ") unknown unicast_peer option " + w.get(i));
                break;
            }
        }
        if (min.orElse(0) > max.orElse(255)) {
            sink.error(line.pos(), "(" + d.name + ") min_ttl " + min.orElse(0) + " > max_ttl " + max.orElse(255)
                    + " - all packets will be discarded");
        }
        d.peers.add(new UnicastPeerSpec(a.get(), min, max, line.pos()));
    }

    private static OptionalInt ttlValue(String text) {
        try {
            int v = Integer.parseInt(text);
            return v >= 0 && v <= 255 ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static VmacSpec vmac(ConfigNode n, VmacSpec.Kind kind) {
        Optional<String> name = Optional.empty();
        Optional<String> mac = Optional.empty();
        Optional<String> ip = Optional.empty();
        Optional<String> mode = Optional.empty();
        Optional<String> group = Optional.empty();
        boolean notify = false;
        var a = n.argTexts();
        for (int i = 0; i < a.size(); i++) {
            var t = a.get(i);
            if (t.equals("name") && i + 1 < a.size()) {
                name = Optional.of(a.get(++i));
            } else if (t.equals("group") && i + 1 < a.size()) {
                group = Optional.of(a.get(++i));
            } else if (t.equals("netlink_notify_msg")) {
                notify = true;
            } else if (t.equals("bridge") || t.equals("private") || t.equals("vepa")) {
                mode = Optional.of(t);
            } else if (t.matches("([0-9a-fA-F]{2}:){4,5}[0-9a-fA-F]{2}")) {
                mac = Optional.of(t);
            } else if (kind == VmacSpec.Kind.IPVLAN && Addresses.parse(t.split("/")[0]).isPresent()) {
                ip = Optional.of(t);
            } else if (name.isEmpty()) {
                name = Optional.of(t);
            }
        }
        return new VmacSpec(kind, name, mac, ip, mode, notify, group);
    }
}
