package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.GarpSettings;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.ScriptSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads {@code global_defs} blocks (keepalived allows several; later lines win) with keepalived's defaults. */
final class GlobalDefsBuilder {
    private final DiagnosticSink sink;

    Optional<String> routerId = Optional.empty();
    Optional<String> emailFrom = Optional.empty();
    final List<String> emails = new ArrayList<>();
    Optional<InetAddress> smtpServer = Optional.empty();
    Optional<String> smtpServerName = Optional.empty();
    int smtpPort = 25;
    Optional<String> smtpHelo = Optional.empty();
    Duration smtpTimeout = Duration.ofSeconds(30);
    Optional<Boolean> smtpAlert = Optional.empty();
    Optional<Boolean> smtpAlertVrrp = Optional.empty();
    Optional<Boolean> smtpAlertChecker = Optional.empty();
    boolean checkerLogAllFailures;
    boolean dynamicInterfaces;
    boolean dynamicAllowIfChanges;
    boolean noEmailFaults;
    String defaultInterface = "eth0";
    boolean disableLocalIgmp;
    boolean lvsFlush;
    Optional<String> lvsFlushOnStop = Optional.empty();
    Optional<String> lvsSyncDaemon = Optional.empty();
    boolean fifoWriteStates;
    boolean notifyPriorityChanges;
    InetAddress mcast4 = Addresses.parse("224.0.0.18").orElseThrow();
    InetAddress mcast6 = Addresses.parse("ff02::12").orElseThrow();
    Duration garpDelay = Duration.ofSeconds(5);
    int garpRepeat = 5;
    Duration garpRefresh = Duration.ZERO;
    int garpRefreshRepeat = 1;
    Duration garpLowerDelay;
    Integer garpLowerRepeat;
    int downTimerAdverts = 3;
    Optional<Duration> garpExtraIf = Optional.empty();
    boolean lowerPrioNoAdvert;
    boolean higherPrioSendAdvert;
    Duration garpInterval = Duration.ZERO;
    Duration gnaInterval = Duration.ZERO;
    boolean minGarp;
    int vrrpVersion = 2;
    boolean checkUnicastSrc;
    boolean skipCheckAdvAddr;
    boolean strict;
    Optional<String> nftables = Optional.empty();
    boolean nftablesCounters;
    Optional<List<String>> iptables = Optional.empty();
    int maxAutoPriority;
    Duration minAutoPriorityDelay = Duration.ofSeconds(1);
    final int[] priority = new int[3];
    final boolean[] noSwap = new boolean[3];
    final int[] rtPriority = new int[3];
    final long[] rlimit = {10000, 10000, 10000};
    Optional<String> notifyFifo = Optional.empty();
    Optional<ScriptSpec> notifyFifoScript = Optional.empty();
    Optional<String> vrrpNotifyFifo = Optional.empty();
    Optional<ScriptSpec> vrrpNotifyFifoScript = Optional.empty();
    Optional<String> lvsNotifyFifo = Optional.empty();
    Optional<ScriptSpec> lvsNotifyFifoScript = Optional.empty();
    boolean scriptSecurity;
    Optional<String> scriptUser = Optional.empty();
    Optional<String> scriptGroup = Optional.empty();
    Optional<ScriptSpec> startupScript = Optional.empty();
    Duration startupTimeout = Duration.ofSeconds(10);
    Optional<ScriptSpec> shutdownScript = Optional.empty();
    Duration shutdownTimeout = Duration.ofSeconds(10);
    boolean snmpVrrp;
    boolean snmpChecker;
    boolean snmpRfcv2;
    boolean snmpRfcv3;
    boolean traps;
    Optional<String> snmpSocket = Optional.empty();
    boolean dbus;
    Optional<String> dbusName = Optional.empty();
    boolean rsInitNotifies;
    boolean noCheckerEmails;
    int rxBufsMultiplier = 3;
    Duration startupDelay = Duration.ZERO;
    boolean logUnknownVrids;
    String vmacPrefix = "vrrp";
    String vmacAddrPrefix = "vmac";
    int umask = 0177;
    boolean reloadCheckConfig;
    Optional<String> reloadFile = Optional.empty();
    Optional<String> reloadTimeFile = Optional.empty();
    boolean dataUseInstance;
    OptionalInt jsonVersion = OptionalInt.empty();
    final Map<String, List<String>> raw = new HashMap<>();

    /** script_user names a user that does not exist: scripts without their own user cannot run. */
    boolean scriptUserInvalid;
    private final SystemUsers users;

    GlobalDefsBuilder(DiagnosticSink sink, SystemUsers users) {
        this.sink = sink;
        this.users = users;
    }

