package io.jkeepalived.config.build;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.LinkbeatMethod;
import io.jkeepalived.config.model.TrackGroupSpec;
import io.jkeepalived.config.model.RootOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The top-level keywords, each beside what it does to the {@link ConfigDraft}. Rows that open a block hand
 * it to that block's builder. global_defs is read first (everything else depends on it), so its row here
 * does nothing.
 */
final class RootKeywords {
    private RootKeywords() {
    }

    /** keepalived keeps the first net_namespace: a second one is an error and ignored. */
    private static void netNamespace(ConfigDraft cfg, Words w) {
        if (cfg.netNamespace.isPresent()) {
            w.arg(0).ifPresent(name -> w.error("Duplicate net_namespace definition " + name + " - ignoring"));
            return;
        }
        cfg.netNamespace = w.required(0);
    }

    static final KeywordTable<ConfigDraft> TABLE = KeywordTable.<ConfigDraft>of("ROOT")
            .on("net_namespace", RootKeywords::netNamespace)
                .applied(RootOptions::netNamespace)
            .on("net_namespace_ipvs", (cfg, w) -> cfg.netNamespaceIpvs = Optional.of(w.arg(0).orElse("")))
                .unsupported("network namespaces")
            .on("namespace_with_ipsets", (cfg, w) -> cfg.namespaceWithIpsets = true)
                .unsupported("network namespaces")
            .on("use_pid_dir", (cfg, w) -> cfg.usePidDir = true)
                .applied(RootOptions::usePidDir)
            .on("instance", (cfg, w) -> cfg.instance = w.required(0))
                .applied(RootOptions::instance)
            .on("child_wait_time", (cfg, w) -> w.integer(0, 0, 3600)
                    .ifPresent(v -> cfg.childWaitTime = Duration.ofSeconds(v)))
                .applied(RootOptions::childWaitTime)
            .on("linkbeat_use_polling", (cfg, w) -> cfg.linkbeatUsePolling = true)
                .applied(RootOptions::linkbeatUsePolling)
            .on("vrrp_script", (cfg, w) -> cfg.vrrp.script(w.node()).ifPresent(cfg.vrrpScripts::add))
                .applied(KeepalivedConfig::vrrpScripts)
            .on("track_file", "vrrp_track_file", (cfg, w) -> cfg.vrrp.trackFile(w.node()).ifPresent(cfg.trackFiles::add))
                .applied(KeepalivedConfig::trackFiles)
            .on("vrrp_track_process", (cfg, w) -> cfg.vrrp.trackProcess(w.node()).ifPresent(cfg.trackProcesses::add))
                .applied(KeepalivedConfig::trackProcesses)
            .on("bfd_instance", RootKeywords::bfdInstance)
                .unsupported("BFD")
            .on("garp_group", RootKeywords::garpGroup)
                .applied(KeepalivedConfig::garpGroups)
            .on("vrrp_sync_group", (cfg, w) -> cfg.syncDrafts.add(cfg.vrrp.syncGroup(w.node())))
                .applied(KeepalivedConfig::vrrpSyncGroups)
            .on("vrrp_instance", RootKeywords::vrrpInstance)
                .applied(KeepalivedConfig::vrrpInstances)
            .on("static_ipaddress", (cfg, w) -> w.node().children()
                    .forEach(c -> cfg.lines.address(c).ifPresent(cfg.staticAddresses::add)))
                .applied(KeepalivedConfig::staticAddresses)
            .on("static_routes", (cfg, w) -> w.node().children()
                    .forEach(c -> cfg.lines.route(c).ifPresent(cfg.staticRoutes::add)))
                .applied(KeepalivedConfig::staticRoutes)
            .on("static_rules", (cfg, w) -> w.node().children()
                    .forEach(c -> cfg.lines.rule(c).ifPresent(cfg.staticRules::add)))
                .applied(KeepalivedConfig::staticRules)
            .on("SSL", (cfg, w) -> cfg.ssl = Optional.of(cfg.lvs.ssl(w.node())))
                .applied(KeepalivedConfig::ssl)
            .on("virtual_server_group", (cfg, w) -> cfg.vsGroups.add(cfg.lvs.group(w.node())))
                .applied(KeepalivedConfig::virtualServerGroups)
            .on("virtual_server", (cfg, w) -> cfg.lvs.virtualServer(w.node()).ifPresent(cfg.virtualServers::add))
                .applied(KeepalivedConfig::virtualServers)
            // Read before every other block (the others depend on it); its rows carry their own status.
            .accepted("global_defs")
                .configOnly("read first; its keywords carry their own status")
            .on("track_group", RootKeywords::trackGroup)
                .applied(KeepalivedConfig::trackGroups)
            .on("linkbeat_interfaces", RootKeywords::linkbeatInterfaces)
                .applied(KeepalivedConfig::linkbeatInterfaces)
            .on("interface_up_down_delays", RootKeywords::interfaceUpDownDelays)
                .applied(KeepalivedConfig::interfaceUpDownDelays)
            .build();

