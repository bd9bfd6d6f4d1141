package io.jkeepalived.config.build;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The global_defs keywords, each beside what it does to the {@link GlobalDefsDraft}, with keepalived's words. */
final class GlobalDefsKeywords {
    private GlobalDefsKeywords() {
    }

    static final KeywordTable<GlobalDefsDraft> TABLE = KeywordTable.<GlobalDefsDraft>of("global_defs")
            .on("router_id", GlobalDefsKeywords::routerId)
            .on("notification_email_from", (g, w) -> g.emailFrom = w.required(0))
            .on("notification_email", (g, w) -> w.node().children().forEach(c -> g.emails.add(c.name())))
            .on("smtp_server", GlobalDefsKeywords::smtpServer)
            .on("smtp_helo_name", (g, w) -> g.smtpHelo = w.required(0))
            .on("smtp_connect_timeout", GlobalDefsKeywords::smtpConnectTimeout)
            .on("smtp_alert", (g, w) -> g.smtpAlert = Optional.of(w.bool(0)))
            .on("smtp_alert_vrrp", (g, w) -> g.smtpAlertVrrp = Optional.of(w.bool(0)))
            .on("smtp_alert_checker", (g, w) -> g.smtpAlertChecker = Optional.of(w.bool(0)))
            .on("checker_log_all_failures", (g, w) -> g.checkerLogAllFailures = w.bool(0))
            .on("dynamic_interfaces", GlobalDefsKeywords::dynamicInterfaces)
            .on("no_email_faults", (g, w) -> g.noEmailFaults = true)
            .on("default_interface", (g, w) -> w.required(0).ifPresent(v -> g.defaultInterface = v))
            .on("disable_local_igmp", (g, w) -> g.disableLocalIgmp = true)
            .on("lvs_flush", (g, w) -> g.lvsFlush = true)
            .on("lvs_flush_on_stop", "lvs_flush_onstop", (g, w) -> g.lvsFlushOnStop = Optional.of(w.arg(0).orElse("all")))
            .on("lvs_sync_daemon", (g, w) -> g.lvsSyncDaemon = Optional.of(w.rest(0)))
            .on("fifo_write_vrrp_states_on_reload", (g, w) -> g.fifoWriteStates = true)
            .on("vrrp_notify_priority_changes", (g, w) -> g.notifyPriorityChanges = w.bool(0))
            .on("vrrp_mcast_group4", "vrrp_mcast_group6", GlobalDefsKeywords::mcastGroup)
            .on("vrrp_garp_master_delay", (g, w) -> garpSeconds(w).ifPresent(v -> g.garpDelay = v))
            .on("vrrp_garp_master_repeat", (g, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> g.garpRepeat = v))
            .on("vrrp_garp_master_refresh", (g, w) -> garpSeconds(w).ifPresent(v -> g.garpRefresh = v))
            .on("vrrp_garp_master_refresh_repeat", (g, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> g.garpRefreshRepeat = v))
            .on("vrrp_garp_lower_prio_delay", (g, w) -> garpSeconds(w).ifPresent(v -> g.garpLowerDelay = v))
            .on("vrrp_garp_lower_prio_repeat", (g, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> g.garpLowerRepeat = v))
            .on("vrrp_down_timer_adverts", GlobalDefsKeywords::vrrpDownTimerAdverts)
            .on("vrrp_garp_extra_if", "vrrp_vmac_garp_intvl", GlobalDefsKeywords::vrrpGarpExtraIf)
            .on("vrrp_lower_prio_no_advert", (g, w) -> g.lowerPrioNoAdvert = w.bool(0))
            .on("vrrp_higher_prio_send_advert", (g, w) -> g.higherPrioSendAdvert = w.bool(0))
            .on("vrrp_garp_interval", (g, w) -> w.seconds(0, 0, 18446744073709.551614).ifPresent(d -> g.garpInterval = d))
            .on("vrrp_gna_interval", (g, w) -> w.seconds(0, 0, 18446744073709.551614).ifPresent(d -> g.gnaInterval = d))
            .on("vrrp_min_garp", (g, w) -> g.minGarp = w.bool(0))
            .on("vrrp_version", GlobalDefsKeywords::vrrpVersion)
            .on("vrrp_check_unicast_src", (g, w) -> g.checkUnicastSrc = true)
            .on("vrrp_skip_check_adv_addr", (g, w) -> g.skipCheckAdvAddr = w.bool(0))
            .on("vrrp_strict", (g, w) -> g.strict = true)
            .on("nftables", (g, w) -> g.nftables = Optional.of(w.arg(0).orElse("keepalived")))
            .on("nftables_counters", (g, w) -> g.nftablesCounters = true)
            .on("vrrp_iptables", (g, w) -> g.iptables = Optional.of(w.node().argTexts()))
            .on("max_auto_priority", GlobalDefsKeywords::maxAutoPriority)
            .on("min_auto_priority_delay", GlobalDefsKeywords::minAutoPriorityDelay)
            .on(List.of("vrrp_priority", "checker_priority", "bfd_priority"),
                    (g, w) -> w.intIn(0, -20, 19).ifPresent(v -> g.priority[proc(w.keyword())] = v))
            .on(List.of("vrrp_no_swap", "checker_no_swap", "bfd_no_swap"), (g, w) -> g.noSwap[proc(w.keyword())] = true)
            .on(List.of("vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority"), GlobalDefsKeywords::rtPriority)
            .on(List.of("vrrp_rlimit_rttime", "vrrp_rlimit_rtime", "checker_rlimit_rttime", "checker_rlimit_rtime",
                    "bfd_rlimit_rttime", "bfd_rlimit_rtime"), GlobalDefsKeywords::rlimitRttime)
            .on("notify_fifo", (g, w) -> g.notifyFifo = w.required(0))
            .on("notify_fifo_script", (g, w) -> g.notifyFifoScript = w.script(0))
            .on("vrrp_notify_fifo", (g, w) -> g.vrrpNotifyFifo = w.required(0))
            .on("vrrp_notify_fifo_script", (g, w) -> g.vrrpNotifyFifoScript = w.script(0))
            .on("lvs_notify_fifo", (g, w) -> g.lvsNotifyFifo = w.required(0))
            .on("lvs_notify_fifo_script", (g, w) -> g.lvsNotifyFifoScript = w.script(0))
            .on("enable_script_security", (g, w) -> g.scriptSecurity = true)
            .on("script_user", GlobalDefsKeywords::scriptUser)
            .on("startup_script", (g, w) -> g.startupScript = w.script(0))
            .on("startup_script_timeout", "shutdown_script_timeout", GlobalDefsKeywords::scriptTimeout)
            .on("shutdown_script", (g, w) -> g.shutdownScript = w.script(0))
            .on("enable_snmp_vrrp", "enable_snmp_keepalived", (g, w) -> g.snmpVrrp = true)
            .on("enable_snmp_checker", (g, w) -> g.snmpChecker = true)
            .on("enable_snmp_rfc", GlobalDefsKeywords::enableSnmpRfc)
            .on("enable_snmp_rfcv2", (g, w) -> g.snmpRfcv2 = true)
            .on("enable_snmp_rfcv3", (g, w) -> g.snmpRfcv3 = true)
            .on("enable_traps", (g, w) -> g.traps = true)
            .on("snmp_socket", (g, w) -> g.snmpSocket = w.required(0))
            .on("enable_dbus", (g, w) -> g.dbus = true)
            .on("dbus_service_name", (g, w) -> g.dbusName = w.required(0))
            .on("rs_init_notifies", (g, w) -> g.rsInitNotifies = true)
            .on("no_checker_emails", (g, w) -> g.noCheckerEmails = true)
            .on("vrrp_rx_bufs_multiplier", (g, w) -> w.intIn(0, 1, Integer.MAX_VALUE).ifPresent(v -> g.rxBufsMultiplier = v))
            .on("vrrp_startup_delay", (g, w) -> w.seconds(0, 0, 3600).ifPresent(d -> g.startupDelay = d))
            .on("log_unknown_vrids", (g, w) -> g.logUnknownVrids = true)
            .on("vmac_prefix", (g, w) -> w.required(0).ifPresent(v -> g.vmacPrefix = v))
            .on("vmac_addr_prefix", (g, w) -> w.required(0).ifPresent(v -> g.vmacAddrPrefix = v))
            .on("umask", GlobalDefsKeywords::umask)
            .on("reload_check_config", (g, w) -> g.reloadCheckConfig = true)
            .on("reload_file", (g, w) -> g.reloadFile = Optional.of(w.arg(0).orElse("/run/keepalived.reload")))
            .on("reload_time_file", (g, w) -> g.reloadTimeFile = w.required(0))
            .on("data_use_instance", (g, w) -> g.dataUseInstance = true)
            .on("json_version", (g, w) -> w.intIn(0, 1, 2).ifPresent(v -> g.jsonVersion = OptionalInt.of(v)))
            .build();

