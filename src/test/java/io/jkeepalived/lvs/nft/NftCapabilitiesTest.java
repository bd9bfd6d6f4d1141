package io.jkeepalived.lvs.nft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.build.ConfigBuilder;
import io.jkeepalived.config.build.HostInterfaces;
import io.jkeepalived.config.build.ScriptFinder;
import io.jkeepalived.config.load.ConfigDump;
import io.jkeepalived.config.load.LvsSettingsInForce;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** -d on the nftables backend: what the data plane approximates or cannot carry is not shown as in force. */
class NftCapabilitiesTest {

    private static KeepalivedConfig config() {
        return new ConfigBuilder(new DiagnosticSink(), HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING)
                .build(io.jkeepalived.config.Trees.parse(
                        "virtual_server 192.0.2.10 80 {", "  lb_algo wlc", "  lb_kind NAT", "  ops", "  protocol UDP",
                        "  real_server 198.51.100.2 80 {", "    weight 1", "  }",
                        "  real_server 198.51.100.3 80 {", "    lvs_method TUN", "  }",
                        "}",
                        "virtual_server 192.0.2.11 80 {", "  lb_algo sh", "  protocol TCP",
                        "  real_server 198.51.100.4 80 {", "  }",
                        "}"));
    }

    private static boolean has(List<String> dump, String text) {
        return dump.stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void nftablesDumpSaysWhatIsNotInForce() {
        var dump = ConfigDump.render(config(), "vm", NftCapabilities.INSTANCE);
        assertTrue(has(dump, "lvs_sched = wlc (not in force on this backend: wlc needs live connection counts, which nftables does not "
                + "have: weighted round-robin (wrr) instead)"), String.join("\n", dump));
        assertTrue(has(dump, "lvs_sched = sh") && !has(dump, "lvs_sched = sh ("), "sh runs as configured: " + String.join("\n", dump));
        assertFalse(has(dump, "One packet scheduling"), "ops is not applied by nftables: " + String.join("\n", dump));
        assertTrue(has(dump, "Forwarding method = TUN (not in force on this backend: TUN is not available with the nftables data plane"),
                String.join("\n", dump));
        assertTrue(has(dump, "Forwarding method = NAT") && !has(dump, "Forwarding method = NAT ("), String.join("\n", dump));
    }

    @Test
    void ipvsDumpShowsEverythingAsConfigured() {
        var dump = ConfigDump.render(config(), "vm", LvsSettingsInForce.AS_CONFIGURED);
        assertFalse(has(dump, "not in force"), String.join("\n", dump));
        assertTrue(has(dump, "lvs_sched = wlc"), String.join("\n", dump));
    }
}
