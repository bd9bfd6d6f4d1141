package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.keywords.KeywordRegistry;
import io.jkeepalived.config.keywords.KeywordValidator;
import io.jkeepalived.config.model.BfdInstanceSpec;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackGroupSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
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
    private final HostNames names;

    public ConfigBuilder(DiagnosticSink sink, HostInterfaces host, ScriptFinder scripts) {
        this(sink, host, scripts, SystemUsers.system());
    }

    public ConfigBuilder(DiagnosticSink sink, HostInterfaces host, ScriptFinder scripts, SystemUsers users) {
        this(sink, host, scripts, users, HostNames.system());
    }

    public ConfigBuilder(DiagnosticSink sink, HostInterfaces host, ScriptFinder scripts, SystemUsers users, HostNames names) {
        this.sink = sink;
        this.host = host;
        this.scripts = scripts;
        this.users = users;
        this.names = names;
    }

    public KeepalivedConfig build(List<ConfigNode> parsedRoots) {
        var roots = new KeywordValidator(KeywordRegistry.get(), sink).validate(parsedRoots);
        var gb = new GlobalDefsDraft(sink, users, names);
        roots.stream().filter(n -> n.name().equals("global_defs")).forEach(gb::read);
        GlobalDefs globals = gb.build();
        // With dynamic_interfaces keepalived waits for missing interfaces to appear: nothing to report.
        var interfaces = new InterfaceCheck(globals.dynamicInterfaces() ? name -> true : host);
        var lines = new AddressLines(sink, interfaces);
        // keepalived_script is the default script user only when it exists; under enable_script_security a script
        // without a user then has none and is removed, as keepalived does
        boolean noDefaultUser = gb.scriptSecurity && gb.scriptUser.isEmpty() && !users.exists("keepalived_script");
        var vrrp = new VrrpBuilder(sink, lines, gb.scriptUserInvalid || noDefaultUser, noDefaultUser, users);
        var lvs = new LvsBuilder(sink, globals);

        var cfg = new ConfigDraft(vrrp, lvs, lines, interfaces);
        RootKeywords.TABLE.readAll(cfg, roots, sink);

        // keepalived stops its VRRP side when an interface is missing, before vrrp_complete_init: the per-instance
        // checks, script checks, sync groups, VRID clashes and VRRP script security are never made (checker findings
        // still are)
        boolean vrrpStopped = cfg.interfaces.anyMissing();
        var usedScripts = sink.quietlyIf(vrrpStopped, () -> trackedScripts(cfg.drafts, cfg.syncDrafts, cfg.vrrpScripts, globals));
        var disabled = new HashSet<String>();
        cfg.vrrpScripts.stream().map(VrrpScriptSpec::name).filter(n -> !usedScripts.containsKey(n)).forEach(disabled::add);
        // The same for every instance: made once, not once per instance.
        var trackFileNames = names(cfg.trackFiles.stream().map(TrackFileSpec::name).toList());
        var trackProcessNames = names(cfg.trackProcesses.stream().map(TrackProcessSpec::name).toList());
        var bfdNames = names(cfg.bfds.stream().map(BfdInstanceSpec::name).toList());
        var instances = new ArrayList<VrrpInstanceSpec>();
        var groupPrioChanges = groupNotifyPriorityChanges(cfg.syncDrafts);
        for (var d : cfg.drafts) {
            groupPrioChanges.getOrDefault(d.name, java.util.Optional.empty()).ifPresent(v -> d.groupNotifyPriorityChanges = v);
            if (d.vrid == null) {
                if (!d.vridWritten && !vrrpStopped) {
                    sink.error(d.pos, d.tag() + " the virtual router id must be set");
                }
                continue;
            }
            if (d.interfaceName == null && (d.peers.isEmpty() || d.unicastSrc == null) && !vrrpStopped) {
                sink.error(SourcePos.NONE, d.tag() + " Unknown interface!");
            }
            d.trackScripts.removeIf(r -> disabled.contains(r.name()));
            var tag = d.tag();
            resolveRefs(tag, "track script", d.trackScripts, usedScripts);
            resolveRefs(tag, "track file", d.trackFiles, trackFileNames);
            resolveRefs(tag, "track process", d.trackProcesses, trackProcessNames);
            d.trackBfds.removeIf(r -> cfg.disabledBfds.contains(r.name()));
            resolveRefs(tag, "track bfd", d.trackBfds, bfdNames);
            instances.add(sink.quietlyIf(vrrpStopped, () -> d.finish(globals)));
        }
        var groupsAsWritten = sink.quietlyIf(vrrpStopped, () -> syncGroups(cfg.syncDrafts, instances, usedScripts, disabled));
        // keepalived's rules on weights in sync groups and for address owners
        var weights = new SyncGroupTrackingWeights(sink, cfg.vrrpScripts, cfg.trackFiles, cfg.trackProcesses);
        var weighed = sink.quietlyIf(vrrpStopped, () -> weights.apply(instances, groupsAsWritten));
        instances.clear();
        instances.addAll(weighed);
        var syncGroups = sink.quietlyIf(vrrpStopped, () -> weights.applyToGroups(groupsAsWritten, instances));
        if (!vrrpStopped) {
            vridClashes(instances, globals);
        }
        scriptSecurity(globals, usedScripts, cfg.vrrpScripts, vrrpStopped ? List.of() : cfg.drafts,
                vrrpStopped ? List.of() : syncGroups, cfg.virtualServers, vrrpStopped);
        if (cfg.interfaces.anyMissing()) {
            sink.error(SourcePos.NONE, "Non-existent interface specified in configuration");
        }
        var keptScripts = cfg.vrrpScripts.stream().filter(s -> usedScripts.containsKey(s.name()) || !isTracked(s, cfg.drafts, cfg.syncDrafts))
                .toList();
        return new KeepalivedConfig(cfg.rootOptions(), globals, instances, syncGroups, keptScripts, cfg.trackFiles, cfg.trackProcesses, cfg.bfds,
                cfg.staticAddresses, cfg.staticRoutes, cfg.staticRules, cfg.garpGroups, cfg.ssl, cfg.vsGroups, cfg.virtualServers,
                trackGroups(cfg, instances), cfg.interfaceDelays, cfg.linkbeatInterfaces);
    }

    /**
     * keepalived's static_track_group_set: members that are not instances are ignored (logged), a group left with
     * none is removed; a static entry naming an undefined group loses its track_group ("track_group X not found"),
     * as does a static route without {@code dev}. What a group tracks is read from the entries at run time.
     */
    private List<TrackGroupSpec> trackGroups(ConfigDraft cfg, List<VrrpInstanceSpec> instances) {
        var kept = new ArrayList<TrackGroupSpec>();
        for (var g : cfg.trackGroups) {
            var members = new ArrayList<String>();
            for (String m : g.instances()) {
                if (instances.stream().anyMatch(i -> i.name().equals(m))) {
                    members.add(m);
                } else {
                    sink.report(Severity.INFO, g.pos(), "vrrp instance " + m + " specified in track group " + g.name()
                            + " doesn't exist - ignoring");
                }
            }
            if (members.isEmpty()) {
                sink.report(Severity.INFO, g.pos(), "Static track group " + g.name() + " has no VRRP instance(s) - removing");
            } else {
                kept.add(new TrackGroupSpec(g.name(), members, g.pos()));
            }
        }
        var defined = cfg.trackGroups.stream().map(TrackGroupSpec::name).collect(java.util.stream.Collectors.toSet());
        cfg.staticAddresses.forEach(a -> a.trackGroup().filter(n -> !defined.contains(n))
                .ifPresent(n -> sink.error(a.pos(), "track_group " + n + " not found")));
        cfg.staticRoutes.forEach(r -> r.trackGroup().filter(n -> !defined.contains(n))
                .ifPresent(n -> sink.error(r.pos(), "track_group " + n + " not found")));
        cfg.staticRules.forEach(r -> r.trackGroup().filter(n -> !defined.contains(n))
                .ifPresent(n -> sink.error(r.pos(), "track_group " + n + " not found")));
        cfg.staticRoutes.stream().filter(r -> r.trackGroup().isPresent() && r.dev().isEmpty())
                .forEach(r -> sink.error(r.pos(), "Static route cannot have track_group if interface not specified"));
        return kept;
    }

    /**
     * Each member's sync group notify_priority_changes, where the group writes one: the first group naming an
     * instance is its group (keepalived ignores the others).
     */
    private static Map<String, java.util.Optional<Boolean>> groupNotifyPriorityChanges(List<UnresolvedSyncGroup> groups) {
        var out = new HashMap<String, java.util.Optional<Boolean>>();
        groups.forEach(g -> g.memberRefs().forEach(m -> out.putIfAbsent(m.name(), g.notifyPriorityChanges())));
        return out;
    }

    private static Map<String, Boolean> names(List<String> list) {
        var m = new HashMap<String, Boolean>();
        list.forEach(s -> m.put(s, true));
        return m;
    }

    private static boolean isTracked(VrrpScriptSpec s, List<VrrpInstanceDraft> drafts, List<UnresolvedSyncGroup> groups) {
        return drafts.stream().anyMatch(d -> d.trackScripts.stream().anyMatch(r -> r.name().equals(s.name())))
                || groups.stream().anyMatch(g -> g.spec().trackScripts().stream().anyMatch(r -> r.name().equals(s.name())));
    }

    /**
     * The vrrp_scripts that can be used: tracked ones whose program keepalived finds. Others are reported
     * ("Disabling track script X since not found/accessible") and dropped.
     */
    private Map<String, Boolean> trackedScripts(List<VrrpInstanceDraft> drafts, List<UnresolvedSyncGroup> groups,
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

    private List<VrrpSyncGroupSpec> syncGroups(List<UnresolvedSyncGroup> drafts, List<VrrpInstanceSpec> instances,
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
            List<VrrpInstanceDraft> drafts, List<VrrpSyncGroupSpec> groups, List<VirtualServerSpec> vss, boolean vrrpStopped) {
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
        if (!vrrpStopped && runsAsRoot(vrrpSide)) {
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
