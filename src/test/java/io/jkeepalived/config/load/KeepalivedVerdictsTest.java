package io.jkeepalived.config.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.build.ConfigBuilder;
import io.jkeepalived.config.build.HostInterfaces;
import io.jkeepalived.config.build.ScriptFinder;
import io.jkeepalived.config.lex.ConfigReader;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -t} on small configurations where jkeepalived used to disagree with keepalived 2.2.7 (issue 10): the
 * expected words and exit codes are what {@code keepalived -t -f FILE} printed for the same file (in a
 * namespace with eth0; here the host is given eth0 the same way).
 */
class KeepalivedVerdictsTest {
    @TempDir
    Path dir;

    private record Verdict(int exit, String out) {
        /** Whether some finding says {@code message} (at {@code line} when it is > 0). */
        boolean says(int line, String message) {
            return out.lines().anyMatch(l -> l.endsWith(": " + message) && (line == 0 || l.contains(":" + line + ":")));
        }
    }

    private Verdict test(String... lines) throws Exception {
        var file = dir.resolve("keepalived.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        var sink = new DiagnosticSink();
        var parsed = ConfigReader.read(file, new ConfigReader.Options("test", false));
        parsed.diagnostics().forEach(sink::report);
        new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING).build(parsed.roots());
        var out = new StringBuilder();
        sink.findings().forEach(d -> out.append(d.format()).append('\n'));
        return new Verdict(ConfigTest.exitCode(sink.findings()), out.toString());
    }

    private static final String[] VIP = {"    virtual_ipaddress {", "        192.0.2.1/24", "    }", "}"};

    private static String[] instance(String... body) {
        var all = new java.util.ArrayList<String>();
        all.add("vrrp_instance VI_1 {");
        all.add("    interface eth0");
        all.add("    virtual_router_id 51");
        all.add("    priority 100");
        all.addAll(java.util.List.of(body));
        all.addAll(java.util.List.of(VIP));
        return all.toArray(String[]::new);
    }

