package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.keywords.KeywordRegistry;
import io.jkeepalived.config.keywords.KeywordValidator;
import io.jkeepalived.config.model.BfdInstanceSpec;
import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.RootOptions;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.SslSpec;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VirtualServerGroupSpec;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed keepalived.conf tree into a {@link KeepalivedConfig}: keyword tables first (unknown
 * keywords reported and dropped), then every block with keepalived's defaults and messages, then the
 * checks keepalived makes once everything is read (tracked scripts, sync groups, VRID clashes, script
 * security, missing interfaces).
 */
public final class ConfigBuilder {
    private final DiagnosticSink sink;
    private final HostInterfaces host;
    private final ScriptFinder scripts;

    private final SystemUsers users;

    public ConfigBuilder(DiagnosticSink sink, HostInterfaces host, ScriptFinder scripts) {
        this(sink, host, scripts, SystemUsers.system());
    }

    public ConfigBuilder(DiagnosticSink sink, HostInterfaces host, ScriptFinder scripts, SystemUsers users) {
        this.sink = sink;
        this.host = host;
        this.scripts = scripts;
        this.users = users;
    }

    public KeepalivedConfig build(List<ConfigNode> parsedRoots) {
        var roots = new KeywordValidator(KeywordRegistry.get(), sink).validate(parsedRoots);
        var gb = new GlobalDefsBuilder(sink, users);
        roots.stream().filter(n -> n.name().equals("global_defs")).forEach(gb::read);
        GlobalDefs globals = gb.build();
        var lines = new AddressLines(sink);
        // keepalived_script is the default script user only when it exists; under enable_script_security a script
        // without a user then has none and is removed, as keepalived does
        boolean noDefaultUser = gb.scriptSecurity && gb.scriptUser.isEmpty() && !users.exists("keepalived_script");
        var vrrp = new VrrpBuilder(sink, lines, gb.scriptUserInvalid || noDefaultUser, noDefaultUser);
        var lvs = new LvsBuilder(sink, globals);

        var root = RootOptions.DEFAULTS;
        var vrrpScripts = new ArrayList<VrrpScriptSpec>();
        var trackFiles = new ArrayList<TrackFileSpec>();
        var trackProcesses = new ArrayList<TrackProcessSpec>();
        var bfds = new ArrayList<BfdInstanceSpec>();
        var garpGroups = new ArrayList<GarpGroupSpec>();
        var syncDrafts = new ArrayList<VrrpBuilder.SyncGroupDraft>();
        var drafts = new ArrayList<VrrpInstanceDraft>();
        var staticAddresses = new ArrayList<VirtualIpSpec>();
        var staticRoutes = new ArrayList<RouteSpec>();
        var staticRules = new ArrayList<RuleSpec>();
        Optional<SslSpec> ssl = Optional.empty();
        var vsGroups = new ArrayList<VirtualServerGroupSpec>();
        var virtualServers = new ArrayList<VirtualServerSpec>();
        boolean[] missingInterface = {false};
        var instanceNames = new HashSet<String>();
        var disabledBfds = new HashSet<String>();

        for (var n : roots) {
            var w = new Words(n, sink);
            switch (n.name()) {
                case "net_namespace" -> root = new RootOptions(w.required(0), root.netNamespaceIpvs(), root.namespaceWithIpsets(),
                        root.usePidDir(), root.instance(), root.childWaitTime(), root.linkbeatUsePolling());
                case "net_namespace_ipvs" -> root = new RootOptions(root.netNamespace(), Optional.of(w.arg(0).orElse("")),
                        root.namespaceWithIpsets(), root.usePidDir(), root.instance(), root.childWaitTime(), root.linkbeatUsePolling());
                case "namespace_with_ipsets" -> root = new RootOptions(root.netNamespace(), root.netNamespaceIpvs(), true,
                        root.usePidDir(), root.instance(), root.childWaitTime(), root.linkbeatUsePolling());
                case "use_pid_dir" -> root = new RootOptions(root.netNamespace(), root.netNamespaceIpvs(),
                        root.namespaceWithIpsets(), true, root.instance(), root.childWaitTime(), root.linkbeatUsePolling());
                case "instance" -> root = new RootOptions(root.netNamespace(), root.netNamespaceIpvs(),
                        root.namespaceWithIpsets(), root.usePidDir(), w.required(0), root.childWaitTime(), root.linkbeatUsePolling());
                case "child_wait_time" -> {
                    var v = w.integer(0, 0, 3600);
                    if (v.isPresent()) {
                        root = new RootOptions(root.netNamespace(), root.netNamespaceIpvs(), root.namespaceWithIpsets(),
                                root.usePidDir(), root.instance(), Duration.ofSeconds(v.getAsLong()), root.linkbeatUsePolling());
                    }
                }
                case "linkbeat_use_polling" -> root = new RootOptions(root.netNamespace(), root.netNamespaceIpvs(),
                        root.namespaceWithIpsets(), root.usePidDir(), root.instance(), root.childWaitTime(), true);
                case "vrrp_script" -> vrrp.script(n).ifPresent(vrrpScripts::add);
                case "track_file", "vrrp_track_file" -> vrrp.trackFile(n).ifPresent(trackFiles::add);
                case "vrrp_track_process" -> vrrp.trackProcess(n).ifPresent(trackProcesses::add);
                case "bfd_instance" -> {
                    var b = vrrp.bfd(n);
                    if (b.isPresent()) {
                        bfds.add(b.get());
                    } else {
                        disabledBfds.add(VrrpBuilder.name(n));
                    }
                }
                case "garp_group" -> garpGroups.add(vrrp.garpGroup(n));
                case "vrrp_sync_group" -> syncDrafts.add(vrrp.syncGroup(n));
                case "vrrp_instance" -> {
                    var name = VrrpBuilder.name(n);
                    if (!instanceNames.add(name)) {
                        sink.error(n.pos(), "vrrp instance " + name + " already defined");
                    } else {
                        drafts.add(vrrp.instance(n, host, missingInterface));
                    }
                }
                case "static_ipaddress" -> n.children().forEach(c -> lines.address(c).ifPresent(staticAddresses::add));
                case "static_routes" -> n.children().forEach(c -> lines.route(c, false).ifPresent(staticRoutes::add));
                case "static_rules" -> n.children().forEach(c -> lines.rule(c).ifPresent(staticRules::add));
                case "SSL" -> ssl = Optional.of(lvs.ssl(n));
                case "virtual_server_group" -> vsGroups.add(lvs.group(n));
                case "virtual_server" -> lvs.virtualServer(n).ifPresent(virtualServers::add);
                default -> {
                    // global_defs (read first), track_group, linkbeat_interfaces, interface_up_down_delays
                }
            }
        }

        var usedScripts = trackedScripts(drafts, syncDrafts, vrrpScripts, globals);
        var disabled = new HashSet<String>();
        vrrpScripts.stream().map(VrrpScriptSpec::name).filter(n -> !usedScripts.containsKey(n)).forEach(disabled::add);
        // The same for every instance: made once, not once per instance.
        var trackFileNames = names(trackFiles.stream().map(TrackFileSpec::name).toList());
        var trackProcessNames = names(trackProcesses.stream().map(TrackProcessSpec::name).toList());
        var bfdNames = names(bfds.stream().map(BfdInstanceSpec::name).toList());
        var instances = new ArrayList<VrrpInstanceSpec>();
        for (var d : drafts) {
            if (d.vrid == null) {
                if (!d.vridWritten) {
                    sink.error(d.pos, d.tag() + " the virtual router id must be set");
                }
                continue;
            }
            if (d.interfaceName == null && (d.peers.isEmpty() || d.unicastSrc == null)) {
                sink.error(SourcePos.NONE, d.tag() + " Unknown interface!");
            }
            d.trackScripts.removeIf(r -> disabled.contains(r.name()));
            var tag = d.tag();
            resolveRefs(tag, "track script", d.trackScripts, usedScripts);
            resolveRefs(tag, "track file", d.trackFiles, trackFileNames);
            resolveRefs(tag, "track process", d.trackProcesses, trackProcessNames);
            d.trackBfds.removeIf(r -> disabledBfds.contains(r.name()));
            resolveRefs(tag, "track bfd", d.trackBfds, bfdNames);
            instances.add(d.finish(globals));
        }
        var syncGroups = syncGroups(syncDrafts, instances, usedScripts, disabled);
        vridClashes(instances, globals);
        scriptSecurity(globals, usedScripts, vrrpScripts, drafts, syncGroups, virtualServers);
        if (missingInterface[0]) {
            sink.error(SourcePos.NONE, "Non-existent interface specified in configuration");
        }
        var keptScripts = vrrpScripts.stream().filter(s -> usedScripts.containsKey(s.name()) || !isTracked(s, drafts, syncDrafts))
                .toList();
        return new KeepalivedConfig(root, globals, instances, syncGroups, keptScripts, trackFiles, trackProcesses, bfds,
                staticAddresses, staticRoutes, staticRules, garpGroups, ssl, vsGroups, virtualServers);
    }

