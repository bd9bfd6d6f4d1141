package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VrrpBlocksTest {
    private static final String[] INSTANCE = {"vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 1",
        "  virtual_ipaddress {", "    192.0.2.1", "  }", "  track_script {", "    s", "  }", "}"};

    private static String[] with(String... head) {
        var all = new java.util.ArrayList<>(List.of(head));
        all.addAll(List.of(INSTANCE));
        return all.toArray(String[]::new);
    }

    @Test
    void vrrpScriptValuesDefaultsAndRanges() {
        var b = Built.of(with("global_defs {", "  enable_script_security", "}",
                "vrrp_script s {", "  script \"/bin/true\"", "  weight 300", "  rise 3", "}"));
        var s = b.config().vrrpScripts().get(0);
        assertEquals(Duration.ofSeconds(1), s.interval());
        assertEquals(Duration.ofSeconds(1), s.timeout(), "timeout defaults to the interval");
        assertEquals(0, s.weight());
        assertEquals(3, s.rise());
        assertEquals(1, s.fall());
        assertTrue(b.has("number '300' outside range [-253, 253]", 6));
        assertTrue(b.has("vrrp_script s weight 300 must be in [-253, 253]", 6));
    }

    @Test
    void scriptWithoutScriptIsRemovedAtItsClosingBrace() {
        var b = Built.of(with("vrrp_script s {", "  interval 1", "}"));
        assertTrue(b.has("No script set for vrrp_script s - removing", 3));
        assertTrue(b.has("(VI_1) track script s not found, ignoring...", 11));
    }

    @Test
    void scriptSecurityViolationWhenARootScriptExists() {
        var b = Built.of(with("vrrp_script s {", "  script /bin/true", "}"));
        assertTrue(b.messages().contains("SECURITY VIOLATION - scripts are being executed but script_security not enabled."));
        assertEquals(6, io.jkeepalived.config.load.ConfigTest.exitCode(b.findings()));
    }

    @Test
    void syncGroups() {
        var b = Built.of(with("vrrp_sync_group G {", "  group {", "    VI_1", "    VI_9", "  }", "}",
                "vrrp_sync_group H {", "  VI_1", "}", "vrrp_script s {", "  script /x", "}"));
        var m = b.messages();
        assertTrue(m.contains("Virtual router VI_9 specified in sync group G doesn't exist - ignoring"));
        assertTrue(m.contains("Sync group G has only 1 virtual router(s) - this probably isn't what you want"));
        assertTrue(b.has("Unknown keyword 'VI_1'", 8));
        assertTrue(m.contains("Sync group H has no virtual router(s). removing"));
        assertEquals(List.of("VI_1"), b.config().vrrpSyncGroups().get(0).members());
    }

    /** keepalived 2.2.7's -t words (vrrp_parser.c garp_group handlers, global_parser.c vrrp_garp_interval). */
    @Test
    void garpIntervalsAndGroupsAsKeepalivedChecksThem() {
        var b = Built.of("global_defs {", "  vrrp_garp_interval 0", "  vrrp_gna_interval 0.5", "}",
                "garp_group {", "  garp_interval 0.3", "  interface nosuch0", "  interfaces {", "    eth1", "    eth0", "  }", "}",
                "garp_group {", "  interface eth1", "}",
                "garp_group {", "  gna_interval -1", "  interface eth2", "}");
        assertTrue(b.has("number '0' outside range [0.000001, 4294.967295]", 2));
        assertTrue(b.has("vrrp_garp_interval '0' is invalid", 2));
        assertEquals(Duration.ZERO, b.config().globalDefs().vrrpGarpInterval());
        assertEquals(Duration.ofMillis(500), b.config().globalDefs().vrrpGnaInterval());
        assertTrue(b.has("WARNING - interface nosuch0 specified for garp_group doesn't exist", 7));
        assertTrue(b.has("garp_group already specified for eth1 - ignoring", 14));
        assertTrue(b.has("garp_group gna_interval '-1' invalid", 17));
        assertEquals(2, b.messages().stream().filter("garp group 0 does not have any delay set - removing"::equals).count());
        var groups = b.config().garpGroups();
        assertEquals(List.of("eth1", "eth0"), groups.get(0).interfaces());
        assertEquals(Duration.ofMillis(300), groups.get(0).garpInterval());
        assertEquals(List.of(), groups.get(1).interfaces());
        assertEquals(List.of(), groups.get(2).interfaces(), "a group without a delay frees its interfaces");
    }

    @Test
    void trackFileProcessBfdAndGarpGroup() {
        var b = Built.of("track_file tf {", "  file /run/x", "  weight -5 reverse", "}",
                "vrrp_track_process p {", "  process nginx", "  quorum 2", "  delay 1.5", "}",
                "bfd_instance b {", "  neighbor_ip 192.0.2.7", "  multiplier 300", "}",
                "garp_group {", "  garp_interval 0.01", "  interfaces {", "    eth0", "    eth1", "  }", "}");
        var tf = b.config().trackFiles().get(0);
        assertEquals(-5, tf.weight());
        assertTrue(tf.weightReverse());
        var p = b.config().trackProcesses().get(0);
        assertEquals(2, p.quorum());
        assertEquals(Duration.ofMillis(1500), p.forkDelay());
        var bfd = b.config().bfdInstances().get(0);
        assertEquals(5, bfd.multiplier());
        assertEquals(Duration.ofMillis(10), bfd.minRx());
        assertTrue(b.has("number '300' outside range [1, 255]", 12));
        assertEquals(List.of("eth0", "eth1"), b.config().garpGroups().get(0).interfaces());
        assertEquals(Duration.ofMillis(10), b.config().garpGroups().get(0).garpInterval());
    }

    @Test
    void staticAndVirtualRoutesAndRules() {
        var b = Built.of("static_rules {", "  from 192.0.2.0/24 table 1", "  to 192.0.2./24 table 1", "}",
                "static_routes {", "  192.0.2.0/25 via 192.0.2.254 dev eth0", "}",
                "vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 1",
                "  virtual_ipaddress {", "    192.0.2.1", "  }",
                "  virtual_routes {", "    198.51.100.0/24 via 192.0.2.254", "    0.0.0.0/0 gw 192.0.2.1 table 100", "  }",
                "  virtual_rules {", "    from 198.51.100.0/24 table 2 preference 100", "  }", "}");
        assertTrue(b.has("Rule has no preference specified - setting to 16384. This is probably not what you want.", 2));
        assertTrue(b.has("VRRP parsed invalid IP 192.0.2./24. skipping IP...", 3));
        assertTrue(b.has("Invalid rule to address 192.0.2./24", 3));
        assertTrue(b.has("Warning - cannot track route 198.51.100.0/24 with no interface specified, not tracking", 15));
        assertTrue(b.has("\"gw\" for routes is deprecated. Please use \"via\"", 16));
        var i = b.config().vrrpInstances().get(0);
        assertEquals("198.51.100.0/24", i.virtualRoutes().get(0).destination());
        assertEquals("100", i.virtualRoutes().get(1).table().orElseThrow());
        assertEquals(100, i.virtualRules().get(0).preference());
        assertEquals(1, b.config().staticRules().size());
        assertEquals(16384, b.config().staticRules().get(0).preference());
        assertEquals("eth0", b.config().staticRoutes().get(0).dev().orElseThrow());
    }
}
