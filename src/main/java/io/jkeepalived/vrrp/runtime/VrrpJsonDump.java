package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.JsonWriter;
import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.InstanceStats;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.plan.PlannedRoute;
import io.jkeepalived.vrrp.plan.RoutingPlan;
import io.jkeepalived.vrrp.plan.Vmac;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Function;

/**
 * keepalived.json (keepalived's JSON signal): per VRRP instance a {@code data} object (settings and state) and a
 * {@code stats} object (the counters of keepalived.stats), as keepalived's vrrp_json.c writes them. Version 1 is
 * keepalived 2.2.7's document, an array of those objects; version 2 (keepalived 2.2.8+) puts that array under
 * {@code "vrrp"} and adds the {@code vrrp_track_process} states under {@code "track_process"}. Read on the VRRP loop
 * thread, between two events. Unlike keepalived 2.2.7, {@code auth_data} is never the password: it is written
 * as keepalived 2.3 writes it, "********".
 */
final class VrrpJsonDump {
    /** Fields that need the running state beyond the engine: where the run's routes and interfaces are. */
    record Context(VrrpEngine engine, VrrpPlan plan, RoutingPlan routing, KeepalivedConfig config, IntFunction<String> ifName,
                   List<ProcessWatcher.State> processes, long monotonicNowMicros, long wallNowMicros) {
    }

    private VrrpJsonDump() {
    }

    static String write(Context c, int version) {
        var w = new JsonWriter();
        if (version == 2) {
            w.startObject().name("vrrp");
        }
        w.startArray();
        Map<String, VrrpInstanceSpec> specs = new java.util.HashMap<>();
        c.config().vrrpInstances().forEach(s -> specs.put(s.name(), s));
        List<Vmac> vmacs = VrrpPlan.vmacs(c.config());
        for (InstanceParams p : c.plan().instances()) {
            w.startObject();
            data(w, c, p, specs.get(p.name()), vmacs);
            stats(w, c.engine().stats(p.name()));
            w.endObject();
        }
        w.endArray();
        if (version == 2) {
            if (!c.processes().isEmpty()) {
                w.name("track_process").startArray();
                c.processes().forEach(s -> process(w, s));
                w.endArray();
            }
            w.endObject();
        }
        return w.finish();
    }

    private static void data(JsonWriter w, Context c, InstanceParams p, VrrpInstanceSpec spec, List<Vmac> vmacs) {
        VrrpEngine e = c.engine();
        String name = p.name();
        boolean set = e.vipSet(name);
        w.name("data").startObject();
        w.field("iname", name);
        w.flag("dont_track_primary", p.dontTrackPrimary());
        w.flag("skip_check_adv_addr", p.skipCheckAdvAddr());
        w.flag("strict_mode", spec.strict() || c.config().globalDefs().vrrpStrict());
        Optional<Vmac> vmac = vmacs.stream().filter(v -> v.instance().equals(name)).findFirst();
        w.field("vmac_ifname", vmac.map(Vmac::name).orElse(""));
        w.field("ifp_ifname", p.interfaceName());
        w.field("master_priority", e.masterPriority(name));
        long transition = e.lastTransitionMicros(name);
        w.name("last_transition").numberF(transition == 0 ? 0
                : (c.wallNowMicros() - (c.monotonicNowMicros() - transition)) / 1e6);
        var garp = p.garp();
        w.name("garp_delay").numberG(garp.masterDelayMicros() / 1e6);
        w.field("garp_refresh", garp.masterRefreshMicros() / 1_000_000);
        w.field("garp_rep", garp.masterRepeat());
        w.field("garp_refresh_rep", garp.masterRefreshRepeat());
        w.field("garp_lower_prio_delay", garp.lowerPrioDelayMicros() / 1_000_000);
        w.field("garp_lower_prio_rep", garp.lowerPrioRepeat());
        w.flag("lower_prio_no_advert", p.lowerPrioNoAdvert());
        w.flag("higher_prio_send_advert", p.higherPrioSendAdvert());
        w.field("vrid", p.vrid());
        w.field("base_priority", p.priority());
        w.field("effective_priority", e.effectivePriority(name));
        w.field("vipset", set);
        w.field("promote_secondaries", spec.promoteSecondaries());
        w.name("adver_int").numberG(p.advertIntervalMicros() / 1e6);
        w.name("master_adver_int").numberG(e.masterAdverIntervalMicros(name) / 1e6);
        w.flag("accept", p.accept());
        w.field("nopreempt", !p.preempt());
        w.field("preempt_delay", p.preemptDelayMicros() / 1_000_000);
        w.field("state", e.state(name).ordinal());      // INIT 0, BACKUP 1, MASTER 2, FAULT 3, as keepalived numbers them
        w.field("wantstate", e.wantState(name).ordinal());
        w.field("version", p.version());
        w.field("smtp_alert", spec.smtpAlert());
        w.field("notify_deleted", spec.notifyScripts().notifyDeletedSet());
        var n = spec.notifyScripts();
        script(w, "script_backup", n.backup());
        script(w, "script_master", n.master());
        script(w, "script_fault", n.fault());
        script(w, "script_stop", n.stop());
        script(w, "script_deleted", n.deleted());
        script(w, "script", n.generic());
        script(w, "script_master_rx_lower_pri", n.masterRxLowerPri());
        String device = p.interfaceName();
        Function<VirtualIpSpec, String> vip = a -> {
            String dev = c.plan().deviceOf().getOrDefault(a.address(), a.dev().orElse(device));
            Optional<String> parent = vmacs.stream().filter(v -> v.name().equals(dev)).map(Vmac::parent).findFirst();
            return VrrpDumpText.address(a, dev, parent, set);
        };
        array(w, "vips", spec.virtualIpAddresses().stream().map(vip).toList());
        array(w, "evips", spec.virtualIpAddressesExcluded().stream().map(vip).toList());
        List<PlannedRoute> routes = c.routing().virtualRoutesOf().getOrDefault(name, List.of());
        List<RouteSpec> routeSpecs = spec.virtualRoutes();
        array(w, "vroutes", java.util.stream.IntStream.range(0, routes.size()).mapToObj(i -> VrrpDumpText.route(routes.get(i),
                routes.size() == routeSpecs.size() ? Optional.of(routeSpecs.get(i)) : Optional.empty(), c.ifName())).toList());
        array(w, "vrules", c.routing().virtualRulesOf().getOrDefault(name, List.of()).stream().map(VrrpDumpText::rule).toList());
        array(w, "track_ifp", spec.trackInterfaces().stream().map(TrackRef::name).toList());
        array(w, "track_script", spec.trackScripts().stream().flatMap(t -> c.config().vrrpScripts().stream()
                .filter(s -> s.name().equals(t.name())).findFirst().stream())
                .map(VrrpScriptSpec::script).map(s -> VrrpDumpText.command(s.argv())).toList());
        array(w, "track_process", spec.trackProcesses().stream().flatMap(t -> c.config().trackProcesses().stream()
                .filter(s -> s.name().equals(t.name())).findFirst().stream()).map(s -> s.name()).toList());
        int authType = spec.authentication().map(a -> a.type() == AuthSpec.Type.PASS ? 1 : 2).orElse(0);
        w.field("auth_type", authType);
        if (authType != 0) {
            w.field("auth_data", "********");
        }
        w.endObject();
    }

