package io.jkeepalived.config.build;

import io.jkeepalived.common.AddressText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VrrpInstanceSpec.InitialState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VrrpInstanceTest {
    @Test
    void valuesAndInheritedDefaults() {
        var b = Built.of("global_defs {", "  vrrp_garp_master_repeat 3", "}",
                "vrrp_instance VI_1 {",
                "  state MASTER",
                "  interface eth0",
                "  virtual_router_id 51",
                "  priority 150",
                "  advert_int 2",
                "  garp_master_delay 10",
                "  authentication {",
                "    auth_type PASS",
                "    auth_pass 1111",
                "  }",
                "  virtual_ipaddress {",
                "    192.0.2.16/24 brd 192.0.2.255 dev eth1 scope link label eth1:1",
                "    192.0.2.17",
                "  }",
                "  unicast_peer {",
                "    192.0.2.2",
                "  }",
                "  track_interface {",
                "    eth2 weight -20",
                "  }",
                "}");
        assertEquals(List.of(), b.messages());
        var i = b.config().vrrpInstances().get(0);
        assertEquals(InitialState.MASTER, i.initialState());
        assertEquals(51, i.virtualRouterId());
        assertEquals(150, i.priority());
        assertEquals(Duration.ofSeconds(2), i.advertInterval());
        assertEquals(2, i.version());
        assertEquals(Duration.ofSeconds(10), i.garp().masterDelay());
        assertEquals(3, i.garp().masterRepeat(), "inherited from vrrp_garp_master_repeat");
        assertEquals(new AuthSpec(AuthSpec.Type.PASS, "1111"), i.authentication().orElseThrow());
        var vip = i.virtualIpAddresses().get(0);
        assertEquals("192.0.2.16", vip.address().getHostAddress());
        assertEquals(24, vip.prefixLength());
        assertEquals("eth1", vip.dev().orElseThrow());
        assertEquals(VirtualIpSpec.Scope.LINK, vip.scope());
        assertEquals("eth1:1", vip.label().orElseThrow());
        assertEquals(32, i.virtualIpAddresses().get(1).prefixLength());
        assertEquals("192.0.2.2", i.unicastPeers().get(0).address().getHostAddress());
        assertEquals(-20, i.trackInterfaces().get(0).weight().getAsInt());
        assertTrue(i.preempt());
        assertTrue(i.accept());
    }

    @Test
    void priorityAndStateDefaults() {
        var b = Built.of(
                "vrrp_instance A {", "  state MASTER", "  interface eth0", "  virtual_router_id 1",
                "  virtual_ipaddress {", "    192.0.2.1", "  }", "}",
                "vrrp_instance B {", "  interface eth0", "  virtual_router_id 2",
                "  virtual_ipaddress {", "    192.0.2.2", "  }", "}",
                "vrrp_instance C {", "  interface eth0", "  virtual_router_id 3", "  priority 255",
                "  virtual_ipaddress {", "    192.0.2.3", "  }", "}");
        var is = b.config().vrrpInstances();
        assertEquals(255, is.get(0).priority(), "state MASTER without priority is the owner");
        assertEquals(100, is.get(1).priority());
        assertEquals(InitialState.BACKUP, is.get(1).initialState());
        assertEquals(InitialState.MASTER, is.get(2).initialState(), "priority 255 without state means MASTER");
        assertEquals(Duration.ofSeconds(1), is.get(1).advertInterval());
    }

    @Test
    void rangeErrorsInKeepalivedsWords() {
        var b = Built.of("vrrp_instance VI_1 {",
                "  interface eth0",
                "  virtual_router_id 300",
                "  priority 0",
                "  advert_int abc",
                "  preempt_delay 2000",
                "  virtual_ipaddress {",
                "    192.0.2.300",
                "    192.0.2.5/33",
                "  }",
                "}");
        assertTrue(b.has("number '300' outside range [1, 255]", 3));
        assertTrue(b.has("(VI_1): VRID '300' not valid - must be between 1 & 255", 3));
        assertTrue(b.has("(VI_1) Priority not valid! must be between 1 & 255. Using default 100", 4));
        assertTrue(b.has("(VI_1) Advert interval (abc) not valid! Must be > 0 - ignoring", 5));
        assertTrue(b.has("number '2000' outside range [0.000000, 1000.000000]", 6));
        assertTrue(b.has("VRRP parsed invalid IP 192.0.2.300. skipping IP...", 8));
        assertTrue(b.has("Invalid address prefix len 33 for address 192.0.2.5/33 - using 32", 9));
    }

    @Test
    void semanticChecks() {
        var b = Built.of(
                "vrrp_script chk {", "  script /nonexistent/check", "}",
                "vrrp_instance VI_1 {", "  state MASTER", "  interface eth1", "  virtual_router_id 5", "  nopreempt",
                "  track_script {", "    chk", "    nothere", "  }", "}",
                "vrrp_instance VI_2 {", "  interface eth1", "  virtual_router_id 5", "  virtual_ipaddress {",
                "    192.0.2.9", "  }", "}",
                "vrrp_instance VI_3 {", "  state MASTER", "  interface eth0", "  virtual_router_id 7",
                "  authentication {", "    auth_type AH", "  }", "  virtual_ipaddress {", "    192.0.2.10", "  }", "}");
        var m = b.messages();
        assertTrue(m.contains("Disabling track script chk since not found/accessible"));
        assertTrue(b.has("(VI_1) track script nothere not found, ignoring...", 11));
        assertTrue(m.contains("(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing"));
        assertTrue(m.contains("(VI_1) No VIP specified; at least one is sensible"));
        assertTrue(m.contains("VI_1 and VI_2 both use VRID 5 with IPv4 on interface eth1"));
        assertTrue(m.contains("(VI_3) Initial state master is incompatible with AH authentication - clearing"));
        assertEquals(InitialState.BACKUP, b.config().vrrpInstance("VI_3").orElseThrow().initialState());
        assertTrue(b.config().vrrpInstance("VI_1").orElseThrow().trackScripts().isEmpty());
    }

    /** keepalived stops its VRRP side at a missing interface: the instance checks are not made. */
    @Test
    void aMissingInterfaceStopsTheVrrpChecks() {
        var b = Built.of("vrrp_instance VI_1 {", "  state MASTER", "  interface eth9", "  virtual_router_id 5", "  nopreempt",
                "}");
        assertTrue(b.has("WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist", 3));
        assertTrue(b.messages().contains("Non-existent interface specified in configuration"));
        assertFalse(b.messages().contains("(VI_1) No VIP specified; at least one is sensible"), b.messages().toString());
        assertFalse(b.messages().contains("(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing"));
    }

    @Test
    void ipv6InstancesUseVersion3AndStrictModeTightens() {
        var b = Built.of("global_defs {", "  vrrp_strict", "}",
                "vrrp_instance V6 {", "  interface eth0", "  virtual_router_id 9", "  version 2",
                "  virtual_ipaddress {", "    2001:db8::1", "  }", "}");
        var i = b.config().vrrpInstances().get(0);
        assertEquals(3, i.version());
        assertTrue(i.strict());
        assertFalse(i.accept());
        assertTrue(i.lowerPrioNoAdvert());
    }

    @Test
    void strictModeFalseOverridesGlobalVrrpStrict() {
        // keepalived: an instance's strict_mode, when given, wins over vrrp_strict (which only fills it when unset)
        var b = Built.of("global_defs {", "  vrrp_strict", "}",
                "vrrp_instance A {", "  interface eth0", "  virtual_router_id 3", "  strict_mode false",
                "  authentication {", "    auth_type PASS", "    auth_pass x", "  }",
                "  virtual_ipaddress {", "    192.0.2.7", "  }", "}",
                "vrrp_instance B {", "  interface eth0", "  virtual_router_id 4",
                "  virtual_ipaddress {", "    192.0.2.8", "  }", "}");
        assertFalse(b.config().vrrpInstance("A").orElseThrow().strict());
        assertTrue(b.config().vrrpInstance("A").orElseThrow().authentication().isPresent());
        assertFalse(b.messages().contains("(A) Strict mode does not support authentication. Ignoring."));
        assertTrue(b.config().vrrpInstance("B").orElseThrow().strict());
    }

    @Test
    void duplicateNamesAndMissingInterfaces() {
        var b = Built.of("vrrp_instance A {", "  interface eth0", "  virtual_router_id 3", "  virtual_ipaddress {",
                "    192.0.2.7", "  }", "}",
                "vrrp_instance A {", "  interface eth0", "  virtual_router_id 4", "}",
                "vrrp_instance D {", "  virtual_router_id 7", "  virtual_ipaddress {", "    192.0.2.12", "  }", "}",
                "vrrp_instance E {", "  virtual_router_id 8", "  unicast_src_ip 192.0.2.1", "  unicast_peer {",
                "    192.0.2.9", "  }", "  virtual_ipaddress {", "    192.0.2.13 dev eth1", "  }", "}");
        assertTrue(b.has("vrrp instance A already defined", 8));
        assertTrue(b.messages().contains("(D) Unknown interface!"));
        assertFalse(b.messages().contains("(E) Unknown interface!"));
        assertEquals(3, b.config().vrrpInstances().size());
    }

    @Test
    void strictModeAndVersion3Rules() {
        var b = Built.of("global_defs {", "  vrrp_strict", "}",
                "vrrp_instance A {", "  state MASTER", "  interface eth0", "  virtual_router_id 3", "  priority 100",
                "  authentication {", "    auth_type PASS", "    auth_pass x", "  }",
                "  virtual_ipaddress {", "    192.0.2.7", "    2001:db8::1", "  }", "}",
                "vrrp_instance B {", "  interface eth0", "  virtual_router_id 4", "  preempt_delay 10",
                "  virtual_ipaddress {", "    192.0.2.8", "  }", "}");
        assertTrue(b.has("(A): address family must match VRRP instance [2001:db8::1] - ignoring", 15));
        var m = b.messages();
        assertTrue(m.contains("(A) State MASTER must match being address owner"));
        assertTrue(m.contains("(A) Strict mode does not support authentication. Ignoring."));
        assertTrue(m.contains("(B) preempt_delay is incompatible with strict mode - resetting"));
        var a = b.config().vrrpInstance("A").orElseThrow();
        assertEquals(InitialState.BACKUP, a.initialState());
        assertTrue(a.authentication().isEmpty());
        assertEquals(Duration.ZERO, b.config().vrrpInstance("B").orElseThrow().preemptDelay());

        var v3 = Built.of("vrrp_instance A {", "  interface eth0", "  virtual_router_id 3", "  version 3",
                "  authentication {", "    auth_type PASS", "  }", "  virtual_ipaddress {", "    192.0.2.7", "  }", "}");
        assertTrue(v3.messages().contains("(A) VRRP version 3 does not support authentication. Ignoring."));
    }

    @Test
    void addressesPrintLikeKeepalived() throws Exception {
        assertEquals("2001:db8::1", io.jkeepalived.common.AddressText.of(java.net.InetAddress.getByName("2001:db8:0:0:0:0:0:1")));
        assertEquals("ff02::12", io.jkeepalived.common.AddressText.of(java.net.InetAddress.getByName("ff02::12")));
        assertEquals("::", io.jkeepalived.common.AddressText.of(java.net.InetAddress.getByName("::")));
        assertEquals("2001:db8:0:1:1:1:1:1", io.jkeepalived.common.AddressText.of(java.net.InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("192.0.2.1", io.jkeepalived.common.AddressText.of(java.net.InetAddress.getByName("192.0.2.1")));
    }
}