    /**
     * keepalived's alloc_if_up_down_delay: per line an existing interface (any with dynamic_interfaces), the down
     * delay and optionally the up delay (0 when missing), each 0 to 255 seconds.
     */
    private static void interfaceUpDownDelays(ConfigDraft cfg, Words w) {
        for (var line : w.node().children()) {
            var words = new Words(line, w.sink());
            String ifname = line.name();
            if (!cfg.interfaces.exists(ifname)) {
                w.sink().fatal(line.pos(), "unknown interface " + ifname + " specified for up/down delay");
                continue;
            }
            if (words.count() == 0) {
                w.sink().warning(line.pos(), "No timeouts specified for " + ifname + " up/down delays");
                continue;
            }
            if (words.count() > 2) {
                w.sink().warning(line.pos(), "Too many parameters for " + ifname + " up/down delays");
            }
            var down = words.seconds(0, 0, 255);
            if (down.isEmpty()) {
                continue;
            }
            var up = words.count() == 1 ? Optional.of(Duration.ZERO) : words.seconds(1, 0, 255);
            up.ifPresent(u -> cfg.interfaceDelays.put(ifname, new io.jkeepalived.config.model.InterfaceDelays(down.get(), u)));
        }
    }

    /**
     * keepalived's alloc_linkbeat_interface: per line an existing interface (any with dynamic_interfaces) and
     * optionally MII, ETHTOOL or IOCTL; another word is an error and leaves the method to be found.
     */
    private static void linkbeatInterfaces(ConfigDraft cfg, Words w) {
        for (var line : w.node().children()) {
            var words = new Words(line, w.sink());
            String ifname = line.name();
            if (!cfg.interfaces.exists(ifname)) {
                w.sink().fatal(line.pos(), "unknown interface " + ifname + " specified for linkbeat interface");
                continue;
            }
            var method = LinkbeatMethod.AUTO;
            if (words.count() > 0) {
                String named = words.arg(0).orElse("");
                method = switch (named) {
                    case "MII" -> LinkbeatMethod.MII;
                    case "ETHTOOL" -> LinkbeatMethod.ETHTOOL;
                    case "IOCTL" -> LinkbeatMethod.IOCTL;
                    default -> LinkbeatMethod.AUTO;
                };
                if (method == LinkbeatMethod.AUTO || words.count() > 1) {
                    w.sink().error(line.pos(), "extra characters " + named + " in linkbeat interface");
                }
            }
            cfg.linkbeatInterfaces.put(ifname, method);
        }
    }

    private static void bfdInstance(ConfigDraft cfg, Words w) {
        var b = cfg.vrrp.bfd(w.node());
        if (b.isPresent()) {
            cfg.bfds.add(b.get());
        } else {
            cfg.disabledBfds.add(VrrpBuilder.name(w.node()));
        }
    }

    /** keepalived's static_track_group_handler and its group handler: a name, once; one group list. */
    private static void trackGroup(ConfigDraft cfg, Words w) {
        if (w.count() != 1) {
            w.error("track_group must have a name - skipping");
            return;
        }
        var name = w.arg(0).orElseThrow();
        if (cfg.trackGroups.stream().anyMatch(g -> g.name().equals(name))) {
            w.error("track_group " + name + " already defined");
            return;
        }
        var members = new java.util.ArrayList<String>();
        boolean groupSeen = false;
        for (var c : w.node().children()) {
            if (!c.name().equals("group")) {
                continue;       // the keyword validator names unknown lines
            }
            if (groupSeen) {
                w.sink().error(c.pos(), "Group list already specified for sync group " + name);
                continue;
            }
            groupSeen = true;
            for (var line : c.children()) {
                members.add(line.name());
                line.args().forEach(a -> members.add(a.text()));
            }
            if (members.isEmpty()) {
                w.sink().error(c.pos(), "Warning - track group " + name + " has empty group block");
            }
        }
        cfg.trackGroups.add(new TrackGroupSpec(name, members, w.pos()));
    }

    private static void vrrpInstance(ConfigDraft cfg, Words w) {
        var name = VrrpBuilder.name(w.node());
        if (!cfg.instanceNames.add(name)) {
            w.error("vrrp instance " + name + " already defined");
        } else {
            cfg.drafts.add(cfg.vrrp.instance(w.node(), cfg.interfaces));
        }
    }

    /** keepalived numbers the groups that have an interfaces block (in its "no delay" message). */
    private static void garpGroup(ConfigDraft cfg, Words w) {
        var draft = new GarpGroupDraft(cfg.interfaces, cfg.garpGroupInterfaces, cfg.garpGroupBlocks);
        cfg.garpGroups.add(cfg.vrrp.garpGroup(w.node(), draft));
        if (draft.aggregationGroup > 0 && (draft.hasGarp || draft.hasGna)) {
            cfg.garpGroupBlocks++;
        }
    }
}