    @Test
    void trackingTheOwnInterfaceIsIgnoredWithAWarning() throws Exception {
        var v = test(instance("    track_interface {", "        eth0", "    }"));
        assertTrue(v.says(0, "(VI_1) Ignoring track_interface eth0 since own interface"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void vrrp3AdvertIntervalIsRoundedTo10Ms() throws Exception {
        var v = test(instance("    version 3", "    advert_int 0.015"));
        assertTrue(v.says(0, "(VI_1) VRRPv3 advertisement interval 0.015000s must be in units of 10ms - rounding"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void unicastSourceWithAPrefixIsAccepted() throws Exception {
        var v = test(instance("    unicast_src_ip 192.0.2.5/24", "    unicast_peer {", "        192.0.2.6", "    }"));
        assertFalse(v.out().contains("malformed src address"), v.out());
        assertEquals(0, v.exit(), v.out());
    }

    @Test
    void aTimerWithMoreThanSixDecimalsIsWarnedAndRounded() throws Exception {
        var v = test(instance("    advert_int 1.1234567"));
        assertTrue(v.says(5, "number '1.1234567' has too many decimal places"), v.out());
        assertTrue(v.says(0, "(VI_1) VRRPv2 advertisement interval 1.123457s must be an integer. rounding"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void nbGetRetryIsAConfigError() throws Exception {
        var v = test("virtual_server 192.0.2.1 80 {", "    protocol TCP", "    lb_algo rr", "    lb_kind NAT",
                "    real_server 192.0.2.10 80 {", "        HTTP_GET {", "            url {", "                path /",
                "            }", "            nb_get_retry 3", "        }", "    }", "}");
        assertTrue(v.says(10, "nb_get_retry is deprecated - please use 'retry'"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void aCommentLineEndingInABackslashLeavesAnUnknownKeyword() throws Exception {
        var lines = new java.util.ArrayList<String>();
        lines.add("# comment ending with backslash \\");
        lines.addAll(java.util.List.of(instance()));
        var v = test(lines.toArray(String[]::new));
        assertTrue(v.says(1, "Unknown keyword '\\'"), v.out());
        assertFalse(v.out().contains("virtual router id must be set"), "the next line is still read:\n" + v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void anUnsupportedKeywordIsNamedWithoutChangingTheExitCode() throws Exception {
        var v = test("global_defs {", "    enable_traps", "}");
        assertTrue(v.says(2, "enable_traps is not supported by jkeepalived (SNMP) and is ignored"), v.out());
        assertTrue(v.out().contains(":2:5: warning: enable_traps"), v.out());
        assertEquals(0, v.exit(), "keepalived exits 0 for this config:\n" + v.out());
    }

    @Test
    void withDynamicInterfacesAMissingInterfaceIsAcceptedSilently() throws Exception {
        var lines = new java.util.ArrayList<String>(java.util.List.of("global_defs {", "    dynamic_interfaces", "}"));
        lines.addAll(java.util.List.of(instance()));
        lines.set(4, "    interface eth9");
        var v = test(lines.toArray(String[]::new));
        assertFalse(v.out().contains("doesn't exist") || v.out().contains("Non-existent interface"), v.out());
        assertEquals(0, v.exit(), v.out());
    }

    /** keepalived 2.2.7: {@code Unknown dynamic_interfaces option 'foo'}, a config error (exit 5); the keyword holds. */
    @Test
    void anUnknownDynamicInterfacesOptionIsAConfigError() throws Exception {
        var lines = new java.util.ArrayList<String>(java.util.List.of("global_defs {", "    dynamic_interfaces foo", "}"));
        lines.addAll(java.util.List.of(instance()));
        lines.set(4, "    interface eth9");
        var v = test(lines.toArray(String[]::new));
        assertTrue(v.out().contains("Unknown dynamic_interfaces option 'foo'"), v.out());
        assertFalse(v.out().contains("doesn't exist") || v.out().contains("Non-existent interface"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    /** keepalived exits 0 having checked nothing; we say why and exit 4 (a deliberate difference, README). */
    @Test
    void aMissingNetworkNamespaceCannotRun() throws Exception {
        var file = dir.resolve("ns.conf");
        Files.writeString(file, "net_namespace jk-no-such-namespace\nvrrp_instance VI_1 {\n    interface eth9\n}\n");
        var out = new java.io.ByteArrayOutputStream();
        int exit = ConfigTest.run(file, "test", false, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        var text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(4, exit, text);
        assertTrue(text.contains(":1:1: cannot run: net_namespace jk-no-such-namespace: no such network namespace"), text);
        assertFalse(text.contains("eth9"), "nothing else is checked:\n" + text);
    }

    @Test
    void aVrrpScriptUserThatDoesNotExistDropsTheScript() throws Exception {
        var lines = new java.util.ArrayList<String>(java.util.List.of("vrrp_script chk {", "    script \"/bin/true\"",
                "    user jk-no-such-user", "}"));
        lines.addAll(java.util.List.of(instance("    track_script {", "        chk", "    }")));
        var v = test(lines.toArray(String[]::new));
        assertTrue(v.says(3, "Unable to set uid/gid for script '/bin/true'"), v.out());
        assertTrue(v.says(0, "(VI_1) track script chk not found, ignoring..."), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void directRoutingResetsADifferentRealServerPort() throws Exception {
        var v = test("virtual_server 192.0.2.1 80 {", "    protocol TCP", "    lb_algo rr", "    lb_kind DR",
                "    real_server 192.0.2.10 8080 {", "        TCP_CHECK {", "        }", "    }", "}");
        assertTrue(v.says(0, "WARNING - virtual server [192.0.2.1]:tcp:80 and real server [192.0.2.10]:tcp:8080"
                + " ports don't match - resetting"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void routeAndRuleSyntaxKeepalivedAcceptsIsAccepted() throws Exception {
        var v = test("static_routes {", "    192.0.2.0/25 via inet 192.0.2.1 dev eth0", "    2001:db8:1::/48 via inet6 fe80::1 dev eth0",
                "    198.18.0.0/24 via 192.0.2.1 dev eth0 ssthresh lock 10",
                "    198.18.1.0/24 via 192.0.2.1 dev eth0 ttl-propagate enabled",
                "    198.18.2.0/24 dev eth0 nexthop via 192.0.2.1 dev eth0 weight 2 nexthop via 192.0.2.3 dev eth0 weight 3",
                "    198.18.7.0/24 encap ip id 5 dst 192.0.2.9 via 192.0.2.1 dev eth0",
                "    198.18.8.0/24 via 192.0.2.1 dev eth0 rtt 10 congctl lock cubic",
                "}", "static_rules {", "    from default table 100 preference 100", "}");
        assertEquals("", v.out());
        assertEquals(0, v.exit(), v.out());
    }

    @Test
    void anIpv6GatewayForAnIpv4RouteMixesFamilies() throws Exception {
        var v = test("static_routes {", "    198.51.100.0/24 via inet6 fe80::1 dev eth0", "}");
        assertTrue(v.says(2, "Cannot mix IPv4 and IPv6 addresses for route"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void aRouteRuleOrAddressOnAMissingInterfaceIsReported() throws Exception {
        var v = test("static_routes {", "    198.18.3.0/24 via 192.0.2.1 dev eth9",
                "    198.18.2.0/24 nexthop via 192.0.2.1 dev eth0 nexthop via 192.0.2.3 dev eth0", "}",
                "static_rules {", "    from 192.0.2.0/24 table 100 preference 101 dev eth9", "}",
                "static_ipaddress {", "    198.18.5.1/24 dev eth9", "}");
        assertTrue(v.says(2, "WARNING - interface eth9 for VROUTE nexthop doesn't exist"), v.out());
        assertTrue(v.says(3, "Warning - cannot track route 198.18.2.0/24 with no interface specified, not tracking"), v.out());
        assertTrue(v.says(6, "WARNING - interface eth9 for rule doesn't exist"), v.out());
        assertTrue(v.says(9, "WARNING - interface eth9 for ip address 198.18.5.1/24 doesn't exist"), v.out());
        assertTrue(v.says(0, "Non-existent interface specified in configuration"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    /** keepalived 2.2.7 as Debian builds it has nftables and no iptables/ipset support. */
    @Test
    void iptablesKeywordsAsAnNftablesOnlyBuildSeesThem() throws Exception {
        var v = test("global_defs {", "    vrrp_iptables", "    vrrp_ipsets keepalived", "}");
        assertTrue(v.says(2, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets'"
                + " with 'nftables' config option"), v.out());
        assertTrue(v.says(3, "Unknown keyword 'vrrp_ipsets'"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void strictModeWantsTheFirstIpv6VipLinkLocal() throws Exception {
        var v = test("global_defs {", "    vrrp_strict", "}", "vrrp_instance VI_1 {", "    interface eth0",
                "    virtual_router_id 51", "    priority 100", "    version 3", "    virtual_ipaddress {",
                "        2001:db8::1/64", "        fe80::1/64", "    }", "}");
        assertTrue(v.says(0, "(VI_1) the first IPv6 VIP address must be link local"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    @Test
    void fwmarkAndSorryServerPortsUnderDirectRoutingAndTunnels() throws Exception {
        var v = test("virtual_server fwmark 5 {", "    lb_algo rr", "    lb_kind DR", "    sorry_server 192.0.2.20 8080",
                "    real_server 192.0.2.10 8080 {", "        TCP_CHECK {", "        }", "    }", "}",
                "virtual_server 192.0.2.1 80 {", "    protocol TCP", "    lb_algo rr", "    lb_kind TUN",
                "    sorry_server 192.0.2.20 8080", "    real_server 192.0.2.10 80 {", "        TCP_CHECK {", "        }",
                "    }", "}");
        assertTrue(v.says(0, "WARNING - fwmark virtual server FWM 5, real server [192.0.2.10]:none:8080 has port specified"
                + " - clearing"), v.out());
        assertTrue(v.says(0, "WARNING - virtual server FWM 5, sorry server has port specified - clearing"), v.out());
        assertTrue(v.says(0, "WARNING - virtual server [192.0.2.1]:tcp:80 and sorry server ports don't match - resetting"),
                v.out());
        assertEquals(5, v.exit(), v.out());
    }

    /** keepalived stops its VRRP side at a missing interface: no instance checks, but the checker's still come. */
    @Test
    void aMissingVrrpInterfaceSkipsTheRestOfTheVrrpChecks() throws Exception {
        var v = test("vrrp_instance VI_1 {", "    interface eth9", "    virtual_router_id 51", "    priority 100",
                "    track_script {", "        nosuch", "    }", "}", "vrrp_instance VI_2 {", "    interface eth0",
                "    virtual_router_id 51", "    priority 100", "}", "virtual_server 192.0.2.1 80 {", "    protocol TCP",
                "    lb_algo rr", "    lb_kind DR", "    real_server 192.0.2.10 8080 {", "        TCP_CHECK {", "        }",
                "    }", "}");
        assertTrue(v.says(2, "WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist"), v.out());
        assertTrue(v.says(6, "(VI_1) track script nosuch not found, ignoring..."), v.out());
        assertTrue(v.says(0, "WARNING - virtual server [192.0.2.1]:tcp:80 and real server [192.0.2.10]:tcp:8080 ports don't"
                + " match - resetting"), v.out());
        assertTrue(v.says(0, "Non-existent interface specified in configuration"), v.out());
        assertFalse(v.out().contains("No VIP"), v.out());
        assertEquals(4, v.out().lines().count(), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    /** An undefined ${VAR} leaves "{ x }" after a value: keepalived's words, line by line. */
    @Test
    void aStrayBlockAfterAValueClosesTheEnclosingBlock() throws Exception {
        var v = test("vrrp_instance VI_1 {", "    interface eth0", "    virtual_router_id 51", "    priority 100 { x }",
                "    advert_int 1", "    virtual_ipaddress {", "        192.0.2.1/24", "    }", "}");
        assertTrue(v.says(4, "Unexpected '{' - ignoring"), v.out());
        assertTrue(v.says(4, "Unknown keyword 'x'"), v.out());
        assertTrue(v.out().contains(":5:5: error: Unknown keyword 'advert_int'"), v.out());
        assertTrue(v.out().contains(":6:5: error: Unknown keyword 'virtual_ipaddress'"), v.out());
        assertTrue(v.says(6, "Unexpected '{' - ignoring"), v.out());
        assertTrue(v.says(7, "Unknown keyword '192.0.2.1/24'"), v.out());
        assertTrue(v.says(8, "Unknown keyword '}'"), v.out());
        assertTrue(v.says(9, "Unknown keyword '}'"), v.out());
        assertTrue(v.says(0, "(VI_1) No VIP specified; at least one is sensible"), v.out());
        assertEquals(5, v.exit(), v.out());
    }

    /** keepalived resolves the name while reading (.invalid never resolves, RFC 6761) and drops the server. */
    @Test
    void anSmtpServerNameThatDoesNotResolveIsInvalid() throws Exception {
        var v = test("global_defs {", "    smtp_server no-such-host.invalid 25", "}");
        assertTrue(v.says(2, "Invalid smtp server no-such-host.invalid 25"), v.out());
        assertEquals(5, v.exit(), v.out());
        var ok = test("global_defs {", "    smtp_server localhost 25", "}");
        assertEquals(0, ok.exit(), ok.out());
    }
}