    private static Map<String, Boolean> names(List<String> list) {
        var m = new HashMap<String, Boolean>();
        list.forEach(s -> m.put(s, true));
        return m;
    }

    private static boolean isTracked(VrrpScriptSpec s, List<VrrpInstanceDraft> drafts, List<VrrpBuilder.SyncGroupDraft> groups) {
        return drafts.stream().anyMatch(d -> d.trackScripts.stream().anyMatch(r -> r.name().equals(s.name())))
                || groups.stream().anyMatch(g -> g.spec().trackScripts().stream().anyMatch(r -> r.name().equals(s.name())));
    }

    /**
     * The vrrp_scripts that can be used: tracked ones whose program keepalived finds. Others are reported
     * ("Disabling track script X since not found/accessible") and dropped.
     */
    private Map<String, Boolean> trackedScripts(List<VrrpInstanceDraft> drafts, List<VrrpBuilder.SyncGroupDraft> groups,
            List<VrrpScriptSpec> defined, GlobalDefs globals) {
        var usable = new LinkedHashMap<String, Boolean>();
        for (var s : defined) {
            if (!isTracked(s, drafts, groups)) {
                continue;
            }
            var found = scripts.find(s.script().argv());
            if (found == ScriptFinder.Found.MISSING) {
                sink.warning(SourcePos.NONE, "Disabling track script " + s.name() + " since not found/accessible");
            } else if (globals.enableScriptSecurity() && isInsecureRootScript(s.script(), globals)) {
                sink.warning(SourcePos.NONE, "Disabling track script " + s.name() + " due to insecure");
            } else {
                usable.put(s.name(), found == ScriptFinder.Found.EXECUTABLE);
            }
        }
        return usable;
    }

