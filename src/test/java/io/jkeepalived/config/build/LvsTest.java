package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.UrlSpec;
import io.jkeepalived.config.model.VirtualServerAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LvsTest {
    @Test
    void virtualServerDefaultsAndInheritance() {
        var b = Built.of("virtual_server 192.0.2.1 80 {",
                "  delay_loop 6",
                "  lb_algo rr",
                "  lb_kind DR",
                "  protocol TCP",
                "  persistence_timeout",
                "  retry 4",
                "  real_server 192.0.2.11 80 {",
                "    weight 3",
                "    TCP_CHECK {",
                "      connect_timeout 2",
                "    }",
                "    HTTP_GET {",
                "      url {",
                "        path /health",
                "        status_code 200 301-302",
                "      }",
                "      url {",
                "        path /",
                "        digest 9B3A0C85A887A256D6939DA88AABD8CD",
                "      }",
                "    }",
                "  }",
                "}");
        assertEquals(List.of(), b.messages());
        var vs = b.config().virtualServers().get(0);
        assertInstanceOf(VirtualServerAddress.IpPort.class, vs.address());
        assertEquals("rr", vs.scheduler());
        assertEquals(ForwardingMethod.Kind.DR, vs.forwardingMethod().kind());
        assertEquals(Duration.ofSeconds(360), vs.persistenceTimeout().orElseThrow());
        assertEquals(1, vs.quorum());
        var rs = vs.realServers().get(0);
        assertEquals(3, rs.weight());
        var tcp = rs.checkers().get(0);
        assertEquals(Duration.ofSeconds(2), tcp.common().connectTimeout());
        assertEquals(4, tcp.common().retry(), "retry inherited from the virtual_server");
        assertEquals(Duration.ofSeconds(6), tcp.common().delayLoop());
        assertEquals(Duration.ofSeconds(1), tcp.common().delayBeforeRetry());
        assertEquals(80, tcp.common().connectPort());
        var http = assertInstanceOf(CheckerSpec.HttpGetSpec.class, rs.checkers().get(1));
        assertEquals(Duration.ofSeconds(5), http.common().connectTimeout());
        assertEquals(Duration.ofSeconds(3), http.common().delayBeforeRetry(), "HTTP_GET waits 3 s between retries");
        assertEquals(List.of(new UrlSpec.StatusRange(200, 200), new UrlSpec.StatusRange(301, 302)), http.urls().get(0).statusCodes());
        assertEquals(UrlSpec.DEFAULT_STATUS, http.urls().get(1).statusCodes());
        assertEquals("9b3a0c85a887a256d6939da88aabd8cd", http.urls().get(1).digest().orElseThrow());
    }

    @Test
    void checkerTypeDefaults() {
        var b = Built.of("virtual_server 192.0.2.1 53 {", "  protocol UDP", "  lvs_sched wlc", "  lvs_method NAT",
                "  real_server 192.0.2.11 53 {",
                "    DNS_CHECK {", "    }",
                "    MISC_CHECK {", "      misc_path \"/usr/local/bin/check arg1\"", "      misc_dynamic", "    }",
                "    UDP_CHECK {", "      payload 0a0b", "      require_reply", "    }",
                "    SMTP_CHECK {", "      helo_name mx.example.org", "      host {", "        connect_ip 192.0.2.12",
                "        connect_port 25", "      }", "    }",
                "    PING_CHECK {", "    }",
                "  }", "}");
        assertEquals(List.of(), b.messages());
        var c = b.config().virtualServers().get(0).realServers().get(0).checkers();
        var dns = assertInstanceOf(CheckerSpec.DnsCheckSpec.class, c.get(0));
        assertEquals("SOA", dns.type());
        assertEquals(".", dns.name());
        assertEquals(3, dns.common().retry());
        assertEquals(Duration.ofSeconds(60), dns.common().delayBeforeRetry());
        var misc = assertInstanceOf(CheckerSpec.MiscCheckSpec.class, c.get(1));
        assertEquals(List.of("/usr/local/bin/check", "arg1"), misc.path().argv());
        assertEquals(0, misc.common().retry());
        assertTrue(misc.dynamic());
        var udp = assertInstanceOf(CheckerSpec.UdpCheckSpec.class, c.get(2));
        assertEquals(2, udp.payload().orElseThrow().length);
        assertEquals(255, udp.maxReplyLength());
        var smtp = assertInstanceOf(CheckerSpec.SmtpCheckSpec.class, c.get(3));
        assertEquals("192.0.2.12", smtp.hosts().get(0).connectIp().getHostAddress());
        assertInstanceOf(CheckerSpec.PingCheckSpec.class, c.get(4));
    }

    @Test
    void keepalivedsMessagesForBadValuesAndMissingSettings() {
        var b = Built.of("virtual_server 192.0.2.1 80 {",
                "  lb_algo foo",
                "  lb_kind BAR",
                "  protocol XYZ",
                "  quorum 0",
                "  real_server 192.0.2.2 80 {",
                "    weight -1",
                "    TCP_CHECK {",
                "      connect_timeout xyz",
                "    }",
                "  }",
                "}",
                "virtual_server fwmark 1 {", "  protocol TCP", "  real_server 192.0.2.3 80 {", "  }", "}",
                "virtual_server 192.0.2.9 80 {", "  protocol TCP", "}");
        assertTrue(b.has("Invalid lvs_scheduler 'foo' - ignoring", 2));
        assertTrue(b.has("PARSER : unknown [BAR] routing method for virtual server.", 3));
        assertTrue(b.has("Unknown protocol XYZ - ignoring", 4));
        assertTrue(b.has("Quorum 0 must be in [1, 4294967295]. Setting to 1.", 5));
        assertTrue(b.has("Real server weight -1 is outside range 0-2147483647", 7));
        assertTrue(b.has("connect_timeout xyz invalid - ignoring", 9));
        var m = b.messages();
        assertTrue(m.contains("Virtual server [192.0.2.1]:none:80: no protocol set - defaulting to UDP"));
        assertTrue(m.contains("Virtual server [192.0.2.1]:udp:80: no scheduler set, setting default 'wlc'"));
        assertTrue(m.contains("Virtual server [192.0.2.1]:udp:80: no forwarding method set, setting default NAT"));
        assertTrue(m.contains("Warning: Virtual server FWM 1: protocol specified for fwmark - protocol will be ignored"));
        assertTrue(m.contains("Virtual server [192.0.2.9]:tcp:80 has no real servers - ignoring"));
        assertEquals(2, b.config().virtualServers().size());
    }

    @Test
    void virtualServerGroups() {
        var b = Built.of("virtual_server_group G {", "  192.0.2.10-20 80", "  198.51.100.0/30 443", "  fwmark 7", "}");
        var e = b.config().virtualServerGroups().get(0).entries();
        assertEquals(3, e.size());
        var r = (io.jkeepalived.config.model.VirtualServerGroupSpec.AddressRange) e.get(0);
        assertEquals("192.0.2.20", r.last().getHostAddress());
        assertEquals(80, r.port());
        var net = (io.jkeepalived.config.model.VirtualServerGroupSpec.AddressRange) e.get(1);
        assertEquals("198.51.100.3", net.last().getHostAddress());
    }

    @Test
    void checkersWithoutTheirEssentialsAndDuplicateRealServers() {
        var b = Built.of("virtual_server 192.0.2.1 80 {", "  protocol TCP", "  lb_algo rr", "  lb_kind NAT",
                "  real_server 192.0.2.2 80 {",
                "    HTTP_GET {",
                "    }",
                "    MISC_CHECK {",
                "      misc_timeout 3",
                "    }",
                "  }",
                "  real_server 192.0.2.2 80 {",
                "  }",
                "}");
        assertTrue(b.has("HTTP/SSL_GET checker has no urls specified - ignoring", 7));
        assertTrue(b.has("No script path has been specified for MISC_CHECKER - skipping", 10));
        assertTrue(b.messages().contains("VS [192.0.2.1]:tcp:80: real server [192.0.2.2]:tcp:80 is duplicated - removing second rs"));
        var vs = b.config().virtualServers().get(0);
        assertEquals(1, vs.realServers().size());
        assertTrue(vs.realServers().get(0).checkers().isEmpty());
    }

    @Test
    void keepalivedsFinalChecksOnVirtualServers() {
        var b = Built.of("virtual_server 192.0.2.1 80 {", "  protocol TCP", "  lb_algo rr", "  lb_kind NAT", "  quorum 5",
                "  real_server 192.0.2.2 80 {", "  }", "}",
                "virtual_server 192.0.2.3 0 {", "  protocol TCP", "  lb_algo rr", "  lb_kind NAT", "  ops",
                "  real_server 192.0.2.4 80 {", "  }", "}",
                "virtual_server fwmark 9 {", "  lb_algo rr", "  lb_kind DR", "  ha_suspend",
                "  real_server 192.0.2.5 {", "  }", "}",
                "virtual_server 192.0.2.6 80 {", "  protocol TCP", "  lb_algo rr", "  lb_kind NAT",
                "  real_server 192.0.2.7 80 {", "    MISC_CHECK {", "      misc_path /bin/check", "    }", "  }", "}");
        var m = b.messages();
        assertTrue(m.contains("Warning - quorum 5 for [192.0.2.1]:tcp:80 exceeds total weight of real servers 1, reducing quorum to 1"));
        assertTrue(m.contains("Virtual server [192.0.2.3]:tcp:0: one packet scheduling requires UDP - resetting"));
        assertTrue(m.contains("Virtual server [192.0.2.3]:tcp:0: zero port only valid for persistent sevices - setting"));
        assertTrue(m.contains("Virtual server FWM 9: cannot use ha_suspend with fwmarks - clearing ha_suspend"));
        assertTrue(m.contains("SECURITY VIOLATION - check scripts are being executed but script_security not enabled."));
        var vs = b.config().virtualServers();
        assertEquals(1, vs.get(0).quorum());
        assertEquals(0, vs.get(0).hysteresis());
        assertEquals(Duration.ofSeconds(360), vs.get(1).persistenceTimeout().orElseThrow());
        assertTrue(vs.get(1).schedulerFlags().isEmpty());
        assertTrue(!vs.get(2).haSuspend());
    }
}
