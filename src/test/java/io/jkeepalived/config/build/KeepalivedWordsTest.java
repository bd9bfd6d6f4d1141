package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.Trees;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A configuration full of mistakes, with what keepalived 2.2.7 printed for it (recorded with
 * {@code keepalived -t} in a namespace with eth0..eth3): every line of it must be one of our findings.
 */
class KeepalivedWordsTest {
    @Test
    void sameWordsAtTheSameLinesAsKeepalived() {
        var lines = new String[] {
            "global_defs {",
            "   router_id R",
            "   vrrp_version 4",
            "   vrrp_garp_master_delay -1",
            "   script_user nobody_here_xyz",
            "   enable_script_security",
            "}",
            "vrrp_script s1 {",
            "   script \"/bin/true\"",
            "   interval 2",
            "   fall 0",
            "   rise -3",
            "   timeout 0",
            "}",
            "vrrp_instance A {",
            "   state BACKUP",
            "   interface eth0",
            "   virtual_router_id 10",
            "   priority 100",
            "   garp_master_repeat abc",
            "   unicast_ttl 300",
            "   down_timer_adverts 200",
            "   virtual_ipaddress {",
            "      192.0.2.50/24 dev eth0 scope bogus",
            "      192.0.2.51 brd 192.0.2.255 dev eth1 label toolonglabelname12345",
            "   }",
            "   track_script {",
            "      s1",
            "   }",
            "   track_interface {",
            "      eth1 weight 300",
            "   }",
            "}"};
        // keepalived's output, "(file: Line N) message" with N shifted to this array (its file had advert_int on line 21).
        var expected = List.of(
                "3|number '4' outside range [2, 3]", "3|VRRP Error: Version must be either 2 or 3",
                "4|negative number '-1'", "4|vrrp_garp_master_delay '-1' invalid - ignoring",
                "5|Error setting global script uid/gid",
                "11|number '0' outside range [1, 2147483647]", "11|(s1): vrrp script fall value '0' invalid, defaulting to 1",
                "12|negative number '-3'", "12|(s1): vrrp script rise value '-3' invalid, defaulting to 1",
                "13|(s1): vrrp script timeout must be greater than 0, setting to 1",
                "14|Unable to set default user for vrrp script s1 - removing",
                "20|invalid number 'abc'", "20|(A): garp_master_repeat 'abc' invalid - ignoring",
                "21|number '300' outside range [0, 255]", "21|(A): TTL '300' not valid - must be between 0 & 255",
                "22|number '200' outside range [1, 100]", "22|(A): Invalid down_timer_adverts [1:100] '200'",
                "24|Invalid scope 'bogus' specified for 192.0.2.50/24 - ignoring",
                "25|Address label toolonglabelname12345 is longer than maximum length 15 - removing address",
                "28|(A) track script s1 not found, ignoring...",
                "31|number '300' outside range [-254, 254]",
                "31|(A) weight 300 for eth1 must be between [-253..253] inclusive. Ignoring...");
        var sink = new DiagnosticSink();
        new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0", "eth1")), argv -> ScriptFinder.Found.EXECUTABLE,
                name -> !name.equals("nobody_here_xyz")).build(Trees.parse(lines));
        for (var e : expected) {
            int line = Integer.parseInt(e.substring(0, e.indexOf('|')));
            var text = e.substring(e.indexOf('|') + 1);
            assertTrue(sink.findings().stream().anyMatch(d -> d.pos().line() == line && d.message().equals(text)),
                    "missing at line " + line + ": " + text + "\nours: " + sink.findings());
        }
    }

    @Test
    void lvsMistakesInKeepalivedsWords() {
        var lines = new String[] {
            "virtual_server 192.0.2.1 80 {",
            "   delay_loop 0",
            "   lvs_sched rr",
            "   lvs_method NAT",
            "   protocol TCP",
            "   persistence_timeout abc",
            "   hysteresis -2",
            "   sorry_server 192.0.2.999 80",
            "   real_server 192.0.2.2 80 {",
            "      HTTP_GET {",
            "         connect_port 70000",
            "         url {",
            "            path /",
            "            status_code 999",
            "            digest xyz",
            "         }",
            "      }",
            "      DNS_CHECK {",
            "         type BOGUS",
            "      }",
            "      UDP_CHECK {",
            "         payload zz11",
            "      }",
            "   }",
            "}"};
        // Recorded from keepalived 2.2.7 -t on this exact file.
        var expected = List.of(
                "2|number '0' outside range [0.000001, 18446744073709.551614]",
                "2|virtual server delay loop '0' invalid - ignoring",
                "6|invalid number 'abc'", "6|persistence_timeout invalid",
                "7|negative number '-2'", "7|Hysteresis -2 must be in [0, 4294967295] - ignoring",
                "8|Invalid sorry server IP address 192.0.2.999 - skipping",
                "11|number '70000' outside range [1, 65535]", "11|Invalid checker connect_port '70000'",
                "14|Invalid HTTP_GET status code '999'",
                "15|digest 'xyz' character length should be 32 rather than 3",
                "19|Unknown DNS check type BOGUS - ignoring",
                "22|Invalid hex string for UDP_CHECK payload");
        var sink = new DiagnosticSink();
        new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING, name -> true)
                .build(Trees.parse(lines));
        for (var e : expected) {
            int line = Integer.parseInt(e.substring(0, e.indexOf('|')));
            var text = e.substring(e.indexOf('|') + 1);
            assertTrue(sink.findings().stream().anyMatch(d -> d.pos().line() == line && d.message().equals(text)),
                    "missing at line " + line + ": " + text + "\nours: " + sink.findings());
        }
    }

    @Test
    void globalAndAddressMistakesInKeepalivedsWords() {
        var lines = new String[] {
            "global_defs {",
            "   smtp_server 192.0.2.300",
            "   vrrp_mcast_group4 10.0.0.1",
            "   vrrp_mcast_group6 ff02::zz",
            "   vrrp_garp_interval 5",
            "   vrrp_down_timer_adverts 0",
            "   umask 999",
            "   startup_script_timeout 5000",
            "   max_auto_priority 200",
            "}",
            "vrrp_instance A {",
            "   interface eth0",
            "   virtual_router_id 10",
            "   mcast_src_ip 192.0.2.999",
            "   unicast_peer {",
            "      192.0.2.400",
            "   }",
            "   virtual_ipaddress {",
            "      192.0.2.60",
            "   }",
            "}"};
        var expected = List.of(
                "2|Invalid smtp server 192.0.2.300 25",
                "3|vrrp_mcast_group4 [10.0.0.1] is not multicast. Skipping",
                "4|Can't parse vrrp_mcast_group6 [ff02::zz]. Skipping",
                "6|number '0' outside range [1, 100]", "6|Invalid vrrp_down_timer_adverts [1:100] '0'",
                "7|invalid umask value 999",
                "8|number '5000' outside range [1, 1000]", "8|startup_script_timeout '5000' must be in [1, 1000] - ignoring",
                "9|number '200' outside range [-1, 99]",
                "9|max_auto_priority '200' must be in [0, 99] (or -1 to disable) - ignoring",
                "14|Configuration error: VRRP instance[A] malformed src address[192.0.2.999]. Skipping...",
                "16|Configuration error: VRRP instance[A] malformed unicast peer address[192.0.2.400]. Skipping...",
                "0|(A) A unicast keyword has been specified without any unicast peers. Defaulting to multicast."
                        + " This usage is deprecated - please update your configuration.");
        var sink = new DiagnosticSink();
        new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING, name -> true)
                .build(Trees.parse(lines));
        for (var e : expected) {
            int line = Integer.parseInt(e.substring(0, e.indexOf('|')));
            var text = e.substring(e.indexOf('|') + 1);
            assertTrue(sink.findings().stream().anyMatch(d -> d.pos().line() == line && d.message().equals(text)),
                    "missing at line " + line + ": " + text + "\nours: " + sink.findings());
        }
        assertTrue(sink.findings().stream().noneMatch(d -> d.pos().line() == 5 && d.severity() != Severity.UNSUPPORTED),
                "vrrp_garp_interval 5 is accepted");
    }

    @Test
    void umaskIsOctalOrPermissionNames() {
        org.junit.jupiter.api.Assertions.assertEquals(0177, Umask.parse(List.of("0177")));
        org.junit.jupiter.api.Assertions.assertEquals(022, Umask.parse(List.of("IWGRP|IWOTH")));
        org.junit.jupiter.api.Assertions.assertEquals(-1, Umask.parse(List.of("999")));
        org.junit.jupiter.api.Assertions.assertEquals(-1, Umask.parse(List.of("IWHAT")));
    }

    @Test
    void trackerMistakesInKeepalivedsWords() {
        var lines = new String[] {
            "track_file tf {",
            "   weight abc",
            "}",
            "vrrp_track_process p1 {",
            "   quorum 0",
            "   weight 300",
            "}",
            "bfd_instance b1 {",
            "   min_rx 0",
            "}",
            "vrrp_sync_group G {",
            "   group {",
            "      A",
            "   }",
            "   track_script {",
            "      nosuch",
            "   }",
            "}",
            "vrrp_instance A {",
            "   interface eth0",
            "   virtual_router_id 10",
            "   track_file {",
            "      tf",
            "   }",
            "   track_process {",
            "      p1",
            "   }",
            "   track_bfd {",
            "      b1",
            "   }",
            "   virtual_ipaddress {",
            "      192.0.2.60",
            "   }",
            "}"};
        var expected = List.of(
                "2|invalid number 'abc'", "2|Weight (abc) for track_file tf must be between [-254..254] inclusive. Ignoring...",
                "3|No file set for track_file tf - ignoring",
                "5|number '0' outside range [1, 65535]",
                "5|Quorum (0) for vrrp_track_process p1 must be between [1..65535] inclusive. Ignoring...",
                "6|number '300' outside range [-254, 254]",
                "6|Weight (300) for vrrp_track_process p1 must be between [-254..254] inclusive. Ignoring...",
                "7|track process 'p1' process name not specified",
                "16|(G) track script nosuch not found, ignoring...",
                "23|(A) track file tf not found, ignoring...",
                "26|(A) track process p1 not found, ignoring...",
                "0|Sync group G has only 1 virtual router(s) - this probably isn't what you want",
                "9|number '0' outside range [1.000, 4294967.000]",
                "9|Configuration error: BFD instance b1 min_rx value 0 is not valid (must be in range [1-4294967]), ignoring",
                "10|Configuration error: BFD instance b1 has no neighbor address set, disabling instance");
        var sink = new DiagnosticSink();
        new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING, name -> true)
                .build(Trees.parse(lines));
        for (var e : expected) {
            int line = Integer.parseInt(e.substring(0, e.indexOf('|')));
            var text = e.substring(e.indexOf('|') + 1);
            assertTrue(sink.findings().stream().anyMatch(d -> d.pos().line() == line && d.message().equals(text)),
                    "missing at line " + line + ": " + text + "\nours: " + sink.findings());
        }
        assertTrue(sink.findings().stream().noneMatch(d -> d.message().contains("track bfd b1")),
                "a disabled bfd_instance is dropped silently, as keepalived does");
    }

    @Test
    void instanceMistakesInKeepalivedsWords() {
        var lines = new String[] {
            "vrrp_instance A {",
            "   interface eth0",
            "   virtual_router_id 10",
            "   state FOO",
            "   smtp_alert maybe",
            "   version 5",
            "   advert_int 300",
            "   virtual_ipaddress {",
            "      192.0.2.60",
            "   }",
            "   virtual_ipaddress_excluded {",
            "      192.0.2.61/24 dev eth7",
            "   }",
            "}"};
        var expected = List.of(
                "4|(A) unknown state 'FOO', defaulting to BACKUP",
                "5|Invalid vrrp_instance smtp_alert parameter maybe",
                "6|number '5' outside range [2, 3]", "6|(A): Version must be either 2 or 3",
                "7|number '300' outside range [0.010000, 255.000000]",
                "7|(A) Advert interval (300) not valid! Must be > 0 - ignoring",
                "12|WARNING - interface eth7 for ip address 192.0.2.61/24 doesn't exist",
                "0|Non-existent interface specified in configuration");
        var sink = new DiagnosticSink();
        new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING, name -> true)
                .build(Trees.parse(lines));
        for (var e : expected) {
            int line = Integer.parseInt(e.substring(0, e.indexOf('|')));
            var text = e.substring(e.indexOf('|') + 1);
            assertTrue(sink.findings().stream().anyMatch(d -> d.pos().line() == line && d.message().equals(text)),
                    "missing at line " + line + ": " + text + "\nours: " + sink.findings());
        }
    }
}