    private void resolveRefs(String tag, String what, List<TrackRef> refs, Map<String, Boolean> known) {
        if (refs.isEmpty()) {
            return;
        }
        refs.removeIf(r -> {
            if (!known.containsKey(r.name())) {
                sink.warning(r.pos(), tag + " " + what + " " + r.name() + " not found, ignoring...");
                return true;
            }
            return false;
        });
    }

    private List<VrrpSyncGroupSpec> syncGroups(List<VrrpBuilder.SyncGroupDraft> drafts, List<VrrpInstanceSpec> instances,
            Map<String, Boolean> usedScripts, Set<String> disabledScripts) {
        var out = new ArrayList<VrrpSyncGroupSpec>();
        var inGroup = new HashSet<String>();
        var known = new HashSet<String>();
        instances.forEach(i -> known.add(i.name()));
        for (var d : drafts) {
            var s = d.spec();
            var members = new ArrayList<String>();
            for (var m : d.memberRefs()) {
                if (!known.contains(m.name())) {
                    sink.warning(SourcePos.NONE, "Virtual router " + m.name() + " specified in sync group " + s.name()
                            + " doesn't exist - ignoring");
                } else if (!inGroup.add(m.name())) {
                    sink.warning(SourcePos.NONE, "Virtual router " + m.name() + " cannot exist in more than one sync group;"
                            + " ignoring " + s.name());
                } else {
                    members.add(m.name());
                }
            }
            if (members.isEmpty()) {
                sink.warning(SourcePos.NONE, "Sync group " + s.name() + " has no virtual router(s). removing");
                continue;
            }
            if (members.size() == 1) {
                sink.warning(SourcePos.NONE, "Sync group " + s.name() + " has only 1 virtual router(s) - this probably isn't what you want");
            }
            var scriptsLeft = new ArrayList<>(s.trackScripts());
            scriptsLeft.removeIf(r -> disabledScripts.contains(r.name()));
            resolveRefs("(" + s.name() + ")", "track script", scriptsLeft, usedScripts);
            out.add(new VrrpSyncGroupSpec(s.name(), members, s.trackInterfaces(), scriptsLeft, s.trackFiles(),
                    s.trackProcesses(), s.trackBfds(), s.notifyScripts(), s.smtpAlert(), s.globalTracking(),
                    s.syncGroupTrackingWeight(), s.notifyPriorityChanges(), s.pos()));
        }
        return out;
    }

