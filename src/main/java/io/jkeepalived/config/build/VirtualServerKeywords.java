package io.jkeepalived.config.build;

import io.jkeepalived.config.model.AddressFamily;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The virtual_server keywords, each beside what it does to the {@link VirtualServerDraft}, with keepalived's words. */
final class VirtualServerKeywords {
    private static final List<String> SCHEDULER_FLAGS = List.of("ops", "flag-1", "flag-2", "flag-3", "sh-port",
            "sh-fallback", "mh-port", "mh-fallback");

    private VirtualServerKeywords() {
    }

    static final KeywordTable<VirtualServerDraft> TABLE = KeywordTable.<VirtualServerDraft>of("virtual_server")
            .on("ip_family",
                    (vs, w) -> vs.family = w.required(0).map(f -> f.equals("inet6") ? AddressFamily.INET6 : AddressFamily.INET))
            .on("retry", (vs, w) -> vs.retry = LvsLineValues.retry(w).orElse(vs.retry))
            .on("delay_before_retry", (vs, w) -> vs.dbr = LvsLineValues.timer(w).orElse(vs.dbr))
            .on("warmup", (vs, w) -> vs.warmup = LvsLineValues.timer(w).orElse(vs.warmup))
            .on("connect_timeout", (vs, w) -> vs.connectTimeout = LvsLineValues.connectTimeout(w).orElse(vs.connectTimeout))
            .on("delay_loop", (vs, w) -> vs.delayLoop = LvsLineValues.delayLoop(w, "virtual server").orElse(vs.delayLoop))
            .on("inhibit_on_failure", (vs, w) -> vs.inhibit = w.bool(0))
            .on("lb_algo", "lvs_sched", VirtualServerKeywords::lbAlgo)
            .accepted("hashed") // keepalived reads it and does nothing with it
            .on(SCHEDULER_FLAGS, (vs, w) -> vs.flags.add(w.keyword()))
            .on("lb_kind", "lvs_method", (vs, w) -> vs.method = LvsLineValues.forwarding(w).orElse(vs.method))
            .on("persistence_engine", (vs, w) -> vs.engine = w.required(0))
            .on("persistence_timeout", VirtualServerKeywords::persistenceTimeout)
            .on("persistence_granularity", (vs, w) -> vs.granularity = w.required(0))
            .on("protocol", VirtualServerKeywords::protocol)
            .on("ha_suspend", (vs, w) -> vs.haSuspend = true)
            .on("smtp_alert", (vs, w) -> vs.smtp = w.bool(0))
            .on("virtualhost", (vs, w) -> vs.vhost = w.required(0).orElse(vs.vhost))
            .on("snmp_name", (vs, w) -> vs.snmpName = w.required(0))
            .on("alpha", (vs, w) -> vs.alpha = w.bool(0))
            .on("omega", (vs, w) -> vs.omega = w.bool(0))
            .on("quorum_up", (vs, w) -> vs.quorumUp = w.script(0))
            .on("quorum_down", (vs, w) -> vs.quorumDown = w.script(0))
            .on("quorum", VirtualServerKeywords::quorum)
            .on("hysteresis", VirtualServerKeywords::hysteresis)
            .on("weight", VirtualServerKeywords::weight)
            .on("sorry_server", VirtualServerKeywords::sorryServer)
            .on("sorry_server_inhibit", (vs, w) -> vs.sorryInhibit = w.bool(0))
            .on("sorry_server_lvs_method", (vs, w) -> vs.sorryMethod = LvsLineValues.forwarding(w))
            .on("real_server", (vs, w) -> vs.rsNodes.add(w.node()))
            .build();

    private static void lbAlgo(VirtualServerDraft vs, Words w) {
        var s = w.required(0);
        if (s.isPresent()) {
            if (LvsBuilder.SCHEDULERS.contains(s.get())) {
                vs.sched = s.get();
            } else {
                w.error("Invalid lvs_scheduler '" + s.get() + "' - ignoring");
            }
        }
    }

    private static void persistenceTimeout(VirtualServerDraft vs, Words w) {
        if (w.arg(0).isEmpty()) {
            vs.persistence = Optional.of(Duration.ofSeconds(360));
        } else {
            var v = w.integer(0, 1, 2678400);
            if (v.isPresent()) {
                vs.persistence = Optional.of(Duration.ofSeconds(v.getAsLong()));
            } else {
                w.error("persistence_timeout invalid");
            }
        }
    }

    private static void protocol(VirtualServerDraft vs, Words w) {
        var p = w.required(0);
        if (p.isPresent()) {
            switch (p.get().toUpperCase(Locale.ROOT)) {
                case "TCP", "UDP", "SCTP" -> vs.protocol = p.get().toUpperCase(Locale.ROOT);
                default -> w.error("Unknown protocol " + p.get() + " - ignoring");
            }
        }
    }

    private static void quorum(VirtualServerDraft vs, Words w) {
        var t = w.required(0);
        if (t.isPresent()) {
            var v = w.integer(t.get(), 1, 4294967295L);
            if (v.isPresent()) {
                vs.quorum = (int) Math.min(Integer.MAX_VALUE, v.getAsLong());
            } else {
                w.error("Quorum " + t.get() + " must be in [1, 4294967295]. Setting to 1.");
            }
        }
    }

    private static void hysteresis(VirtualServerDraft vs, Words w) {
        var t = w.required(0);
        if (t.isPresent()) {
            var v = w.integer(t.get(), 0, 4294967295L);
            if (v.isPresent()) {
                vs.hysteresis = (int) Math.min(Integer.MAX_VALUE, v.getAsLong());
            } else {
                w.error("Hysteresis " + t.get() + " must be in [0, 4294967295] - ignoring");
            }
        }
    }

    private static void weight(VirtualServerDraft vs, Words w) {
        var v = w.integer(0, 0, Integer.MAX_VALUE);
        if (v.isPresent()) {
            vs.weight = (int) v.getAsLong();
        }
    }

    private static void sorryServer(VirtualServerDraft vs, Words w) {
        var ip = w.address(0);
        if (ip.isEmpty()) {
            w.error("Invalid sorry server IP address " + w.arg(0).orElse("") + " - skipping");
        } else {
            vs.sorryIp = ip.get();
            vs.sorryPort = w.arg(1).isPresent() ? (int) w.integer(1, 0, 65535).orElse(0) : 0;
        }
    }

}