    void read(ConfigNode block) {
        for (var n : block.children()) {
            raw.put(n.name(), n.argTexts());
            line(n, new Words(n, sink));
        }
    }

    private static int proc(String kw) {
        return kw.startsWith("vrrp") ? 0 : kw.startsWith("checker") ? 1 : 2;
    }

    private void line(ConfigNode n, Words w) {
        var kw = n.name();
        switch (kw) {
            case "router_id" -> {
                if (w.arg(0).isEmpty()) {
                    w.error("routerid name missing - ignoring");
                } else {
                    routerId = w.arg(0);
                }
            }
            case "notification_email_from" -> emailFrom = w.required(0);
            case "notification_email" -> n.children().forEach(c -> emails.add(c.name()));
            case "smtp_server" -> {
                var t = w.required(0);
                if (t.isPresent()) {
                    smtpServer = Addresses.parse(t.get());
                    if (smtpServer.isEmpty() && t.get().chars().allMatch(c -> c == '.' || Character.isDigit(c) || c == ':')) {
                        w.error("Invalid smtp server " + t.get() + " " + w.arg(1).orElse("25"));
                    } else if (smtpServer.isEmpty()) {
                        smtpServerName = t;
                    }
                    if (w.arg(1).isPresent()) {
                        w.intIn(1, 1, 65535).ifPresent(p -> smtpPort = p);
                    }
                }
            }
            case "smtp_helo_name" -> smtpHelo = w.required(0);
            case "smtp_connect_timeout" -> {
                var t = w.required(0);
                if (t.isPresent()) {
                    var v = w.integer(t.get(), 0, 4294);
                    if (v.isPresent()) {
                        smtpTimeout = Duration.ofSeconds(v.getAsLong());
                    } else {
                        w.error("smtp_connect_timeout '" + t.get() + "' must be in [0, 4294] - ignoring");
                    }
                }
            }
            case "smtp_alert" -> smtpAlert = Optional.of(w.bool(0));
            case "smtp_alert_vrrp" -> smtpAlertVrrp = Optional.of(w.bool(0));
            case "smtp_alert_checker" -> smtpAlertChecker = Optional.of(w.bool(0));
            case "checker_log_all_failures" -> checkerLogAllFailures = w.bool(0);
            case "dynamic_interfaces" -> {
                dynamicInterfaces = true;
                dynamicAllowIfChanges = w.arg(0).filter("allow_if_changes"::equals).isPresent();
            }
            case "no_email_faults" -> noEmailFaults = true;
            case "default_interface" -> w.required(0).ifPresent(v -> defaultInterface = v);
            case "disable_local_igmp" -> disableLocalIgmp = true;
            case "lvs_flush" -> lvsFlush = true;
            case "lvs_flush_on_stop", "lvs_flush_onstop" -> lvsFlushOnStop = Optional.of(w.arg(0).orElse("all"));
            case "lvs_sync_daemon" -> lvsSyncDaemon = Optional.of(w.rest(0));
            case "fifo_write_vrrp_states_on_reload" -> fifoWriteStates = true;
            case "vrrp_notify_priority_changes" -> notifyPriorityChanges = w.bool(0);
            case "vrrp_mcast_group4", "vrrp_mcast_group6" -> {
                var a = w.address(0);
                var text = w.arg(0).orElse("");
                boolean v6 = kw.endsWith("6");
                if (a.isEmpty() || (a.get() instanceof java.net.Inet6Address) != v6) {
                    w.error("Can't parse " + kw + " [" + text + "]. Skipping");
                } else if (!a.get().isMulticastAddress()) {
                    w.error(kw + " [" + text + "] is not multicast. Skipping");
                } else if (v6) {
                    mcast6 = a.get();
                } else {
                    mcast4 = a.get();
                }
            }
            case "vrrp_garp_master_delay" -> {
                var v = w.seconds(0, 0, 86400);
                if (v.isPresent()) {
                    garpDelay = v.get();
                } else {
                    w.error("vrrp_garp_master_delay '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "vrrp_garp_master_repeat" -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> garpRepeat = v);
            case "vrrp_garp_master_refresh" -> {
                var v = w.seconds(0, 0, 86400);
                if (v.isPresent()) {
                    garpRefresh = v.get();
                } else {
                    w.error("vrrp_garp_master_refresh '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "vrrp_garp_master_refresh_repeat" -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> garpRefreshRepeat = v);
            case "vrrp_garp_lower_prio_delay" -> {
                var v = w.seconds(0, 0, 86400);
                if (v.isPresent()) {
                    garpLowerDelay = v.get();
                } else {
                    w.error("vrrp_garp_lower_prio_delay '" + w.arg(0).orElse("") + "' invalid - ignoring");
                }
            }
            case "vrrp_garp_lower_prio_repeat" -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> garpLowerRepeat = v);
            case "vrrp_down_timer_adverts" -> {
                var v = w.intIn(0, 1, 100);
                if (v.isPresent()) {
                    downTimerAdverts = v.getAsInt();
                } else {
                    w.error("Invalid vrrp_down_timer_adverts [1:100] '" + w.arg(0).orElse("") + "'");
                }
            }
            case "vrrp_garp_extra_if", "vrrp_vmac_garp_intvl" -> {
                int i = w.arg(0).filter("all"::equals).isPresent() ? 1 : 0;
                w.seconds(i, 0, 86400).ifPresent(d -> garpExtraIf = Optional.of(d));
            }
            case "vrrp_lower_prio_no_advert" -> lowerPrioNoAdvert = w.bool(0);
            case "vrrp_higher_prio_send_advert" -> higherPrioSendAdvert = w.bool(0);
            case "vrrp_garp_interval" -> w.seconds(0, 0, 18446744073709.551614).ifPresent(d -> garpInterval = d);
            case "vrrp_gna_interval" -> w.seconds(0, 0, 18446744073709.551614).ifPresent(d -> gnaInterval = d);
            case "vrrp_min_garp" -> minGarp = w.bool(0);
            case "vrrp_version" -> {
                var v = w.intIn(0, 2, 3);
                if (v.isPresent()) {
                    vrrpVersion = v.getAsInt();
                } else {
                    w.error("VRRP Error: Version must be either 2 or 3");
                }
            }
            case "vrrp_check_unicast_src" -> checkUnicastSrc = true;
            case "vrrp_skip_check_adv_addr" -> skipCheckAdvAddr = w.bool(0);
            case "vrrp_strict" -> strict = true;
            case "nftables" -> nftables = Optional.of(w.arg(0).orElse("keepalived"));
            case "nftables_counters" -> nftablesCounters = true;
            case "vrrp_iptables" -> iptables = Optional.of(n.argTexts());
            case "max_auto_priority" -> {
                if (w.arg(0).isEmpty()) {
                    maxAutoPriority = 99;
                } else {
                    var v = w.intIn(0, -1, 99);
                    if (v.isPresent()) {
                        maxAutoPriority = v.getAsInt();
                    } else {
                        w.error("max_auto_priority '" + w.arg(0).get() + "' must be in [0, 99] (or -1 to disable) - ignoring");
                    }
                }
            }
            case "min_auto_priority_delay" -> w.integer(0, 1, Integer.MAX_VALUE)
                    .ifPresent(v -> minAutoPriorityDelay = Duration.ofNanos(v * 1000));
            case "vrrp_priority", "checker_priority", "bfd_priority" -> w.intIn(0, -20, 19).ifPresent(v -> priority[proc(kw)] = v);
            case "vrrp_no_swap", "checker_no_swap", "bfd_no_swap" -> noSwap[proc(kw)] = true;
            case "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority" -> w.intIn(0, 1, 99)
                    .ifPresent(v -> rtPriority[proc(kw)] = v);
            case "vrrp_rlimit_rttime", "vrrp_rlimit_rtime", "checker_rlimit_rttime", "checker_rlimit_rtime",
                    "bfd_rlimit_rttime", "bfd_rlimit_rtime" -> w.integer(0, 1, Integer.MAX_VALUE)
                    .ifPresent(v -> rlimit[proc(kw)] = v);
            case "notify_fifo" -> notifyFifo = w.required(0);
            case "notify_fifo_script" -> notifyFifoScript = w.script(0);
            case "vrrp_notify_fifo" -> vrrpNotifyFifo = w.required(0);
            case "vrrp_notify_fifo_script" -> vrrpNotifyFifoScript = w.script(0);
            case "lvs_notify_fifo" -> lvsNotifyFifo = w.required(0);
            case "lvs_notify_fifo_script" -> lvsNotifyFifoScript = w.script(0);
            case "enable_script_security" -> scriptSecurity = true;
            case "script_user" -> {
                scriptUser = w.required(0);
                scriptGroup = w.arg(1);
                if (scriptUser.isPresent() && !users.exists(scriptUser.get())) {
                    w.error("Error setting global script uid/gid");
                    scriptUserInvalid = true;
                }
            }
            case "startup_script" -> startupScript = w.script(0);
            case "startup_script_timeout", "shutdown_script_timeout" -> {
                var v = w.intIn(0, 1, 1000);
                if (v.isEmpty()) {
                    w.error(kw + " '" + w.arg(0).orElse("") + "' must be in [1, 1000] - ignoring");
                } else if (kw.startsWith("startup")) {
                    startupTimeout = Duration.ofSeconds(v.getAsInt());
                } else {
                    shutdownTimeout = Duration.ofSeconds(v.getAsInt());
                }
            }
            case "shutdown_script" -> shutdownScript = w.script(0);
            case "enable_snmp_vrrp", "enable_snmp_keepalived" -> snmpVrrp = true;
            case "enable_snmp_checker" -> snmpChecker = true;
            case "enable_snmp_rfc" -> {
                snmpRfcv2 = true;
                snmpRfcv3 = true;
            }
            case "enable_snmp_rfcv2" -> snmpRfcv2 = true;
            case "enable_snmp_rfcv3" -> snmpRfcv3 = true;
            case "enable_traps" -> traps = true;
            case "snmp_socket" -> snmpSocket = w.required(0);
            case "enable_dbus" -> dbus = true;
            case "dbus_service_name" -> dbusName = w.required(0);
            case "rs_init_notifies" -> rsInitNotifies = true;
            case "no_checker_emails" -> noCheckerEmails = true;
            case "vrrp_rx_bufs_multiplier" -> w.intIn(0, 1, Integer.MAX_VALUE).ifPresent(v -> rxBufsMultiplier = v);
            case "vrrp_startup_delay" -> w.seconds(0, 0, 3600).ifPresent(d -> startupDelay = d);
            case "log_unknown_vrids" -> logUnknownVrids = true;
            case "vmac_prefix" -> w.required(0).ifPresent(v -> vmacPrefix = v);
            case "vmac_addr_prefix" -> w.required(0).ifPresent(v -> vmacAddrPrefix = v);
            case "umask" -> w.required(0).ifPresent(v -> {
                var m = Umask.parse(n.argTexts());
                if (m < 0) {
                    w.error("invalid umask value " + String.join(" ", n.argTexts()));
                } else {
                    umask = m;
                }
            });
            case "reload_check_config" -> reloadCheckConfig = true;
            case "reload_file" -> reloadFile = Optional.of(w.arg(0).orElse("/run/keepalived.reload"));
            case "reload_time_file" -> reloadTimeFile = w.required(0);
            case "data_use_instance" -> dataUseInstance = true;
            case "json_version" -> w.intIn(0, 1, 2).ifPresent(v -> jsonVersion = OptionalInt.of(v));
            default -> {
                // Kept in raw: process names, rcv buffers, SNMP/DBus details, include_check ... (no engine reads them yet).
            }
        }
    }

    GlobalDefs build() {
        var garp = new GarpSettings(garpDelay, garpRepeat, garpRefresh, garpRefreshRepeat,
                garpLowerDelay == null ? garpDelay : garpLowerDelay, garpLowerRepeat == null ? garpRepeat : garpLowerRepeat);
        return new GlobalDefs(routerId, emailFrom, emails, smtpServer, smtpServerName, smtpPort, smtpHelo, smtpTimeout,
                smtpAlert, smtpAlertVrrp, smtpAlertChecker, checkerLogAllFailures, dynamicInterfaces, dynamicAllowIfChanges,
                noEmailFaults, defaultInterface, disableLocalIgmp, lvsFlush, lvsFlushOnStop, lvsSyncDaemon, fifoWriteStates,
                notifyPriorityChanges, mcast4, mcast6, garp, downTimerAdverts, garpExtraIf, lowerPrioNoAdvert,
                higherPrioSendAdvert, garpInterval, gnaInterval, minGarp, vrrpVersion, checkUnicastSrc, skipCheckAdvAddr,
                strict, nftables, nftablesCounters, iptables, maxAutoPriority, minAutoPriorityDelay, priority[0], noSwap[0],
                rtPriority[0], rlimit[0], priority[1], noSwap[1], rtPriority[1], rlimit[1], priority[2], noSwap[2],
                rtPriority[2], rlimit[2], notifyFifo, notifyFifoScript, vrrpNotifyFifo, vrrpNotifyFifoScript, lvsNotifyFifo,
                lvsNotifyFifoScript, scriptSecurity, scriptUser.or(() -> scriptSecurity ? Optional.of("keepalived_script")
                        : Optional.empty()), scriptGroup, startupScript, startupTimeout, shutdownScript, shutdownTimeout,
                snmpVrrp, snmpChecker, snmpRfcv2, snmpRfcv3, traps, snmpSocket, dbus, dbusName, rsInitNotifies,
                noCheckerEmails, rxBufsMultiplier, startupDelay, logUnknownVrids, vmacPrefix, vmacAddrPrefix, umask,
                reloadCheckConfig, reloadFile, reloadTimeFile, dataUseInstance, jsonVersion, raw);
    }
}
