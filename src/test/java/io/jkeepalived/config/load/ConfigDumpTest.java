package io.jkeepalived.config.load;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.build.ConfigBuilder;
import io.jkeepalived.config.build.HostInterfaces;
import io.jkeepalived.config.build.ScriptFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Our -d dump of samples/keepalived.conf.vrrp against what keepalived 2.2.7 printed for it. */
class ConfigDumpTest {
    static final Path REF = Reference.dir();

    @Test
    void globalDefinitionsAndVrrpTopologyMatchKeepalived() throws Exception {
        var sink = new DiagnosticSink();
        var parsed = io.jkeepalived.config.lex.ConfigReader.read(REF.resolve("samples/keepalived.conf.vrrp"),
                new io.jkeepalived.config.lex.ConfigReader.Options("test", false));
        var config = new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0", "eth1", "eth2", "eth3")),
                argv -> ScriptFinder.Found.MISSING).build(parsed.roots());
        var ours = ConfigDump.render(config, "vm");

        var theirs = new ArrayList<String>();
        boolean in = false;
        for (var line : Files.readAllLines(REF.resolve("dumps/keepalived.conf.vrrp.run-P-d.log"))) {
            var text = line.length() > 26 ? line.substring(26) : "";
            if (text.startsWith("------< Global definitions") || text.startsWith("------< VRRP Topology")) {
                in = true;
            } else if (text.startsWith("------<")) {
                in = false;
            }
            // Lines about the running process, not the configuration; and settings we do not apply (-d prints only
            // what is in force).
            if (in && !text.startsWith(" libnftnl") && !text.startsWith("Script user") && !text.contains("Using src_ip")
                    && !text.contains("No sockets allocated") && !notInForce(text)) {
                theirs.add(text);
            }
        }
        var oursFiltered = ours.stream().filter(l -> !l.contains("Using src_ip")).toList();
        assertEquals(String.join("\n", theirs), String.join("\n", oursFiltered));
    }

    /** keepalived's lines for settings whose keywords are marked unsupported (KeywordStatuses). */
    private static boolean notInForce(String line) {
        var l = line.strip();
        return NOT_PRINTED_UNLESS_IN_FORCE.entrySet().stream().anyMatch(e -> l.startsWith(e.getKey())
                && !io.jkeepalived.config.build.KeywordStatuses.inForce(e.getValue().split(" ")[0], e.getValue().split(" ")[1]));
    }

    /** The start of a keepalived -d line and the (block keyword) it shows. */
    private static final java.util.Map<String, String> NOT_PRINTED_UNLESS_IN_FORCE = java.util.Map.ofEntries(
            java.util.Map.entry("Network namespace =", "ROOT net_namespace"),
            java.util.Map.entry("Network namespace ipvs", "ROOT net_namespace_ipvs"),
            java.util.Map.entry("Test config before reload", "global_defs reload_check_config"),
            java.util.Map.entry("No test config before reload", "global_defs reload_check_config"),
            java.util.Map.entry("Dynamic interfaces", "global_defs dynamic_interfaces"),
            java.util.Map.entry("Default interface", "global_defs default_interface"),
            java.util.Map.entry("Disable local IGMP", "global_defs disable_local_igmp"),
            java.util.Map.entry("LVS flush =", "global_defs lvs_flush"),
            java.util.Map.entry("LVS flush on stop", "global_defs lvs_flush_on_stop"),
            java.util.Map.entry("FIFO write vrrp states", "global_defs fifo_write_vrrp_states_on_reload"),
            java.util.Map.entry("VRRP notify priority changes", "global_defs vrrp_notify_priority_changes"),
            java.util.Map.entry("VRRP IPv4 mcast group", "global_defs vrrp_mcast_group4"),
            java.util.Map.entry("VRRP IPv6 mcast group", "global_defs vrrp_mcast_group6"),
            java.util.Map.entry("Gratuitous ARP for each secondary VMAC", "global_defs vrrp_garp_extra_if"),
            java.util.Map.entry("Gratuitous ARP interval", "global_defs vrrp_garp_interval"),
            java.util.Map.entry("Gratuitous NA interval", "global_defs vrrp_gna_interval"),
            java.util.Map.entry("nftables with", "global_defs nftables_counters"),
            java.util.Map.entry("nftables without", "global_defs nftables_counters"),
            java.util.Map.entry("VRRP check unicast_src", "global_defs vrrp_check_unicast_src"),
            java.util.Map.entry("Max auto priority", "global_defs max_auto_priority"),
            java.util.Map.entry("Min auto priority delay", "global_defs min_auto_priority_delay"),
            java.util.Map.entry("VRRP process priority", "global_defs vrrp_priority"),
            java.util.Map.entry("VRRP don't swap", "global_defs vrrp_no_swap"),
            java.util.Map.entry("VRRP realtime priority", "global_defs vrrp_rt_priority"),
            java.util.Map.entry("VRRP CPU Affinity", "global_defs vrrp_cpu_affinity"),
            java.util.Map.entry("VRRP realtime limit", "global_defs vrrp_rlimit_rttime"),
            java.util.Map.entry("Checker process priority", "global_defs checker_priority"),
            java.util.Map.entry("Checker don't swap", "global_defs checker_no_swap"),
            java.util.Map.entry("Checker realtime priority", "global_defs checker_rt_priority"),
            java.util.Map.entry("Checker CPU Affinity", "global_defs checker_cpu_affinity"),
            java.util.Map.entry("Checker realtime limit", "global_defs checker_rlimit_rttime"),
            java.util.Map.entry("BFD process priority", "global_defs bfd_priority"),
            java.util.Map.entry("BFD don't swap", "global_defs bfd_no_swap"),
            java.util.Map.entry("BFD realtime priority", "global_defs bfd_rt_priority"),
            java.util.Map.entry("BFD realtime limit", "global_defs bfd_rlimit_rttime"),
            java.util.Map.entry("SNMP vrrp", "global_defs enable_snmp_vrrp"),
            java.util.Map.entry("SNMP checker", "global_defs enable_snmp_checker"),
            java.util.Map.entry("SNMP RFCv2", "global_defs enable_snmp_rfcv2"),
            java.util.Map.entry("SNMP RFCv3", "global_defs enable_snmp_rfcv3"),
            java.util.Map.entry("SNMP traps", "global_defs enable_traps"),
            java.util.Map.entry("SNMP socket", "global_defs snmp_socket"),
            java.util.Map.entry("DBus ", "global_defs enable_dbus"),
            java.util.Map.entry("DBus service name", "global_defs dbus_service_name"),
            java.util.Map.entry("Script security", "global_defs enable_script_security"),
            java.util.Map.entry("Default script uid:gid", "global_defs script_user"),
            java.util.Map.entry("vrrp_netlink_cmd_rcv_bufs ", "global_defs vrrp_netlink_cmd_rcv_bufs"),
            java.util.Map.entry("vrrp_netlink_cmd_rcv_bufs_force", "global_defs vrrp_netlink_cmd_rcv_bufs_force"),
            java.util.Map.entry("vrrp_netlink_monitor_rcv_bufs ", "global_defs vrrp_netlink_monitor_rcv_bufs"),
            java.util.Map.entry("vrrp_netlink_monitor_rcv_bufs_force", "global_defs vrrp_netlink_monitor_rcv_bufs_force"),
            java.util.Map.entry("process_monitor_rcv_bufs ", "global_defs process_monitor_rcv_bufs"),
            java.util.Map.entry("process_monitor_rcv_bufs_force", "global_defs process_monitor_rcv_bufs_force"),
            java.util.Map.entry("lvs_netlink_cmd_rcv_bufs ", "global_defs lvs_netlink_cmd_rcv_bufs"),
            java.util.Map.entry("lvs_netlink_cmd_rcv_bufs_force", "global_defs lvs_netlink_cmd_rcv_bufs_force"),
            java.util.Map.entry("lvs_netlink_monitor_rcv_bufs ", "global_defs lvs_netlink_monitor_rcv_bufs"),
            java.util.Map.entry("lvs_netlink_monitor_rcv_bufs_force", "global_defs lvs_netlink_monitor_rcv_bufs_force"),
            java.util.Map.entry("rx_bufs_multiples", "global_defs vrrp_rx_bufs_multiplier"),
            java.util.Map.entry("umask", "global_defs umask"),
            java.util.Map.entry("Promote_secondaries", "vrrp_instance promote_secondaries"),
            java.util.Map.entry("Notify deleted", "vrrp_instance notify_deleted"),
            java.util.Map.entry("Notify priority changes", "vrrp_instance notify_priority_changes"),
            java.util.Map.entry("Tracked processes", "vrrp_instance track_process"),
            java.util.Map.entry("Tracked BFDs", "vrrp_instance track_bfd"),
            java.util.Map.entry("Virtual Routes", "vrrp_instance virtual_routes"),
            java.util.Map.entry("Virtual Rules", "vrrp_instance virtual_rules"));

    @Test
    void printsOnlyWhatIsInForce() {
        var config = new ConfigBuilder(new DiagnosticSink(), HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING)
                .build(io.jkeepalived.config.Trees.parse("global_defs {", "  enable_traps", "  bfd_priority -5", "}"));
        var dump = ConfigDump.render(config, "vm");
        assertEquals(false, io.jkeepalived.config.build.KeywordStatuses.inForce("global_defs", "enable_traps"));
        assertEquals(false, io.jkeepalived.config.build.KeywordStatuses.inForce("global_defs", "bfd_priority"));
        for (var line : dump) {
            org.junit.jupiter.api.Assertions.assertFalse(line.contains("SNMP traps") || line.contains("BFD process priority"),
                    "an unsupported setting is dumped as if in force: " + line);
        }
    }

    @Test
    void everySampleDumpsWithItsSections() throws Exception {
        try (var files = Files.list(REF.resolve("samples"))) {
            for (var sample : files.sorted().toList()) {
                var parsed = io.jkeepalived.config.lex.ConfigReader.read(sample,
                        new io.jkeepalived.config.lex.ConfigReader.Options("test", false));
                var config = new ConfigBuilder(new DiagnosticSink(), HostInterfaces.of(Set.of("eth0", "eth1", "eth2", "eth3")),
                        argv -> ScriptFinder.Found.MISSING).build(parsed.roots());
                var dump = ConfigDump.render(config, "vm");
                assertEquals("------< Global definitions >------", dump.get(0), sample.toString());
                assertEquals(!config.vrrpInstances().isEmpty(), dump.contains("------< VRRP Topology >------"), sample.toString());
                assertEquals(!config.virtualServers().isEmpty(), dump.contains("------< LVS Topology >------"), sample.toString());
            }
        }
    }
}
