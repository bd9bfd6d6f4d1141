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
        return java.util.stream.Stream.of("Network namespace", "Test config before reload", "No test config before reload",
                "Dynamic interfaces", "Default interface", "Disable local IGMP", "LVS flush", "FIFO write vrrp states",
                "VRRP notify priority changes", "VRRP IPv4 mcast group", "VRRP IPv6 mcast group",
                "Gratuitous ARP for each secondary VMAC", "Gratuitous ARP interval", "Gratuitous NA interval", "nftables with",
                "nftables without", "VRRP check unicast_src", "Max auto priority", "Min auto priority delay",
                "VRRP process priority", "VRRP don't swap", "VRRP realtime", "Checker process priority", "Checker don't swap",
                "Checker realtime", "BFD process priority", "BFD don't swap", "BFD realtime", "SNMP ", "DBus",
                "Script security", "Default script uid:gid", "vrrp_netlink_", "process_monitor_rcv_bufs", "lvs_netlink_",
                "rx_bufs_multiples", "umask", "Promote_secondaries", "Notify deleted", "Notify priority changes",
                "Tracked processes", "Tracked BFDs", "Virtual Routes", "Virtual Rules").anyMatch(l::startsWith);
    }

    @Test
    void printsOnlyWhatIsInForce() {
        var config = new ConfigBuilder(new DiagnosticSink(), HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING)
                .build(io.jkeepalived.config.Trees.parse("global_defs {", "  enable_traps", "  vrrp_priority -5", "}"));
        var dump = ConfigDump.render(config, "vm");
        for (var line : dump) {
            for (var keyword : java.util.List.of("global_defs enable_traps", "global_defs vrrp_priority")) {
                var kw = keyword.split(" ");
                if (!io.jkeepalived.config.build.KeywordStatuses.inForce(kw[0], kw[1])) {
                    org.junit.jupiter.api.Assertions.assertFalse(line.contains("SNMP traps") || line.contains("VRRP process priority"),
                            "an unsupported setting is dumped as if in force: " + line);
                }
            }
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
