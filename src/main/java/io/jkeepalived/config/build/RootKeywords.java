package io.jkeepalived.config.build;

import java.time.Duration;
import java.util.Optional;

/**
 * The top-level keywords, each beside what it does to the {@link ConfigDraft}. Rows that open a block hand
 * it to that block's builder. global_defs has no row (it is read first, everything else depends on it);
 * track_group, linkbeat_interfaces and interface_up_down_delays are accepted and not read yet.
 */
final class RootKeywords {
    private RootKeywords() {
    }

    static final KeywordTable<ConfigDraft> TABLE = KeywordTable.<ConfigDraft>of("ROOT")
            .on("net_namespace", (cfg, w) -> cfg.netNamespace = w.required(0))
            .on("net_namespace_ipvs", (cfg, w) -> cfg.netNamespaceIpvs = Optional.of(w.arg(0).orElse("")))
            .on("namespace_with_ipsets", (cfg, w) -> cfg.namespaceWithIpsets = true)
            .on("use_pid_dir", (cfg, w) -> cfg.usePidDir = true)
            .on("instance", (cfg, w) -> cfg.instance = w.required(0))
            .on("child_wait_time", (cfg, w) -> w.integer(0, 0, 3600)
                    .ifPresent(v -> cfg.childWaitTime = Duration.ofSeconds(v)))
            .on("linkbeat_use_polling", (cfg, w) -> cfg.linkbeatUsePolling = true)
            .on("vrrp_script", (cfg, w) -> cfg.vrrp.script(w.node()).ifPresent(cfg.vrrpScripts::add))
            .on("track_file", "vrrp_track_file", (cfg, w) -> cfg.vrrp.trackFile(w.node()).ifPresent(cfg.trackFiles::add))
            .on("vrrp_track_process", (cfg, w) -> cfg.vrrp.trackProcess(w.node()).ifPresent(cfg.trackProcesses::add))
            .on("bfd_instance", RootKeywords::bfdInstance)
            .on("garp_group", (cfg, w) -> cfg.garpGroups.add(cfg.vrrp.garpGroup(w.node())))
            .on("vrrp_sync_group", (cfg, w) -> cfg.syncDrafts.add(cfg.vrrp.syncGroup(w.node())))
            .on("vrrp_instance", RootKeywords::vrrpInstance)
            .on("static_ipaddress", (cfg, w) -> w.node().children()
                    .forEach(c -> cfg.lines.address(c).ifPresent(cfg.staticAddresses::add)))
            .on("static_routes", (cfg, w) -> w.node().children()
                    .forEach(c -> cfg.lines.route(c, false).ifPresent(cfg.staticRoutes::add)))
            .on("static_rules", (cfg, w) -> w.node().children()
                    .forEach(c -> cfg.lines.rule(c).ifPresent(cfg.staticRules::add)))
            .on("SSL", (cfg, w) -> cfg.ssl = Optional.of(cfg.lvs.ssl(w.node())))
            .on("virtual_server_group", (cfg, w) -> cfg.vsGroups.add(cfg.lvs.group(w.node())))
            .on("virtual_server", (cfg, w) -> cfg.lvs.virtualServer(w.node()).ifPresent(cfg.virtualServers::add))
            .build();

    private static void bfdInstance(ConfigDraft cfg, Words w) {
        var b = cfg.vrrp.bfd(w.node());
        if (b.isPresent()) {
            cfg.bfds.add(b.get());
        } else {
            cfg.disabledBfds.add(VrrpBuilder.name(w.node()));
        }
    }

    private static void vrrpInstance(ConfigDraft cfg, Words w) {
        var name = VrrpBuilder.name(w.node());
        if (!cfg.instanceNames.add(name)) {
            w.error("vrrp instance " + name + " already defined");
        } else {
            cfg.drafts.add(cfg.vrrp.instance(w.node(), cfg.interfaces));
        }
    }
}
