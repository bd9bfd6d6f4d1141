package io.jkeepalived.config.build;

import io.jkeepalived.config.model.GarpSettings;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.ProcessNames;
import io.jkeepalived.config.model.ReloadSettings;
import io.jkeepalived.config.model.SocketBuffers;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The global_defs keywords, each beside what it does to the {@link GlobalDefsDraft}, with keepalived's words. */
final class GlobalDefsKeywords {
    /** linux/netfilter/nf_tables.h: NFT_TABLE_MAXNAMELEN (with the terminating NUL). */
    private static final int NFT_TABLE_MAXNAMELEN = 256;
    private GlobalDefsKeywords() {
    }

    static final KeywordTable<GlobalDefsDraft> TABLE = KeywordTable.<GlobalDefsDraft>of("global_defs")
            .on("router_id", GlobalDefsKeywords::routerId)
                .applied(GlobalDefs::routerId)
            .on("notification_email_from", (g, w) -> g.emailFrom = w.required(0))
                .applied(GlobalDefs::notificationEmailFrom)
            .on("notification_email", (g, w) -> w.node().children().forEach(c -> g.emails.add(c.name())))
                .applied(GlobalDefs::notificationEmail)
            .on("smtp_server", GlobalDefsKeywords::smtpServer)
                .applied(GlobalDefs::smtpServer, GlobalDefs::smtpServerName, GlobalDefs::smtpServerPort)
            .on("smtp_helo_name", (g, w) -> g.smtpHelo = w.required(0))
                .applied(GlobalDefs::smtpHeloName)
            .on("smtp_connect_timeout", GlobalDefsKeywords::smtpConnectTimeout)
                .applied(GlobalDefs::smtpConnectTimeout)
            .on("smtp_alert", (g, w) -> g.smtpAlert = Optional.of(w.bool(0)))
                .applied(VrrpInstanceSpec::smtpAlert, VirtualServerSpec::smtpAlert)
            .on("smtp_alert_vrrp", (g, w) -> g.smtpAlertVrrp = Optional.of(w.bool(0)))
                .applied(VrrpInstanceSpec::smtpAlert)
            .on("smtp_alert_checker", (g, w) -> g.smtpAlertChecker = Optional.of(w.bool(0)))
                .applied(VirtualServerSpec::smtpAlert)
            .on("checker_log_all_failures", (g, w) -> g.checkerLogAllFailures = w.bool(0))
                .applied(GlobalDefs::checkerLogAllFailures)
            .on("dynamic_interfaces", GlobalDefsKeywords::dynamicInterfaces)
                .applied(GlobalDefs::dynamicInterfaces)
            .on("no_email_faults", (g, w) -> g.noEmailFaults = true)
                .applied(GlobalDefs::noEmailFaults)
            .on("default_interface", (g, w) -> w.required(0).ifPresent(v -> g.defaultInterface = v))
                .applied(GlobalDefs::defaultInterface)
            .on("disable_local_igmp", GlobalDefsKeywords::disableLocalIgmp)
                .applied(GlobalDefs::disableLocalIgmp)
            .on("lvs_flush", (g, w) -> g.lvsFlush = true)
                .applied(GlobalDefs::lvsFlush)
            .on("lvs_flush_on_stop", "lvs_flush_onstop", (g, w) -> g.lvsFlushOnStop = Optional.of(w.arg(0).orElse("all")))
                .applied(GlobalDefs::lvsFlushOnStop)
            .on("lvs_sync_daemon", (g, w) -> g.lvsSyncDaemon = Optional.of(w.rest(0)))
                .applied(GlobalDefs::lvsSyncDaemon)
            .on("fifo_write_vrrp_states_on_reload", (g, w) -> g.fifoWriteStates = true)
                .applied(GlobalDefs::fifoWriteVrrpStatesOnReload)
            .on("vrrp_notify_priority_changes", (g, w) -> g.notifyPriorityChanges = w.bool(0))
                .applied(VrrpInstanceSpec::notifyPriorityChanges)
            .on("vrrp_mcast_group4", "vrrp_mcast_group6", GlobalDefsKeywords::mcastGroup)
                .applied(GlobalDefs::vrrpMcastGroup4, GlobalDefs::vrrpMcastGroup6)
            .on("vrrp_garp_master_delay", (g, w) -> garpSeconds(w).ifPresent(v -> g.garpDelay = v))
                .applied(GarpSettings::masterDelay)
            .on("vrrp_garp_master_repeat", (g, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> g.garpRepeat = v))
                .applied(GarpSettings::masterRepeat)
            .on("vrrp_garp_master_refresh", (g, w) -> garpSeconds(w).ifPresent(v -> g.garpRefresh = v))
                .applied(GarpSettings::masterRefresh)
            .on("vrrp_garp_master_refresh_repeat", (g, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> g.garpRefreshRepeat = v))
                .applied(GarpSettings::masterRefreshRepeat)
            .on("vrrp_garp_lower_prio_delay", (g, w) -> garpSeconds(w).ifPresent(v -> g.garpLowerDelay = v))
                .applied(GarpSettings::lowerPrioDelay)
            .on("vrrp_garp_lower_prio_repeat", (g, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> g.garpLowerRepeat = v))
                .applied(GarpSettings::lowerPrioRepeat)
            .on("vrrp_down_timer_adverts", GlobalDefsKeywords::vrrpDownTimerAdverts)
                .applied(VrrpInstanceSpec::downTimerAdverts)
            .on("vrrp_garp_extra_if", "vrrp_vmac_garp_intvl", GlobalDefsKeywords::vrrpGarpExtraIf)
                .applied(VrrpInstanceSpec::garpExtraIf, VrrpInstanceSpec::garpExtraIfAll)
            .on("vrrp_lower_prio_no_advert", (g, w) -> g.lowerPrioNoAdvert = w.bool(0))
                .applied(VrrpInstanceSpec::lowerPrioNoAdvert)
            .on("vrrp_higher_prio_send_advert", (g, w) -> g.higherPrioSendAdvert = w.bool(0))
                .applied(VrrpInstanceSpec::higherPrioSendAdvert)
            .on("vrrp_garp_interval", (g, w) -> interval(w).ifPresent(d -> g.garpInterval = d))
                .applied(GlobalDefs::vrrpGarpInterval)
            .on("vrrp_gna_interval", (g, w) -> interval(w).ifPresent(d -> g.gnaInterval = d))
                .applied(GlobalDefs::vrrpGnaInterval)
            .on("vrrp_min_garp", GlobalDefsKeywords::vrrpMinGarp)
                .applied(GarpSettings::masterRepeat, GarpSettings::masterDelay, GarpSettings::masterRefreshRepeat)
            .on("vrrp_version", GlobalDefsKeywords::vrrpVersion)
                .applied(VrrpInstanceSpec::version)
            .on("vrrp_check_unicast_src", (g, w) -> g.checkUnicastSrc = true)
                .applied(VrrpInstanceSpec::checkUnicastSrc)
            .on("vrrp_skip_check_adv_addr", (g, w) -> g.skipCheckAdvAddr = w.bool(0))
                .applied(VrrpInstanceSpec::skipCheckAdvAddr)
            .on("vrrp_strict", (g, w) -> {
                g.strict = true;
                g.strictPos = w.pos();
            })
                .applied(VrrpInstanceSpec::strict)
            .on("nftables", GlobalDefsKeywords::nftables)
                .applied(GlobalDefs::nftables)
            .on("nftables_priority", GlobalDefsKeywords::nftablesPriority)
                .applied(GlobalDefs::nftablesPriority)
            .on("nftables_ifindex", (g, w) -> g.nftablesIfindex = true)
                .applied(GlobalDefs::nftablesIfindex)
            .on("nftables_counters", (g, w) -> g.nftablesCounters = true)
                .applied(GlobalDefs::nftablesCounters)
            // keepalived 2.2.7 as Debian builds it (nftables, no iptables): vrrp_iptables means nftables
            .on("vrrp_iptables", GlobalDefsKeywords::vrrpIptables)
                .applied(GlobalDefs::nftables)
            // each loop's automatic raise (common.AutoRealtimePriority): VRRP's and the checker's, as keepalived's processes
            .on("max_auto_priority", GlobalDefsKeywords::maxAutoPriority)
                .applied(GlobalDefs::maxAutoPriority)
            .on("min_auto_priority_delay", GlobalDefsKeywords::minAutoPriorityDelay)
                .applied(GlobalDefs::minAutoPriorityDelay)
            .on("vrrp_priority", GlobalDefsKeywords::niceness)
                .applied(GlobalDefs::vrrpPriority)
            .on("checker_priority", GlobalDefsKeywords::niceness)
                .applied(GlobalDefs::checkerPriority)
            .on("bfd_priority", GlobalDefsKeywords::niceness)
                .unsupported("BFD")
            .on("vrrp_no_swap", (g, w) -> g.noSwap[0] = true)
                .applied(GlobalDefs::vrrpNoSwap)
            .on("checker_no_swap", (g, w) -> g.noSwap[1] = true)
                .applied(GlobalDefs::checkerNoSwap)
            .on("bfd_no_swap", (g, w) -> g.noSwap[2] = true)
                .unsupported("BFD")
            .on("vrrp_rt_priority", GlobalDefsKeywords::rtPriority)
                .applied(GlobalDefs::vrrpRtPriority)
            .on("checker_rt_priority", GlobalDefsKeywords::rtPriority)
                .applied(GlobalDefs::checkerRtPriority)
            .on("bfd_rt_priority", GlobalDefsKeywords::rtPriority)
                .unsupported("BFD")
            .on(List.of("vrrp_rlimit_rttime", "vrrp_rlimit_rtime"), GlobalDefsKeywords::rlimitRttime)
                .applied(GlobalDefs::vrrpRlimitRttime)
            .on(List.of("checker_rlimit_rttime", "checker_rlimit_rtime"), GlobalDefsKeywords::rlimitRttime)
                .applied(GlobalDefs::checkerRlimitRttime)
            .on(List.of("bfd_rlimit_rttime", "bfd_rlimit_rtime"), GlobalDefsKeywords::rlimitRttime)
                .unsupported("BFD")
            .on("vrrp_cpu_affinity", GlobalDefsKeywords::cpuAffinity)
                .applied(GlobalDefs::vrrpCpuAffinity)
            .on("checker_cpu_affinity", GlobalDefsKeywords::cpuAffinity)
                .applied(GlobalDefs::checkerCpuAffinity)
            .on("bfd_cpu_affinity", GlobalDefsKeywords::cpuAffinity)
                .unsupported("BFD")
            .on("notify_fifo", (g, w) -> g.notifyFifo = w.required(0))
                .applied(GlobalDefs::notifyFifo)
            .on("notify_fifo_script", (g, w) -> g.notifyFifoScript = w.script(0))
                .applied(GlobalDefs::notifyFifoScript)
            .on("vrrp_notify_fifo", (g, w) -> g.vrrpNotifyFifo = w.required(0))
                .applied(GlobalDefs::vrrpNotifyFifo)
            .on("vrrp_notify_fifo_script", (g, w) -> g.vrrpNotifyFifoScript = w.script(0))
                .applied(GlobalDefs::vrrpNotifyFifoScript)
            .on("lvs_notify_fifo", (g, w) -> g.lvsNotifyFifo = w.required(0))
                .applied(GlobalDefs::lvsNotifyFifo)
            .on("lvs_notify_fifo_script", (g, w) -> g.lvsNotifyFifoScript = w.script(0))
                .applied(GlobalDefs::lvsNotifyFifoScript)
            .on("enable_script_security", (g, w) -> g.scriptSecurity = true)
                .applied(GlobalDefs::enableScriptSecurity)
            .on("script_user", GlobalDefsKeywords::scriptUser)
                .applied(GlobalDefs::scriptUser, GlobalDefs::scriptGroup)
            .on("startup_script", (g, w) -> g.startupScript = w.script(0))
                .applied(GlobalDefs::startupScript)
            .on("startup_script_timeout", "shutdown_script_timeout", GlobalDefsKeywords::scriptTimeout)
                .applied(GlobalDefs::startupScriptTimeout, GlobalDefs::shutdownScriptTimeout)
            .on("shutdown_script", (g, w) -> g.shutdownScript = w.script(0))
                .applied(GlobalDefs::shutdownScript)
            .on("enable_snmp_vrrp", "enable_snmp_keepalived", (g, w) -> g.snmpVrrp = true)
                .unsupported("SNMP")
            .on("enable_snmp_checker", (g, w) -> g.snmpChecker = true)
                .unsupported("SNMP")
            .on("enable_snmp_rfc", GlobalDefsKeywords::enableSnmpRfc)
                .unsupported("SNMP")
            .on("enable_snmp_rfcv2", (g, w) -> g.snmpRfcv2 = true)
                .unsupported("SNMP")
            .on("enable_snmp_rfcv3", (g, w) -> g.snmpRfcv3 = true)
                .unsupported("SNMP")
            .on("enable_traps", (g, w) -> g.traps = true)
                .unsupported("SNMP")
            .on("snmp_socket", (g, w) -> g.snmpSocket = w.required(0))
                .unsupported("SNMP")
            .on("enable_dbus", (g, w) -> g.dbus = true)
                .unsupported("DBus")
            .on("dbus_service_name", (g, w) -> g.dbusName = w.required(0))
                .unsupported("DBus")
            .on("rs_init_notifies", (g, w) -> g.rsInitNotifies = true)
                .applied(GlobalDefs::rsInitNotifies)
            .on("no_checker_emails", (g, w) -> g.noCheckerEmails = true)
                .applied(GlobalDefs::noCheckerEmails)
            .on("vrrp_rx_bufs_multiplier", GlobalDefsKeywords::rxBufsMultiplier)
                .applied(GlobalDefs::vrrpRxBufsMultiplier)
            .on("vrrp_rx_bufs_policy", GlobalDefsKeywords::rxBufsPolicy)
                .applied(SocketBuffers::vrrpRxPolicy)
            .on("vrrp_startup_delay", (g, w) -> w.seconds(0, 0, 3600).ifPresent(d -> g.startupDelay = d))
                .applied(GlobalDefs::vrrpStartupDelay)
            .on("log_unknown_vrids", (g, w) -> g.logUnknownVrids = true)
                .applied(GlobalDefs::logUnknownVrids)
            .on("vrrp_owner_ignore_adverts", (g, w) -> g.vrrpOwnerIgnoreAdverts = w.bool(0))
                .applied(VrrpInstanceSpec::ownerIgnoreAdverts)
            .on("vmac_prefix", (g, w) -> w.required(0).ifPresent(v -> g.vmacPrefix = v))
                .applied(GlobalDefs::vmacPrefix)
            .on("vmac_addr_prefix", GlobalDefsKeywords::vmacAddrPrefix)
                .applied(GlobalDefs::vmacAddrPrefix)
            .on("umask", GlobalDefsKeywords::umask)
                .applied(GlobalDefs::umask)
            .on("reload_check_config", (g, w) -> g.reloadCheckLog = Optional.of(w.arg(0).orElse(ReloadSettings.NO_CHECK_LOG)))
                .applied(ReloadSettings::checkConfigLog)
            // no PATH: keepalived's default in the pid directory, which the daemon knows
            .on("reload_file", (g, w) -> g.reloadFile = Optional.of(w.arg(0).orElse("")))
                .applied(ReloadSettings::reloadFile)
            .on("reload_time_file", GlobalDefsKeywords::reloadTimeFile)
                .applied(ReloadSettings::timeFile)
            .on("reload_repeat", (g, w) -> g.reloadRepeat = true)
                .applied(ReloadSettings::repeat)
            .on("config_save_dir", (g, w) -> w.required(0).ifPresent(d -> g.configSaveDir = Optional.of(withoutTrailingSlash(d))))
                .applied(ReloadSettings::saveDir)
            .on("data_use_instance", (g, w) -> g.dataUseInstance = true)
                .applied(GlobalDefs::dataUseInstance)
            .on("json_version", (g, w) -> w.intIn(0, 1, 2).ifPresent(v -> g.jsonVersion = OptionalInt.of(v)))
                .applied(GlobalDefs::jsonVersion)
            // The lexer acts on these: they change how the rest of the file is read.
            .accepted("include_check", "random_seed")
                .configOnly("read by the lexer: changes how the rest of the file is read")
            .on("process_names", (g, w) -> {
                g.vrrpProcessName = Optional.of("keepalived_vrrp");
                g.checkerProcessName = Optional.of("keepalived_lvs");
            })
                .applied(ProcessNames::vrrp, ProcessNames::checker)
            .on("process_name", (g, w) -> processName(w).ifPresent(n -> g.processName = Optional.of(n)))
                .applied(ProcessNames::process)
            .on("vrrp_process_name", (g, w) -> processName(w).ifPresent(n -> g.vrrpProcessName = Optional.of(n)))
                .applied(ProcessNames::vrrp)
            .on("checker_process_name", (g, w) -> processName(w).ifPresent(n -> g.checkerProcessName = Optional.of(n)))
                .applied(ProcessNames::checker)
            .on("lvs_process_name", (g, w) -> {
                w.sink().report(io.jkeepalived.config.Severity.INFO, w.node().pos(),
                        "'lvs_process_name' is deprecated - please use 'checker_process_name'");
                processName(w).ifPresent(n -> g.checkerProcessName = Optional.of(n));
            })
                .applied(ProcessNames::checker)
            .accepted("bfd_process_name")
                .unsupported("BFD")
            .on("vrrp_netlink_cmd_rcv_bufs", GlobalDefsKeywords::rcvBufs)
                .applied(SocketBuffers::vrrpNetlinkCmd)
            .on("vrrp_netlink_cmd_rcv_bufs_force", GlobalDefsKeywords::rcvBufsForce)
                .applied(SocketBuffers::vrrpNetlinkCmd)
            .on("vrrp_netlink_monitor_rcv_bufs", GlobalDefsKeywords::rcvBufs)
                .applied(SocketBuffers::vrrpNetlinkMonitor)
            .on("vrrp_netlink_monitor_rcv_bufs_force", GlobalDefsKeywords::rcvBufsForce)
                .applied(SocketBuffers::vrrpNetlinkMonitor)
            .on("process_monitor_rcv_bufs", GlobalDefsKeywords::rcvBufs)
                .applied(SocketBuffers::processMonitor)
            .on("process_monitor_rcv_bufs_force", GlobalDefsKeywords::rcvBufsForce)
                .applied(SocketBuffers::processMonitor)
            // Read from the raw global_defs lines by the LVS pool plan.
            .accepted("lvs_timeouts")
                .applied(GlobalDefs::raw)
            .on("lvs_netlink_cmd_rcv_bufs", GlobalDefsKeywords::rcvBufs)
                .applied(SocketBuffers::lvsNetlinkCmd)
            .on("lvs_netlink_cmd_rcv_bufs_force", GlobalDefsKeywords::rcvBufsForce)
                .applied(SocketBuffers::lvsNetlinkCmd)
            // keepalived's checker watches addresses on an rtnetlink monitor; ours has no such socket to size
            .on("lvs_netlink_monitor_rcv_bufs", GlobalDefsKeywords::rcvBufs)
                .unsupported("the checker has no netlink monitor socket")
            .on("lvs_netlink_monitor_rcv_bufs_force", GlobalDefsKeywords::rcvBufsForce)
                .unsupported("the checker has no netlink monitor socket")
            .accepted("nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark")
                .unsupported("LVS (IPVS) data plane")
            // ... and that build has no ipset support: the keyword is unknown to it
            .on("vrrp_ipsets", (g, w) -> w.error("Unknown keyword 'vrrp_ipsets'"))
                .unsupported("ipsets")
            .on("iproute_etc_dir", (g, w) -> iprouteDir(w).ifPresent(d -> g.iprouteEtcDir = Optional.of(d)))
                .applied(GlobalDefs::iprouteEtcDir)
            .on("iproute_usr_dir", (g, w) -> iprouteDir(w).ifPresent(d -> g.iprouteUsrDir = Optional.of(d)))
                .applied(GlobalDefs::iprouteUsrDir)
            // keepalived's parent copies the configuration for its children and its check child; one JVM reads it once
            .accepted("tmp_config_directory")
                .unsupported("no temporary copy of the configuration (one process reads it once)")
            .on("use_symlink_paths", GlobalDefsKeywords::useSymlinkPaths)
                .applied(GlobalDefs::useSymlinkPaths)
            .on("state_dump_file", (g, w) -> dumpPath(w).ifPresent(p -> g.stateDumpFile = Optional.of(p)))
                .applied(GlobalDefs::stateDumpFile)
            .on("stats_dump_file", (g, w) -> dumpPath(w).ifPresent(p -> g.statsDumpFile = Optional.of(p)))
                .applied(GlobalDefs::statsDumpFile)
            .on("json_dump_file", (g, w) -> dumpPath(w).ifPresent(p -> g.jsonDumpFile = Optional.of(p)))
                .applied(GlobalDefs::jsonDumpFile)
            .accepted("dbus_no_interface_name")
                .unsupported("DBus")
            .accepted("snmp_rs_stats_update_interval", "snmp_vs_stats_update_interval")
                .unsupported("SNMP")
            .on("set_supplementary_groups", GlobalDefsKeywords::setSupplementaryGroups)
                .applied(GlobalDefs::setSupplementaryGroups)
            // keepalived's read_timer: 0.001 .. UINT_MAX microseconds; the uptime is read when VRRP first starts
            .on("vrrp_delay_after_boot", (g, w) -> {
                var d = w.seconds(0, 0.001, 4294.967295);
                if (d.isPresent()) {
                    g.delayAfterBoot = d.get();
                } else {
                    w.error("vrrp_delay_after_boot '" + w.arg(0).orElse("") + "' is invalid");
                }
            })
                .applied(GlobalDefs::vrrpDelayAfterBoot)
            // keepalived's handler takes no argument (any word after it is ignored): every instance's default
            .on("v3_checksum_as_v2", (g, w) -> g.v3ChecksumAsV2 = true)
                .applied(VrrpInstanceSpec::v3ChecksumAsV2)
            .build();