    private static void stats(JsonWriter w, InstanceStats s) {
        w.name("stats").startObject();
        w.field("advert_rcvd", s.advertRcvd());
        w.field("advert_sent", s.advertSent());
        w.field("become_master", s.becomeMaster());
        w.field("release_master", s.releaseMaster());
        w.field("packet_len_err", s.packetLenErr());
        w.field("advert_interval_err", s.advertIntervalErr());
        w.field("ip_ttl_err", s.ipTtlErr());
        w.field("invalid_type_rcvd", s.invalidTypeRcvd());
        w.field("addr_list_err", s.addrListErr());
        w.field("invalid_authtype", s.invalidAuthtype());
        w.field("authtype_mismatch", s.authtypeMismatch());
        w.field("auth_failure", s.authFailure());
        w.field("pri_zero_rcvd", s.priZeroRcvd());
        w.field("pri_zero_sent", s.priZeroSent());
        w.endObject();
    }

    /** keepalived 2.2.8+'s vrrp_json_vprocess_dump. */
    private static void process(JsonWriter w, ProcessWatcher.State s) {
        var spec = s.spec();
        w.startObject();
        w.field("process", spec.process());
        if (!spec.parameters().isEmpty()) {
            w.field("parameters", String.join(" ", spec.parameters()));
        }
        w.field("param_match", spec.paramMatch().orElse(spec.parameters().isEmpty() ? "none" : "exact"));
        w.field("min_processes", spec.quorum());
        if (spec.quorumMax() < Integer.MAX_VALUE) {
            w.field("max_processes", spec.quorumMax());
        }
        w.field("current_processes", s.count());
        w.field("have_quorum", s.up());
        w.field("weight", spec.weightReverse() ? -spec.weight() : spec.weight());
        w.name("terminate_delay").numberG(spec.terminateDelay().toNanos() / 1e9);
        w.name("fork_delay").numberG(spec.forkDelay().toNanos() / 1e9);
        w.field("fork_delay_timer_running", s.gaining());
        w.field("terminate_delay_timer_running", s.losing());
        w.field("full_command", spec.fullCommand());
        w.endObject();
    }

    private static void script(JsonWriter w, String name, Optional<ScriptSpec> script) {
        script.ifPresent(s -> w.field(name, VrrpDumpText.command(s.argv())));
    }

    /** keepalived leaves an empty list out. */
    private static void array(JsonWriter w, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        w.name(name).startArray();
        values.forEach(w::string);
        w.endArray();
    }
}
