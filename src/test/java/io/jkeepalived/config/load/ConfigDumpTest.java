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
            // Lines about the running process, not the configuration.
            if (in && !text.startsWith(" libnftnl") && !text.startsWith("Script user") && !text.contains("Using src_ip")
                    && !text.contains("No sockets allocated")) {
                theirs.add(text);
            }
        }
        var oursFiltered = ours.stream().filter(l -> !l.contains("Using src_ip")).toList();
        assertEquals(String.join("\n", theirs), String.join("\n", oursFiltered));
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
