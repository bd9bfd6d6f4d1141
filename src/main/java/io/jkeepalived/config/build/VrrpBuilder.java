package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.BfdInstanceSpec;
import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
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

    VrrpInstanceDraft instance(ConfigNode block, InterfaceCheck interfaces) {
        var d = new VrrpInstanceDraft(block, sink, addressLines, interfaces);
        VrrpInstanceKeywords.TABLE.readAll(d, block, sink);
        return d;
    }
}