    /** keepalived's get_priority: a nice value in [-20, 19]; anything else leaves the process's nice unchanged (0). */
    private static void niceness(GlobalDefsDraft g, Words w) {
        String who = processName(w.keyword());
        if (w.count() == 0) {
            w.error("No " + who + " process priority specified");
            g.priority[proc(w.keyword())] = 0;
            return;
        }
        var v = w.intIn(0, -20, 19);
        if (v.isPresent()) {
            g.priority[proc(w.keyword())] = v.getAsInt();
        } else {
            w.error("Invalid " + who + " process priority specified");
            g.priority[proc(w.keyword())] = 0;
        }
    }

    /** keepalived 2.3.0: [BOOL]; a bad value leaves the setting as it was. */
    private static void useSymlinkPaths(GlobalDefsDraft g, Words w) {
        var v = w.arg(0).map(a -> a.toLowerCase(java.util.Locale.ROOT));
        if (v.isEmpty() || v.get().matches("yes|true|on")) {
            g.useSymlinkPaths = true;
        } else if (v.get().matches("no|false|off")) {
            g.useSymlinkPaths = false;
        } else {
            w.error("Invalid value '" + w.arg(0).get() + "' for global use_symlink_path specified");
        }
    }

    /** keepalived: exactly one word, the file (its directory is watched). */
    private static void reloadTimeFile(GlobalDefsDraft g, Words w) {
        if (w.count() != 1) {
            w.error("reload_time_file invalid");
            return;
        }
        g.reloadTimeFile = w.arg(0);
    }

