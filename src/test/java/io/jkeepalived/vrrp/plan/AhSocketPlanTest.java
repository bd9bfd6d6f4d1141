package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.StandardProtocolFamily;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VRRPv2 auth_type AH instances get their own sockpool entry: an IPv4 IP_HDRINCL socket on protocol 51, never
 * shared with the protocol 112 socket of PASS / no-auth instances on the same interface.
 */
class AhSocketPlanTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    @Test
    void ahInstancesGetAnIpHdrinclProtocol51Socket() throws Exception {
        var plan = VrrpPlan.of(load("""
                vrrp_instance AH1 {
                    interface lo
                    virtual_router_id 1
                    priority 100
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.0.2.101
                    }
                }
                vrrp_instance AH2 {
                    interface lo
                    virtual_router_id 2
                    priority 100
                    authentication {
                        auth_type AH
                        auth_pass other
                    }
                    virtual_ipaddress {
                        192.0.2.102
                    }
                }
                vrrp_instance PASS {
                    interface lo
                    virtual_router_id 3
                    priority 100
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.0.2.103
                    }
                }
                """), VrrpPlanTest.host());
        SocketKey ah = plan.socketOf().get("AH1");
        assertTrue(ah.authenticationHeader());
        assertEquals(ah, plan.socketOf().get("AH2"), "AH instances on one interface share one socket");
        assertNotEquals(ah, plan.socketOf().get("PASS"), "AH and protocol 112 instances never share a socket");
        var spec = ah.spec();
        assertEquals(51, spec.protocol());
        assertTrue(spec.ipHeaderIncluded());
        assertFalse(plan.socketOf().get("PASS").spec().ipHeaderIncluded());
        assertEquals(112, plan.socketOf().get("PASS").spec().protocol());
        assertEquals("VRRP sockpool: [ifindex(  1), family(IPv4), proto(51), fd(7,7) multicast, address(224.0.0.18)]",
                ah.logLine(7));
    }

    @Test
    void ahOverIpv6IsRefusedWithAClearError() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> new SocketKey("eth0", 2, StandardProtocolFamily.INET6,
                InetAddress.getByName("fe80::1"), List.of(), 255, true));
        assertTrue(e.getMessage().contains("IPv4 only") && e.getMessage().contains("eth0"), e.getMessage());
    }
}
