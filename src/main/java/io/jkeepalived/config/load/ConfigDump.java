package io.jkeepalived.config.load;

import io.jkeepalived.config.build.Addresses;
import io.jkeepalived.config.build.KeywordStatuses;
import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.SocketBuffers;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.RealServerSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * keepalived's {@code -d} configuration dump: "------< Global definitions >------", "VRRP Topology",
 * "LVS Topology", with every default filled in. Global definitions and VRRP instance lines follow
 * keepalived 2.2.7's wording line for line (minus lines that describe runtime state - sockets, source
 * addresses picked from interfaces; checked against a real keepalived -d). The LVS part uses the words of
 * keepalived's dump_vs()/dump_rs() (read from its source, not checked against a recorded dump), with each
 * real server's checkers listed under it.
 */
public final class ConfigDump {
    private ConfigDump() {
    }

    public static List<String> render(KeepalivedConfig config) {
        return render(config, LvsSettingsInForce.AS_CONFIGURED);
    }

    /** @param lvs what the LVS data plane in use applies: the rest is left out or said to be not in force */
    public static List<String> render(KeepalivedConfig config, LvsSettingsInForce lvs) {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            host = "localhost";
        }
        return render(config, host, lvs);
    }

    public static List<String> render(KeepalivedConfig c, String hostname) {
        return render(c, hostname, LvsSettingsInForce.AS_CONFIGURED);
    }

    public static List<String> render(KeepalivedConfig c, String hostname, LvsSettingsInForce lvs) {
        var out = new ArrayList<String>();
        globals(c, hostname, out);
        if (!c.vrrpInstances().isEmpty() || !c.vrrpSyncGroups().isEmpty()) {
            vrrp(c, out);
        }
        if (!c.virtualServers().isEmpty()) {
            lvs(c, lvs, out);
        }
        return out;
    }

    /** Adds {@code line} only when {@code keyword} takes effect: -d prints only what is in force. */
    private static void netlinkBuffer(List<String> out, String type, SocketBuffers.NetlinkBuffer b) {
        inForce(out, "global_defs", type + "_rcv_bufs", " " + type + "_rcv_bufs = " + b.size());
        inForce(out, "global_defs", type + "_rcv_bufs_force", " " + type + "_rcv_bufs_force = " + (b.force() ? 1 : 0));
    }

    private static void inForce(List<String> out, String block, String keyword, String line) {
        if (KeywordStatuses.inForce(block, keyword)) {
            out.add(line);
        }
    }

    private static String secs(Duration d) {
        if (d.getNano() == 0) {
            return Long.toString(d.getSeconds());
        }
        return String.format(Locale.ROOT, "%f", d.toNanos() / 1e9);
    }

    /** keepalived's get_process_cpu_affinity_string: each CPU followed by a space. */
    private static String cpuList(List<Integer> cpus) {
        var text = new StringBuilder();
        cpus.forEach(c -> text.append(c).append(' '));
        return text.toString();
    }

    private static String tf(boolean b) {
        return b ? "true" : "false";
    }

    private static String alert(java.util.Optional<Boolean> b) {
        return b.map(v -> v ? "true" : "false").orElse("unset");
    }

    private static void globals(KeepalivedConfig c, String hostname, List<String> out) {
        GlobalDefs g = c.globalDefs();
        out.add("------< Global definitions >------");
        g.reload().saveDir().ifPresent(d -> out.add(" Config save dir = " + d));
        inForce(out, "ROOT", "net_namespace", " Network namespace = " + c.root().netNamespace().orElse("(default)"));
        inForce(out, "ROOT", "net_namespace_ipvs", " Network namespace ipvs = " + c.root().netNamespaceIpvs()
                .map(s -> s.isEmpty() ? "(default)" : s).orElse("(main namespace)"));
        out.add(" Router ID = " + g.routerId().orElse(hostname));
        if (g.smtpServer().isPresent() || g.smtpServerName().isPresent()) {
            out.add(" Smtp server = " + g.smtpServer().map(a -> Addresses.format(a)).orElse(g.smtpServerName().orElse("")));
            out.add(" Smtp server port = " + g.smtpServerPort());
        }
        out.add(" Smtp HELO name = " + g.smtpHeloName().orElse(hostname));
        out.add(" Smtp server connection timeout = " + g.smtpConnectTimeout().getSeconds());
        out.add(" Email notification from = " + g.notificationEmailFrom().orElse("keepalived@" + hostname));
        if (!g.notificationEmail().isEmpty()) {
            out.add(" Email notification to:");
            g.notificationEmail().forEach(e -> out.add("   " + e));
        }
        out.add(" Default smtp_alert = " + alert(g.smtpAlert()));
        out.add(" Default smtp_alert_vrrp = " + alert(g.smtpAlertVrrp()));
        out.add(" Default smtp_alert_checker = " + alert(g.smtpAlertChecker()));
        out.add(" Checkers log all failures = " + tf(g.checkerLogAllFailures()));
        inForce(out, "global_defs", "reload_check_config", g.reload().checkConfigLog()
                .map(log -> " Test config before reload, log to " + log).orElse(" No test config before reload"));
        g.reload().timeFile().ifPresent(f -> out.add(" Reload time file = " + f + (g.reload().repeat() ? " (repeat)" : "")));
        g.reload().reloadFile().filter(f -> !f.isEmpty()).ifPresent(f -> out.add(" Reload_file = " + f));
        inForce(out, "global_defs", "dynamic_interfaces", " Dynamic interfaces = " + tf(g.dynamicInterfaces()));
        if (g.dynamicInterfaces()) {
            inForce(out, "global_defs", "dynamic_interfaces", " Allow interface changes = " + tf(g.dynamicInterfacesAllowIfChanges()));
        }
        inForce(out, "global_defs", "default_interface", " Default interface = " + g.defaultInterface());
        inForce(out, "global_defs", "disable_local_igmp", " Disable local IGMP = " + (g.disableLocalIgmp() ? "yes" : "no"));
        inForce(out, "global_defs", "lvs_flush", " LVS flush = " + tf(g.lvsFlush()));
        inForce(out, "global_defs", "lvs_flush_on_stop", " LVS flush on stop = " + g.lvsFlushOnStop().map(s -> s.equalsIgnoreCase("VS") ? "VS" : "all").orElse("disabled"));
        inForce(out, "global_defs", "fifo_write_vrrp_states_on_reload", " FIFO write vrrp states on reload = " + tf(g.fifoWriteVrrpStatesOnReload()));
        inForce(out, "global_defs", "vrrp_notify_priority_changes", " VRRP notify priority changes = " + tf(g.vrrpNotifyPriorityChanges()));
        inForce(out, "global_defs", "vrrp_mcast_group4", " VRRP IPv4 mcast group = " + Addresses.format(g.vrrpMcastGroup4()));
        inForce(out, "global_defs", "vrrp_mcast_group6", " VRRP IPv6 mcast group = " + Addresses.format(g.vrrpMcastGroup6()));
        out.add(" Gratuitous ARP delay = " + secs(g.garp().masterDelay()));
        out.add(" Gratuitous ARP repeat = " + g.garp().masterRepeat());
        out.add(" Gratuitous ARP refresh timer = " + secs(g.garp().masterRefresh()));
        out.add(" Gratuitous ARP refresh repeat = " + g.garp().masterRefreshRepeat());
        out.add(" Gratuitous ARP lower priority delay = " + secs(g.garp().lowerPrioDelay()));
        out.add(" Gratuitous ARP lower priority repeat = " + g.garp().lowerPrioRepeat());
        out.add(" Num adverts before down = " + g.vrrpDownTimerAdverts());
        inForce(out, "global_defs", "vrrp_garp_extra_if", " Gratuitous ARP for each secondary VMAC = " + g.vrrpGarpExtraIf().map(ConfigDump::secs).orElse("0") + "s");
        out.add(" Send advert after receive lower priority advert = " + tf(!g.vrrpLowerPrioNoAdvert()));
        out.add(" Send advert after receive higher priority advert = " + tf(g.vrrpHigherPrioSendAdvert()));
        inForce(out, "global_defs", "vrrp_garp_interval", String.format(Locale.ROOT, " Gratuitous ARP interval = %f", g.vrrpGarpInterval().toNanos() / 1e9));
        inForce(out, "global_defs", "vrrp_gna_interval", String.format(Locale.ROOT, " Gratuitous NA interval = %f", g.vrrpGnaInterval().toNanos() / 1e9));
        out.add(" VRRP default protocol version = " + g.vrrpVersion());
        g.nftables().ifPresent(table -> {
            out.add(" nftables table name = " + table);
            out.add(" nftables base chain priority = " + g.nftablesPriority());
            out.add(" nftables " + (g.nftablesIfindex() ? "" : "don't ") + "force use ifindex for link local IPv6");
        });
        inForce(out, "global_defs", "nftables_counters", g.nftablesCounters() ? " nftables with counters" : " nftables without counters");
        inForce(out, "global_defs", "vrrp_check_unicast_src", " VRRP check unicast_src = " + tf(g.vrrpCheckUnicastSrc()));
        out.add(" VRRP skip check advert addresses = " + tf(g.vrrpSkipCheckAdvAddr()));
        out.add(" VRRP strict mode = " + tf(g.vrrpStrict()));
        inForce(out, "global_defs", "max_auto_priority", " Max auto priority = " + g.maxAutoPriority());
        inForce(out, "global_defs", "min_auto_priority_delay", " Min auto priority delay = " + g.minAutoPriorityDelay().toNanos() / 1000 + " usecs");
        inForce(out, "global_defs", "vrrp_priority", " VRRP process priority = " + g.vrrpPriority());
        inForce(out, "global_defs", "vrrp_no_swap", " VRRP don't swap = " + tf(g.vrrpNoSwap()));
        inForce(out, "global_defs", "vrrp_rt_priority", " VRRP realtime priority = " + g.vrrpRtPriority());
        if (!g.vrrpCpuAffinity().isEmpty()) {
            inForce(out, "global_defs", "vrrp_cpu_affinity", " VRRP CPU Affinity = " + cpuList(g.vrrpCpuAffinity()));
        }
        inForce(out, "global_defs", "vrrp_rlimit_rttime", " VRRP realtime limit = " + g.vrrpRlimitRttime());
        inForce(out, "global_defs", "checker_priority", " Checker process priority = " + g.checkerPriority());
        inForce(out, "global_defs", "checker_no_swap", " Checker don't swap = " + tf(g.checkerNoSwap()));
        inForce(out, "global_defs", "checker_rt_priority", " Checker realtime priority = " + g.checkerRtPriority());
        if (!g.checkerCpuAffinity().isEmpty()) {
            inForce(out, "global_defs", "checker_cpu_affinity", " Checker CPU Affinity = " + cpuList(g.checkerCpuAffinity()));
        }
        inForce(out, "global_defs", "checker_rlimit_rttime", " Checker realtime limit = " + g.checkerRlimitRttime());
        inForce(out, "global_defs", "bfd_priority", " BFD process priority = " + g.bfdPriority());
        inForce(out, "global_defs", "bfd_no_swap", " BFD don't swap = " + tf(g.bfdNoSwap()));
        inForce(out, "global_defs", "bfd_rt_priority", " BFD realtime priority = " + g.bfdRtPriority());
        inForce(out, "global_defs", "bfd_rlimit_rttime", " BFD realtime limit = " + g.bfdRlimitRttime());
        inForce(out, "global_defs", "enable_snmp_vrrp", " SNMP vrrp " + (g.enableSnmpVrrp() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "enable_snmp_checker", " SNMP checker " + (g.enableSnmpChecker() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "enable_snmp_rfcv2", " SNMP RFCv2 " + (g.enableSnmpRfcv2() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "enable_snmp_rfcv3", " SNMP RFCv3 " + (g.enableSnmpRfcv3() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "enable_traps", " SNMP traps " + (g.enableTraps() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "snmp_socket", " SNMP socket = " + g.snmpSocket().orElse("default (unix:/var/agentx/master)"));
        inForce(out, "global_defs", "enable_dbus", " DBus " + (g.enableDbus() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "dbus_service_name", " DBus service name = " + g.dbusServiceName().orElse(""));
        inForce(out, "global_defs", "enable_script_security", " Script security " + (g.enableScriptSecurity() ? "enabled" : "disabled"));
        inForce(out, "global_defs", "script_user", " Default script uid:gid " + g.scriptUser().map(u -> u + ":" + g.scriptGroup().orElse(u)).orElse("0:0"));
        var buffers = g.socketBuffers();
        netlinkBuffer(out, "vrrp_netlink_cmd", buffers.vrrpNetlinkCmd());
        netlinkBuffer(out, "vrrp_netlink_monitor", buffers.vrrpNetlinkMonitor());
        netlinkBuffer(out, "process_monitor", buffers.processMonitor());
        netlinkBuffer(out, "lvs_netlink_cmd", buffers.lvsNetlinkCmd());
        netlinkBuffer(out, "lvs_netlink_monitor", buffers.lvsNetlinkMonitor());
        out.add(" rs_init_notifies = " + (g.rsInitNotifies() ? 1 : 0));
        out.add(" no_checker_emails = " + (g.noCheckerEmails() ? 1 : 0));
        switch (buffers.vrrpRxPolicy()) {
            case SocketBuffers.RxBufsPolicy.Mtu() -> out.add(" rx_bufs_policy = MTU");
            case SocketBuffers.RxBufsPolicy.Advert() -> out.add(" rx_bufs_policy = ADVERT");
            case SocketBuffers.RxBufsPolicy.Size(long bytes) -> out.add(" rx_bufs_size = " + bytes);
            case SocketBuffers.RxBufsPolicy.Unset() -> { }
        }
        inForce(out, "global_defs", "vrrp_rx_bufs_multiplier", " rx_bufs_multiples = " + g.vrrpRxBufsMultiplier());
        inForce(out, "global_defs", "umask", String.format(Locale.ROOT, " umask = 0%o", g.umask()));
    }

    private static void vrrp(KeepalivedConfig c, List<String> out) {
        out.add("------< VRRP Topology >------");
        for (var i : c.vrrpInstances()) {
            instance(i, c.globalDefs(), out);
        }
        if (!c.vrrpSyncGroups().isEmpty()) {
            out.add("------< VRRP Sync groups >------");
            for (var g : c.vrrpSyncGroups()) {
                out.add(" VRRP Sync Group = " + g.name() + ", BACKUP");
                out.add("   VRRP member instances = " + g.members().size());
                g.members().forEach(m -> out.add("     " + m));
                g.notifyScripts().backup().ifPresent(s -> out.add("   Backup state transition script = " + s.commandLine()));
                g.notifyScripts().master().ifPresent(s -> out.add("   Master state transition script = " + s.commandLine()));
                g.notifyScripts().fault().ifPresent(s -> out.add("   Fault state transition script = " + s.commandLine()));
                g.notifyScripts().stop().ifPresent(s -> out.add("   Stop state transition script = " + s.commandLine()));
                g.notifyScripts().generic().ifPresent(s -> out.add("   Generic state transition script = " + s.commandLine()));
            }
        }
        if (!c.vrrpScripts().isEmpty()) {
            out.add("------< VRRP Scripts >------");
            for (var s : c.vrrpScripts()) {
                out.add(" VRRP Script = " + s.name());
                out.add("   Command = " + s.script().commandLine());
                out.add("   Interval = " + secs(s.interval()) + " sec");
                out.add("   Timeout = " + secs(s.timeout()) + " sec");
                out.add("   Weight = " + s.weight() + (s.weightReverse() ? " reverse" : ""));
                out.add("   Rise = " + s.rise());
                out.add("   Fall = " + s.fall());
                out.add("   Insecure = no");
                out.add("   Status = " + (s.initFail() ? "INIT FAILED" : "INIT"));
                out.add("   Script uid:gid = " + s.script().user().map(u -> u + ":" + s.script().group().orElse(u)).orElse("0:0"));
            }
        }
    }

    private static void instance(VrrpInstanceSpec i, GlobalDefs g, List<String> out) {
        out.add(" VRRP Instance = " + i.name());
        out.add("   VRRP Version = " + i.version());
        out.add("   Flags: none");
        out.add("   Wantstate = " + i.initialState());
        out.add("   Number of config faults = " + i.configFaults());
        i.interfaceName().ifPresent(n -> out.add("   Interface = " + n));
        i.mcastSrcIp().or(i::unicastSrcIp).ifPresent(a -> out.add("   Using src_ip = " + Addresses.format(a)));
        if (!i.isUnicast()) {
            out.add("   Multicast address " + Addresses.format(multicastGroup(i, g)));
        }
        out.add("   Gratuitous ARP delay = " + secs(i.garp().masterDelay()));
        out.add("   Gratuitous ARP repeat = " + i.garp().masterRepeat());
        out.add("   Gratuitous ARP refresh = " + secs(i.garp().masterRefresh()));
        out.add("   Gratuitous ARP refresh repeat = " + i.garp().masterRefreshRepeat());
        out.add("   Gratuitous ARP lower priority delay = " + secs(i.garp().lowerPrioDelay()));
        out.add("   Gratuitous ARP lower priority repeat = " + i.garp().lowerPrioRepeat());
        out.add("   Down timer adverts = " + i.downTimerAdverts());
        out.add("   Send advert after receive lower priority advert = " + tf(!i.lowerPrioNoAdvert()));
        out.add("   Send advert after receive higher priority advert = " + tf(i.higherPrioSendAdvert()));
        out.add("   Virtual Router ID = " + i.virtualRouterId());
        out.add("   Priority = " + i.priority());
        var adv = i.advertInterval();
        out.add("   Advert interval = " + (adv.getNano() == 0 ? adv.getSeconds() + " sec" : adv.toMillis() + " milli-sec"));
        out.add("   Accept = " + (i.accept() ? "enabled" : "disabled"));
        out.add("   Preempt = " + (i.preempt() ? "enabled" : "disabled"));
        if (!i.preemptDelay().isZero()) {
            out.add("   Preempt delay = " + secs(i.preemptDelay()) + " secs");
        }
        inForce(out, "vrrp_instance", "promote_secondaries", "   Promote_secondaries = " + (i.promoteSecondaries() ? "enabled" : "disabled"));
        if (i.authentication().isPresent()) {
            var a = i.authentication().get();
            out.add("   Authentication type = " + (a.type() == AuthSpec.Type.PASS ? "SIMPLE_PASSWORD" : "IPSEC_AH"));
            if (a.type() == AuthSpec.Type.PASS) {
                out.add("   Password = " + a.password());
            }
        } else {
            out.add("   Authentication type = none");
        }
        track("   Tracked interfaces", i.trackInterfaces(), out);
        track("   Tracked scripts", i.trackScripts(), out);
        track("   Tracked files", i.trackFiles(), out);
        if (KeywordStatuses.inForce("vrrp_instance", "track_process")) {
            track("   Tracked processes", i.trackProcesses(), out);
        }
        if (KeywordStatuses.inForce("vrrp_instance", "track_bfd")) {
            track("   Tracked BFDs", i.trackBfds(), out);
        }
        if (!i.unicastPeers().isEmpty()) {
            out.add("   Unicast Peer = " + i.unicastPeers().size());
            i.unicastPeers().forEach(p -> out.add("    " + Addresses.format(p.address())));
        }
        vips("   Virtual IP", i.virtualIpAddresses(), i, g, out);
        vips("   Virtual IP Excluded", i.virtualIpAddressesExcluded(), i, g, out);
        if (!i.virtualRoutes().isEmpty() && KeywordStatuses.inForce("vrrp_instance", "virtual_routes")) {
            out.add("   Virtual Routes (" + i.virtualRoutes().size() + "):");
            i.virtualRoutes().forEach(r -> out.add("    " + String.join(" ", r.words())));
        }
        if (!i.virtualRules().isEmpty() && KeywordStatuses.inForce("vrrp_instance", "virtual_rules")) {
            out.add("   Virtual Rules (" + i.virtualRules().size() + "):");
            i.virtualRules().forEach(r -> out.add("    " + String.join(" ", r.words())
                    + (r.preferenceWasSet() ? "" : " preference " + r.preference())));
        }
        var n = i.notifyScripts();
        n.backup().ifPresent(s -> out.add("   Backup state transition script = " + s.commandLine()));
        n.master().ifPresent(s -> out.add("   Master state transition script = " + s.commandLine()));
        n.fault().ifPresent(s -> out.add("   Fault state transition script = " + s.commandLine()));
        n.stop().ifPresent(s -> out.add("   Stop state transition script = " + s.commandLine()));
        n.generic().ifPresent(s -> out.add("   Generic state transition script = '" + s.commandLine() + "'"));
        out.add("   Using smtp notification = " + (i.smtpAlert() ? "yes" : "no"));
        inForce(out, "vrrp_instance", "notify_deleted", "   Notify deleted = " + (n.notifyDeletedSet() ? "Deleted" : "Fault"));
        inForce(out, "vrrp_instance", "notify_priority_changes", "   Notify priority changes = " + tf(i.notifyPriorityChanges()));
    }

    /** The group adverts go to: the configured one where those keywords are in force, else VRRP's own. */
    private static java.net.InetAddress multicastGroup(VrrpInstanceSpec i, GlobalDefs g) {
        boolean v4 = i.family() == io.jkeepalived.config.model.AddressFamily.INET;
        if (i.mcastDstIp().isPresent() && KeywordStatuses.inForce("vrrp_instance", "mcast_dst_ip")) {
            return i.mcastDstIp().get();
        }
        if (KeywordStatuses.inForce("global_defs", v4 ? "vrrp_mcast_group4" : "vrrp_mcast_group6")) {
            return v4 ? g.vrrpMcastGroup4() : g.vrrpMcastGroup6();
        }
        return Addresses.parse(v4 ? "224.0.0.18" : "ff02::12").orElseThrow();
    }

    private static void track(String title, List<TrackRef> refs, List<String> out) {
        if (refs.isEmpty()) {
            return;
        }
        out.add(title + " :");
        refs.forEach(r -> out.add("    " + r.name() + " weight " + (r.weight().isPresent() ? r.weight().getAsInt() : 0)
                + (r.reverse() ? " reverse" : "")));
    }

    private static void vips(String title, List<VirtualIpSpec> vips, VrrpInstanceSpec i, GlobalDefs g, List<String> out) {
        if (vips.isEmpty()) {
            return;
        }
        out.add(title + " (" + vips.size() + "):");
        for (var v : vips) {
            var sb = new StringBuilder("     ").append(Addresses.format(v.address()));
            int max = v.address().getAddress().length * 8;
            if (v.prefixLength() != max) {
                sb.append('/').append(v.prefixLength());
            }
            v.broadcast().ifPresent(b -> sb.append(" brd ").append(Addresses.format(b)));
            sb.append(" dev ").append(v.dev().or(i::interfaceName).orElse(g.defaultInterface()));
            sb.append(" scope ").append(v.scope().keyword());
            v.label().ifPresent(l -> sb.append(" label ").append(l));
            v.peer().ifPresent(p -> sb.append(" peer ").append(Addresses.format(p)));
            if (v.noTrack()) {
                sb.append(" no_track");
            }
            out.add(sb.toString());
        }
    }

    private static void lvs(KeepalivedConfig c, LvsSettingsInForce lvs, List<String> out) {
        out.add("------< LVS Topology >------");
        out.add(" System is compiled with LVS v1.2.1");
        for (var vsg : c.virtualServerGroups()) {
            out.add(" Virtual Server Group = " + vsg.name());
            for (var e : vsg.entries()) {
                switch (e) {
                    case io.jkeepalived.config.model.VirtualServerGroupSpec.AddressRange r -> out.add("   VIP Range = "
                            + Addresses.format(r.first()) + (r.first().equals(r.last()) ? "" : "-" + Addresses.format(r.last()))
                            + ", VPORT = " + r.port());
                    case io.jkeepalived.config.model.VirtualServerGroupSpec.Fwmark f -> out.add("   FWMARK = " + f.mark());
                }
            }
        }
        for (var vs : c.virtualServers()) {
            virtualServer(vs, lvs, out);
        }
    }

    private static String method(io.jkeepalived.config.model.ForwardingMethod m) {
        return m.kind().name();
    }

    private static String method(io.jkeepalived.config.model.ForwardingMethod m, LvsSettingsInForce lvs) {
        return method(m) + lvs.forwarding(m).map(r -> " (not in force on this backend: " + r + ")").orElse("");
    }

    private static String script(io.jkeepalived.config.model.ScriptSpec s) {
        return s.commandLine() + ", uid:gid " + s.user().map(u -> u + ":" + s.group().orElse(u)).orElse("0:0");
    }

    private static String enabled(boolean b) {
        return b ? "enabled" : "disabled";
    }

    /** keepalived's dump_vs(): "------< Virtual server >------" and its fields, in its order and words. */
    private static void virtualServer(VirtualServerSpec vs, LvsSettingsInForce lvs, List<String> out) {
        out.add(" ------< Virtual server >------");
        switch (vs.address()) {
            case io.jkeepalived.config.model.VirtualServerAddress.Group g -> out.add(" VS GROUP = " + vs.describe());
            case io.jkeepalived.config.model.VirtualServerAddress.Fwmark f -> out.add(" VS FWMARK = " + f.mark());
            case io.jkeepalived.config.model.VirtualServerAddress.IpPort ip -> out.add(" VS VIP = "
                    + Addresses.format(ip.address()) + ", VPORT = " + ip.port());
        }
        vs.virtualhost().ifPresent(h -> out.add("   VirtualHost = " + h));
        vs.ipFamily().ifPresent(f -> inForce(out, "virtual_server", "ip_family",
                "   Address family = inet" + (f == io.jkeepalived.config.model.AddressFamily.INET ? "" : "6")));
        out.add("   delay_loop = " + vs.delayLoop().getSeconds()
                + (KeywordStatuses.inForce("virtual_server", "lb_algo") ? ", lvs_sched = " + vs.scheduler()
                        + lvs.scheduler(vs.scheduler()).map(r -> " (not in force on this backend: " + r + ")").orElse("") : ""));
        inForce(out, "virtual_server", "hashed", "   Hashed = disabled");
        var f = vs.schedulerFlags();
        if (!KeywordStatuses.inForce("virtual_server", "flag-1")) {
            // scheduler flags are not applied: nothing to show
        } else if (vs.scheduler().equals("sh") || vs.scheduler().equals("mh")) {
            var p = vs.scheduler();
            out.add("   " + p + "-port = " + enabled(f.contains(p + "-port")));
            out.add("   " + p + "-fallback = " + enabled(f.contains(p + "-fallback")));
        } else {
            out.add("   flag-1 = " + enabled(f.contains("flag-1")));
            out.add("   flag-2 = " + enabled(f.contains("flag-2")));
            out.add("   flag-3 = " + enabled(f.contains("flag-3")));
        }
        if (lvs.onePacket()) {
            inForce(out, "virtual_server", "ops", "   One packet scheduling = " + enabled(f.contains("ops")));
        }
        vs.persistenceTimeout().ifPresent(p -> inForce(out, "virtual_server", "persistence_timeout",
                "   persistence timeout = " + p.getSeconds()));
        vs.persistenceGranularity().ifPresent(p -> inForce(out, "virtual_server", "persistence_granularity",
                "   persistence granularity = " + p));
        out.add("   protocol = " + (vs.address() instanceof io.jkeepalived.config.model.VirtualServerAddress.Fwmark
                ? "none" : vs.protocol()));
        out.add("   alpha is " + (vs.alpha() ? "ON" : "OFF") + ", omega is " + (vs.omega() ? "ON" : "OFF"));
        out.add("   Inhibit on failure is " + (vs.inhibitOnFailure() ? "ON" : "OFF"));
        out.add("   quorum = " + vs.quorum() + ", hysteresis = " + vs.hysteresis());
        vs.quorumUp().ifPresent(s -> out.add("   Quorum up notify script = " + script(s)));
        vs.quorumDown().ifPresent(s -> out.add("   Quorum down notify script = " + script(s)));
        if (vs.haSuspend()) {
            out.add("   Using HA suspend");
        }
        out.add("   Using smtp notification = " + (vs.smtpAlert() ? "yes" : "no"));
        inForce(out, "virtual_server", "lb_kind", "   default forwarding method = " + method(vs.forwardingMethod(), lvs));
        vs.sorryServer().ifPresent(s -> {
            out.add("   sorry server = [" + Addresses.format(s.address()) + "]:" + vs.protocol().toLowerCase(Locale.ROOT)
                    + ":" + s.port());
            inForce(out, "virtual_server", "sorry_server_lvs_method",
                    "   sorry server forwarding method = " + method(s.forwardingMethod().orElse(vs.forwardingMethod()), lvs));
        });
        for (var rs : vs.realServers()) {
            realServer(vs, rs, lvs, out);
        }
    }

    /** keepalived's dump_rs(), then the checkers of this real server. */
    private static void realServer(VirtualServerSpec vs, RealServerSpec rs, LvsSettingsInForce lvs, List<String> out) {
        out.add("   ------< Real server >------");
        out.add("   RIP = " + Addresses.format(rs.address()) + ", RPORT = " + rs.port() + ", WEIGHT = " + rs.weight());
        inForce(out, "real_server", "lvs_method", "   Forwarding method = " + method(rs.forwardingMethod(), lvs));
        out.add("   Alpha is " + (rs.alpha() ? "ON" : "OFF"));
        out.add("   Delay loop = " + rs.delayLoop().getSeconds());
        out.add("   Inhibit on failure is " + (rs.inhibitOnFailure() ? "ON" : "OFF"));
        rs.notifyUp().ifPresent(s -> out.add("     RS up notify script = " + script(s)));
        rs.notifyDown().ifPresent(s -> out.add("     RS down notify script = " + script(s)));
        rs.virtualhost().ifPresent(h -> out.add("    VirtualHost = " + h));
        out.add("   Using smtp notification = " + (rs.smtpAlert() ? "yes" : "no"));
        for (var ch : rs.checkers()) {
            var cm = ch.common();
            out.add("     Keepalive method = " + ch.keyword());
            out.add("       Connection dest = [" + Addresses.format(cm.connectIp()) + "]:" + cm.connectPort());
            cm.bindTo().ifPresent(b -> out.add("       Bind to = " + Addresses.format(b)));
            out.add("       Connection timeout = " + secs(cm.connectTimeout()));
            out.add("       Retry count = " + cm.retry());
            out.add("       Delay before retry = " + secs(cm.delayBeforeRetry()));
            out.add("       Warmup = " + secs(cm.warmup()));
            out.add("       Delay loop = " + secs(cm.delayLoop()));
            switch (ch) {
                case CheckerSpec.HttpGetSpec h -> {
                    h.virtualhost().ifPresent(v -> out.add("       Virtualhost = " + v));
                    out.add("       HTTP protocol = " + h.httpProtocol());
                    for (var u : h.urls()) {
                        out.add("       Checked url = " + u.path());
                        u.digest().ifPresent(d -> out.add("         digest = " + d));
                        out.add("         HTTP Status Code = " + String.join(",", u.statusCodes().stream()
                                .map(r -> r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to()).toList()));
                        u.virtualhost().ifPresent(v -> out.add("         VirtualHost = " + v));
                    }
                }
                case CheckerSpec.SmtpCheckSpec s -> out.add("       helo = " + s.heloName());
                case CheckerSpec.MiscCheckSpec m -> {
                    out.add("       script = " + m.path().commandLine());
                    out.add("       timeout = " + secs(m.timeout()));
                    out.add("       dynamic = " + (m.dynamic() ? "YES" : "NO"));
                }
                case CheckerSpec.DnsCheckSpec d -> {
                    out.add("       Type = " + d.type());
                    out.add("       Name = " + d.name());
                }
                case CheckerSpec.UdpCheckSpec u -> {
                    out.add("       Require reply = " + (u.requireReply() ? "yes" : "no"));
                    out.add("       Min reply length = " + u.minReplyLength() + ", max reply length = " + u.maxReplyLength());
                }
                case CheckerSpec.FileCheckSpec f -> out.add("       Tracked file = " + f.trackFile());
                case CheckerSpec.BfdCheckSpec b -> out.add("       BFD = " + b.bfdName());
                case CheckerSpec.TcpCheckSpec t -> {
                }
                case CheckerSpec.PingCheckSpec p -> {
                }
            }
        }
    }
}