    /** keepalived's set_dir: one trailing '/' goes. */
    private static String withoutTrailingSlash(String dir) {
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    /** keepalived: exactly one path. */
    private static Optional<String> iprouteDir(Words w) {
        if (w.count() != 1) {
            w.error(w.keyword() + " requires path");
            return Optional.empty();
        }
        return w.arg(0);
    }

    /** keepalived: no word means true; a word that is no boolean is an error and changes nothing. */
    private static void setSupplementaryGroups(GlobalDefsDraft g, Words w) {
        var a = w.arg(0);
        if (a.isEmpty()) {
            g.setSupplementaryGroups = true;
            return;
        }
        switch (a.get().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true", "on", "1" -> g.setSupplementaryGroups = true;
            case "no", "false", "off", "0" -> g.setSupplementaryGroups = false;
            default -> w.error("Invalid set_supplementary_groups parameter " + a.get());
        }
    }

    /** keepalived 2.3's handlers: exactly one, non-empty path. */
    private static Optional<String> dumpPath(Words w) {
        if (w.count() != 1 || w.arg(0).orElse("").isEmpty()) {
            w.error(w.keyword() + " requires a non-empty path");
            return Optional.empty();
        }
        return w.arg(0);
    }

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
            } else if (g.smtpServer.isEmpty() && !g.names.resolves(t.get())) {
                // keepalived resolves the name as it reads it, and goes on without an SMTP server
                w.error("Invalid smtp server " + t.get() + " " + w.arg(1).orElse("25"));
                return;
            } else if (g.smtpServer.isEmpty()) {
                g.smtpServerName = t;
            }
            if (w.arg(1).isPresent()) {
                w.intIn(1, 1, 65535).ifPresent(p -> g.smtpPort = p);
            }
        }
    }

    /** keepalived's nftables-only build: the no_accept rules go to nftables, in the default table. */
    private static void vrrpIptables(GlobalDefsDraft g, Words w) {
        w.error("iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with"
                + " 'nftables' config option");
        g.iptables = Optional.of(w.node().argTexts());
        g.nftables = Optional.of("keepalived");
        g.nftablesPriority = -1;
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
        w.arg(0).filter(o -> !o.equals("allow_if_changes"))
                .ifPresent(o -> w.error("Unknown dynamic_interfaces option '" + o + "'"));
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

    /**
     * keepalived's vrrp_min_garp: one gratuitous ARP/NA and no second burst - the repeat, refresh repeat and delay
     * that still have their defaults at this line become 1, 0 and 0 (later lines may set them again).
     */
    private static void vrrpMinGarp(GlobalDefsDraft g, Words w) {
        var value = w.arg(0).map(v -> v.toLowerCase(java.util.Locale.ROOT));
        if (value.isPresent() && !java.util.Set.of("yes", "true", "on", "1", "no", "false", "off", "0").contains(value.get())) {
            w.error("Invalid value for vrrp_min_garp specified");
            return;
        }
        if (value.isPresent() && java.util.Set.of("no", "false", "off", "0").contains(value.get())) {
            return;
        }
        g.minGarp = true;
        if (g.garpRepeat == GlobalDefsDraft.DEFAULT_GARP_REPEAT) {
            g.garpRepeat = 1;
        }
        if (g.garpRefreshRepeat == GlobalDefsDraft.DEFAULT_GARP_REFRESH_REPEAT) {
            g.garpRefreshRepeat = 0;
        }
        if (g.garpDelay.equals(GlobalDefsDraft.DEFAULT_GARP_DELAY)) {
            g.garpDelay = java.time.Duration.ZERO;
        }
    }

    /** keepalived's save_process_name: a missing name is an error, a longer one is cut to the kernel's 15 bytes. */
    private static Optional<String> processName(Words w) {
        var name = w.arg(0);
        if (name.isEmpty()) {
            w.error("Process name missing");
            return Optional.empty();
        }
        if (name.get().length() >= 16) {
            w.error("Process name " + name.get() + " more than 15 characters, truncating");
            return Optional.of(name.get().substring(0, 15));
        }
        return name;
    }

    private static void vrrpDownTimerAdverts(GlobalDefsDraft g, Words w) {
        var v = w.intIn(0, 1, 100);
        if (v.isPresent()) {
            g.downTimerAdverts = v.getAsInt();
        } else {
            w.error("Invalid vrrp_down_timer_adverts [1:100] '" + w.arg(0).orElse("") + "'");
        }
    }

    /** keepalived's vrrp_vmac_addr_prefix_handler: the first one counts. */
    private static void vmacAddrPrefix(GlobalDefsDraft g, Words w) {
        var prefix = w.required(0);
        if (prefix.isEmpty()) {
            return;
        }
        if (g.vmacAddrPrefix.isPresent()) {
            w.error("vmac_addr prefix has already been specified - ignoring " + prefix.get());
            return;
        }
        g.vmacAddrPrefix = prefix;
    }

    /** keepalived's disable_local_igmp_handler: refused when the kernel has no igmp_link_local_mcast_reports. */
    private static void disableLocalIgmp(GlobalDefsDraft g, Words w) {
        if (!java.nio.file.Files.isWritable(java.nio.file.Path.of("/proc/sys/net/ipv4/igmp_link_local_mcast_reports"))) {
            w.error("kernel does not support /proc/sys/net/ipv4/igmp_link_local_mcast_reports");
            return;
        }
        g.disableLocalIgmp = true;
    }

    /** keepalived's vrrp_vmac_garp_extra_if_handler: "all" and/or the interval in any order, 1..86400 s required. */
    private static void vrrpGarpExtraIf(GlobalDefsDraft g, Words w) {
        if (w.keyword().equals("vrrp_vmac_garp_intvl")) {
            w.warning("Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"");
        }
        boolean all = false;
        long secs = 0;
        for (int i = 0; i < w.count(); i++) {
            String word = w.arg(i).orElseThrow();
            if (word.equals("all")) {
                all = true;
                continue;
            }
            var v = w.integer(word, 1, 86400);
            if (v.isEmpty()) {
                w.error(w.keyword() + " '" + word + "' invalid - ignoring");
                return;
            }
            secs = v.getAsLong();
        }
        if (secs == 0) {
            w.error(w.keyword() + " specified without time - ignoring");
            return;
        }
        g.garpExtraIf = Optional.of(Duration.ofSeconds(secs));
        g.garpExtraIfAll = all;
    }

    private static void vrrpVersion(GlobalDefsDraft g, Words w) {
        var v = w.intIn(0, 2, 3);
        if (v.isPresent()) {
            g.vrrpVersion = v.getAsInt();
        } else {
            w.error("VRRP Error: Version must be either 2 or 3");
        }
    }

    /** keepalived's vrrp_nftables_handler: the table name (default keepalived) once; a second line is ignored. */
    private static void nftables(GlobalDefsDraft g, Words w) {
        if (g.nftables.isPresent()) {
            w.error("nftables already specified - ignoring");
            return;
        }
        String name = w.arg(0).orElse("keepalived");
        if (name.length() >= NFT_TABLE_MAXNAMELEN) {
            w.error("nftables table name too long - ignoring");
            return;
        }
        g.nftables = Optional.of(name);
    }

    /** keepalived's read_int_strvec without its own report: one line, keepalived's. */
    private static void nftablesPriority(GlobalDefsDraft g, Words w) {
        String text = w.arg(0).orElse("");
        try {
            g.nftablesPriority = Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            w.error("invalid nftables chain priority '" + text + "'");
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

    /** keepalived's min_auto_priority_delay_handler: microseconds in [1, 10000000]. */
    private static void minAutoPriorityDelay(GlobalDefsDraft g, Words w) {
        if (w.arg(0).isEmpty()) {
            w.error("min_auto_priority_delay requires delay time");
            return;
        }
        var v = w.integer(0, 1, 10_000_000);
        if (v.isPresent()) {
            g.minAutoPriorityDelay = Duration.ofNanos(v.getAsLong() * 1000);
        } else {
            w.error("min_auto_priority_delay '" + w.arg(0).get() + "' must be in [1, 10000000] - ignoring");
        }
    }

    /** keepalived's get_realtime_priority: outside [1, 99] is clamped to it, a non-number is refused. */
    private static void rtPriority(GlobalDefsDraft g, Words w) {
        String who = processName(w.keyword());
        if (w.count() == 0) {
            w.error("No " + who + " process real-time priority specified");
            return;
        }
        var v = w.integer(0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (v.isEmpty()) {
            w.error(who + " process real-time priority '" + w.arg(0).orElse("") + "' invalid");
            return;
        }
        long p = v.getAsLong();
        if (p > 99) {
            w.error(who + " process real-time priority " + p + " greater than maximum 99 - setting to maximum");
            p = 99;
        } else if (p < 1) {
            w.error(who + " process real-time priority " + p + " less than minimum 1 - setting to minimum");
            p = 1;
        }
        g.rtPriority[proc(w.keyword())] = (int) p;
    }

    /**
     * keepalived's get_rt_rlimit: microseconds in [1, 2^32-1], 1 taken as 2 (the soft limit is half); an invalid
     * value is 0, which (as in keepalived) sets no RLIMIT_RTTIME at all.
     */
    private static void rlimitRttime(GlobalDefsDraft g, Words w) {
        var v = w.integer(0, 1, 4294967295L);
        if (v.isPresent()) {
            g.rlimit[proc(w.keyword())] = Math.max(2, v.getAsLong());
        } else {
            w.error("Invalid " + processName(w.keyword()) + " real-time limit - " + w.arg(0).orElse(""));
            g.rlimit[proc(w.keyword())] = 0;
        }
    }

    /**
     * keepalived's get_cpu_affinity: CPU numbers each below the number of online CPUs; one bad number empties the
     * set (the thread's affinity is then left alone).
     */
    private static void cpuAffinity(GlobalDefsDraft g, Words w) {
        String who = processName(w.keyword());
        if (w.count() == 0) {
            w.error("No " + who + " cpu_id set specified");
            return;
        }
        var cpus = new java.util.TreeSet<Integer>();
        int online = onlineCpus();
        for (int i = 0; i < w.count(); i++) {
            // read_int_strvec's words: a negative id is "outside range", not read_unsigned's "negative number"
            var v = w.integer(i, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > online - 1)) {
                w.error("number '" + w.arg(i).orElse("") + "' outside range [0, " + (online - 1) + "]");
                v = java.util.OptionalLong.empty();
            }
            if (v.isEmpty()) {
                w.error("Invalid cpu_id:" + leadingNumber(w.arg(i).orElse("")) + " specified for " + who + " process");
                g.cpuAffinity.set(proc(w.keyword()), List.of());
                return;
            }
            cpus.add((int) v.getAsLong());
        }
        g.cpuAffinity.set(proc(w.keyword()), List.copyOf(cpus));
    }

    /** What C's strtol makes of {@code text} (the number keepalived names in its message): its leading digits. */
    private static long leadingNumber(String text) {
        var m = java.util.regex.Pattern.compile("^\\s*([+-]?[0-9]+)").matcher(text);
        if (!m.find()) {
            return 0;
        }
        try {
            return (int) Long.parseLong(m.group(1).replace("+", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How many CPUs are online, as sysconf(_SC_NPROCESSORS_ONLN) counts them (/sys/devices/system/cpu/online). */
    private static int onlineCpus() {
        try {
            int count = 0;
            for (String range : java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/online"))
                    .trim().split(",")) {
                String[] ends = range.split("-");
                count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
            return count;
        } catch (java.io.IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String processName(String keyword) {
        return keyword.startsWith("vrrp") ? "vrrp" : keyword.startsWith("checker") ? "checker" : "bfd";
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

    /** keepalived's vrrp_rx_bufs_multiplier: exactly one unsigned word, at least 1. */
    private static void rxBufsMultiplier(GlobalDefsDraft g, Words w) {
        if (w.count() != 1) {
            w.error("Invalid vrrp_rx_bufs_multiplier");
            return;
        }
        var v = unsigned(w, w.arg(0).orElseThrow(), 1);
        if (v.isEmpty()) {
            w.error("Invalid vrrp_rx_bufs_multiplier " + w.arg(0).orElseThrow());
            return;
        }
        g.rxBufsMultiplier = (int) Math.min(v.getAsLong(), Integer.MAX_VALUE);   // a buffer that big is capped anyway
    }

    /**
     * keepalived's vrrp_rx_bufs_policy: MTU, ADVERT and a size add up over the words (and lines); a size then wins
     * over MTU/ADVERT, MTU over ADVERT, each with an error. As keepalived, a size is always read from the first word.
     */
    private static void rxBufsPolicy(GlobalDefsDraft g, Words w) {
        if (w.count() < 1) {
            w.error("vrrp_rx_bufs_policy missing");
            return;
        }
        boolean mtu = g.rxBufsPolicy instanceof SocketBuffers.RxBufsPolicy.Mtu;
        boolean advert = g.rxBufsPolicy instanceof SocketBuffers.RxBufsPolicy.Advert;
        Long size = g.rxBufsPolicy instanceof SocketBuffers.RxBufsPolicy.Size(long bytes) ? bytes : null;
        for (int i = 0; i < w.count(); i++) {
            String word = w.arg(i).orElseThrow();
            if (word.equalsIgnoreCase("MTU")) {
                mtu = true;
            } else if (word.equalsIgnoreCase("ADVERT")) {
                advert = true;
            } else {
                var v = unsigned(w, w.arg(0).orElseThrow(), 0);
                if (v.isEmpty()) {
                    w.error("Invalid vrrp_rx_bufs_policy " + word);
                } else {
                    size = v.getAsLong();
                }
            }
        }
        if (size != null && (mtu || advert)) {
            w.error("Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy");
        } else if (mtu && advert) {
            w.error("Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT");
        }
        g.rxBufsPolicy = size != null ? new SocketBuffers.RxBufsPolicy.Size(size)
                : mtu ? new SocketBuffers.RxBufsPolicy.Mtu()
                : advert ? new SocketBuffers.RxBufsPolicy.Advert()
                : SocketBuffers.RxBufsPolicy.NONE;
    }

    /** keepalived's {@code <type>_rcv_bufs SIZE}: unsigned; 0 leaves it unset. */
    private static void rcvBufs(GlobalDefsDraft g, Words w) {
        String type = w.keyword().substring(0, w.keyword().length() - "_rcv_bufs".length());
        if (w.count() < 1) {
            w.error(type + "_rcv_bufs size missing");
            return;
        }
        var v = unsigned(w, w.arg(0).orElseThrow(), 0);
        if (v.isEmpty()) {
            w.error(type + "_rcv_bufs size (" + w.arg(0).orElseThrow() + ") invalid");
        } else if (v.getAsLong() != 0) {
            g.rcvBufs.put(w.keyword(), v.getAsLong());
        }
    }

    /** keepalived's {@code <type>_rcv_bufs_force [BOOL]}: SO_RCVBUFFORCE instead of SO_RCVBUF. */
    private static void rcvBufsForce(GlobalDefsDraft g, Words w) {
        // keepalived's check_true_false: these six words only, case-sensitive
        var a = w.arg(0);
        boolean force = a.isEmpty() || a.get().equals("true") || a.get().equals("on") || a.get().equals("yes");
        if (!force && !a.get().equals("false") && !a.get().equals("off") && !a.get().equals("no")) {
            w.error("Invalid value '" + a.get() + "' for global " + w.keyword() + " specified");
            return;
        }
        g.rcvBufsForce.put(w.keyword(), force);
    }

    /** An unsigned 32-bit number of at least {@code min}, with keepalived's read_unsigned words when it is not. */
    private static java.util.OptionalLong unsigned(Words w, String text, long min) {
        try {
            if (Long.parseLong(text.startsWith("+") ? text.substring(1) : text) > 0xffff_ffffL) {
                w.error("number '" + text + "' outside unsigned integer range");
                return java.util.OptionalLong.empty();
            }
        } catch (NumberFormatException e) {
            // Words.integer words it
        }
        return w.integer(text, min, 0xffff_ffffL);
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

    /** vrrp_garp_interval / vrrp_gna_interval: 1 us to UINT_MAX us, keepalived's words when invalid. */
    private static java.util.Optional<java.time.Duration> interval(Words w) {
        var text = w.required(0);
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        var d = w.seconds(text.get(), 0.000001, 4294.967295);
        if (d.isEmpty()) {
            w.error(w.keyword() + " '" + text.get() + "' is invalid");
        }
        return d;
    }
}