    private void vridClashes(List<VrrpInstanceSpec> instances, GlobalDefs g) {
        var seen = new HashMap<String, VrrpInstanceSpec>();
        for (var i : instances) {
            if (i.isUnicast()) {
                continue;
            }
            var ifname = i.interfaceName().orElse(g.defaultInterface());
            var key = ifname + "/" + i.family() + "/" + i.virtualRouterId();
            var other = seen.putIfAbsent(key, i);
            if (other != null) {
                sink.error(SourcePos.NONE, other.name() + " and " + i.name() + " both use VRID " + i.virtualRouterId()
                        + " with " + (i.family() == io.jkeepalived.config.model.AddressFamily.INET ? "IPv4" : "IPv6")
                        + " on interface " + ifname);
            }
        }
    }

    /**
     * keepalived exits 6 when a script it finds would run as root without enable_script_security; the VRRP
     * process and the checker process each say so in their own words.
     */
    private void scriptSecurity(GlobalDefs g, Map<String, Boolean> usedScripts, List<VrrpScriptSpec> vrrpScripts,
            List<VrrpInstanceDraft> drafts, List<VrrpSyncGroupSpec> groups, List<VirtualServerSpec> vss) {
        // Plain loops, no lambdas: this runs once per -t, cold, and each lambda is a call site to link.
        if (g.enableScriptSecurity() || (g.scriptUser().isPresent() && !g.scriptUser().get().equals("root"))) {
            return;
        }
        var vrrpSide = new ArrayList<ScriptSpec>();
        for (var s : vrrpScripts) {
            if (Boolean.TRUE.equals(usedScripts.get(s.name()))) {
                vrrpSide.add(s.script());
            }
        }
        for (var d : drafts) {
            vrrpSide.addAll(d.scripts());
        }
        for (var sg : groups) {
            var n = sg.notifyScripts();
            addPresent(vrrpSide, n.master(), n.backup(), n.fault(), n.stop(), n.generic());
        }
        addPresent(vrrpSide, g.notifyFifoScript(), g.vrrpNotifyFifoScript(), g.startupScript(), g.shutdownScript());
        var checkSide = new ArrayList<ScriptSpec>();
        for (var vs : vss) {
            addPresent(checkSide, vs.quorumUp(), vs.quorumDown());
            for (var rs : vs.realServers()) {
                addPresent(checkSide, rs.notifyUp(), rs.notifyDown());
                for (var c : rs.checkers()) {
                    if (c instanceof io.jkeepalived.config.model.CheckerSpec.MiscCheckSpec m) {
                        checkSide.add(m.path());
                    }
                }
            }
        }
        if (!vss.isEmpty()) {
            addPresent(checkSide, g.notifyFifoScript(), g.lvsNotifyFifoScript());
        }
        if (runsAsRoot(vrrpSide)) {
            sink.report(Severity.SECURITY, SourcePos.NONE,
                    "SECURITY VIOLATION - scripts are being executed but script_security not enabled."
                            + insecureNote(vrrpSide, g));
        }
        if (runsAsRoot(checkSide)) {
            sink.report(Severity.SECURITY, SourcePos.NONE,
                    "SECURITY VIOLATION - check scripts are being executed but script_security not enabled."
                            + insecureNote(checkSide, g));
        }
    }

    @SafeVarargs
    private static void addPresent(List<ScriptSpec> to, Optional<ScriptSpec>... scripts) {
        for (var o : scripts) {
            if (o.isPresent()) {
                to.add(o.get());
            }
        }
    }

    /** keepalived adds this when a script that runs as root sits on a path a non-root user can write. */
    private String insecureNote(List<ScriptSpec> scripts, GlobalDefs g) {
        for (var s : scripts) {
            if (isInsecureRootScript(s, g)) {
                return " There are insecure scripts.";
            }
        }
        return "";
    }

    /** A script that runs as root and whose real path a non-root user can change (keepalived's check_security). */
    private boolean isInsecureRootScript(ScriptSpec s, GlobalDefs g) {
        var user = s.user().or(g::scriptUser);
        boolean asRoot = user.isPresent() ? user.get().equals("root") || user.get().equals("0")
                : !users.exists("keepalived_script");
        String program = s.argv().isEmpty() ? s.commandLine() : s.argv().getFirst();
        return asRoot && program.contains("/")
                && ScriptPathSecurity.check(program) instanceof ScriptPathSecurity.Verdict.Insecure;
    }

    private boolean runsAsRoot(List<ScriptSpec> all) {
        for (var s : all) {
            boolean asRoot = s.user().isEmpty() || s.user().get().equals("root");
            if (asRoot && scripts.find(s.argv()) == ScriptFinder.Found.EXECUTABLE) {
                return true;
            }
        }
        return false;
    }
}