    private static void routerId(GlobalDefsDraft g, Words w) {
        if (w.arg(0).isEmpty()) {
            w.error("routerid name missing - ignoring");
        } else {
            g.routerId = w.arg(0);
        }
    }

    private static void smtpServer(GlobalDefsDraft g, Words w) {
        var t = w.required(0);
        if (t.isPresent()) {
            g.smtpServer = Addresses.parse(t.get());
            if (g.smtpServer.isEmpty() && t.get().chars().allMatch(c -> c == '.' || Character.isDigit(c) || c == ':')) {
                w.error("Invalid smtp server " + t.get() + " " + w.arg(1).orElse("25"));
            } else if (g.smtpServer.isEmpty()) {
                g.smtpServerName = t;
            }
            if (w.arg(1).isPresent()) {
                w.intIn(1, 1, 65535).ifPresent(p -> g.smtpPort = p);
            }
        }
    }

    private static void smtpConnectTimeout(GlobalDefsDraft g, Words w) {
        var t = w.required(0);
        if (t.isPresent()) {
            var v = w.integer(t.get(), 0, 4294);
            if (v.isPresent()) {
                g.smtpTimeout = Duration.ofSeconds(v.getAsLong());
            } else {
                w.error("smtp_connect_timeout '" + t.get() + "' must be in [0, 4294] - ignoring");
            }
        }
    }

    private static void dynamicInterfaces(GlobalDefsDraft g, Words w) {
        g.dynamicInterfaces = true;
        g.dynamicAllowIfChanges = w.arg(0).filter("allow_if_changes"::equals).isPresent();
    }

    private static void mcastGroup(GlobalDefsDraft g, Words w) {
        var a = w.address(0);
        var text = w.arg(0).orElse("");
        boolean v6 = w.keyword().endsWith("6");
        if (a.isEmpty() || (a.get() instanceof java.net.Inet6Address) != v6) {
            w.error("Can't parse " + w.keyword() + " [" + text + "]. Skipping");
        } else if (!a.get().isMulticastAddress()) {
            w.error(w.keyword() + " [" + text + "] is not multicast. Skipping");
        } else if (v6) {
            g.mcast6 = a.get();
        } else {
            g.mcast4 = a.get();
        }
    }

    private static void vrrpDownTimerAdverts(GlobalDefsDraft g, Words w) {
        var v = w.intIn(0, 1, 100);
        if (v.isPresent()) {
            g.downTimerAdverts = v.getAsInt();
        } else {
            w.error("Invalid vrrp_down_timer_adverts [1:100] '" + w.arg(0).orElse("") + "'");
        }
    }

    private static void vrrpGarpExtraIf(GlobalDefsDraft g, Words w) {
        int i = w.arg(0).filter("all"::equals).isPresent() ? 1 : 0;
        w.seconds(i, 0, 86400).ifPresent(d -> g.garpExtraIf = Optional.of(d));
    }

    private static void vrrpVersion(GlobalDefsDraft g, Words w) {
        var v = w.intIn(0, 2, 3);
        if (v.isPresent()) {
            g.vrrpVersion = v.getAsInt();
        } else {
            w.error("VRRP Error: Version must be either 2 or 3");
        }
    }

    private static void maxAutoPriority(GlobalDefsDraft g, Words w) {
        if (w.arg(0).isEmpty()) {
            g.maxAutoPriority = 99;
        } else {
            var v = w.intIn(0, -1, 99);
            if (v.isPresent()) {
                g.maxAutoPriority = v.getAsInt();
            } else {
                w.error("max_auto_priority '" + w.arg(0).get() + "' must be in [0, 99] (or -1 to disable) - ignoring");
            }
        }
    }

    private static void minAutoPriorityDelay(GlobalDefsDraft g, Words w) {
        w.integer(0, 1, Integer.MAX_VALUE).ifPresent(v -> g.minAutoPriorityDelay = Duration.ofNanos(v * 1000));
    }

    private static void rtPriority(GlobalDefsDraft g, Words w) {
        w.intIn(0, 1, 99).ifPresent(v -> g.rtPriority[proc(w.keyword())] = v);
    }

    private static void rlimitRttime(GlobalDefsDraft g, Words w) {
        w.integer(0, 1, Integer.MAX_VALUE).ifPresent(v -> g.rlimit[proc(w.keyword())] = v);
    }

    private static void scriptUser(GlobalDefsDraft g, Words w) {
        g.scriptUser = w.required(0);
        g.scriptGroup = w.arg(1);
        if (g.scriptUser.isPresent() && !g.users.exists(g.scriptUser.get())) {
            w.error("Error setting global script uid/gid");
            g.scriptUserInvalid = true;
        }
    }

    private static void scriptTimeout(GlobalDefsDraft g, Words w) {
        var v = w.intIn(0, 1, 1000);
        if (v.isEmpty()) {
            w.error(w.keyword() + " '" + w.arg(0).orElse("") + "' must be in [1, 1000] - ignoring");
        } else if (w.keyword().startsWith("startup")) {
            g.startupTimeout = Duration.ofSeconds(v.getAsInt());
        } else {
            g.shutdownTimeout = Duration.ofSeconds(v.getAsInt());
        }
    }

    private static void enableSnmpRfc(GlobalDefsDraft g, Words w) {
        g.snmpRfcv2 = true;
        g.snmpRfcv3 = true;
    }

    private static void umask(GlobalDefsDraft g, Words w) {
        w.required(0).ifPresent(v -> {
            var m = Umask.parse(w.node().argTexts());
            if (m < 0) {
                w.error("invalid umask value " + String.join(" ", w.node().argTexts()));
            } else {
                g.umask = m;
            }
        });
    }

    /** A vrrp_garp_* delay in seconds; keepalived's words when it is not one. */
    private static Optional<Duration> garpSeconds(Words w) {
        var v = w.seconds(0, 0, 86400);
        if (v.isEmpty()) {
            w.error(w.keyword() + " '" + w.arg(0).orElse("") + "' invalid - ignoring");
        }
        return v;
    }

    /** Which process a vrrp_* / checker_* / bfd_* scheduling keyword is for: 0, 1 or 2. */
    private static int proc(String keyword) {
        return keyword.startsWith("vrrp") ? 0 : keyword.startsWith("checker") ? 1 : 2;
    }
}
