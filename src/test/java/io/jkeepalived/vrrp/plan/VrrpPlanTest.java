package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VrrpPlan on a hand-made host: shared sockets, sources, VIP specs, clear errors. */
class VrrpPlanTest {
    @TempDir
    Path dir;

    /** "lo" exists on every host the config layer may look at; the plan only sees this fake host. */
    static HostInterfaces host() throws Exception {
        var lo = new Link(1, "lo", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 65536, Optional.empty(), 0);
        return new HostInterfaces(List.of(lo), List.of(
                InterfaceAddress.of(1, InetAddress.getByName("192.0.2.1"), 24),
                InterfaceAddress.of(1, InetAddress.getByName("192.0.2.9"), 24).withFlags(InterfaceAddress.IFA_F_SECONDARY),
                InterfaceAddress.of(1, InetAddress.getByName("fe80::1"), 64).withScope(InterfaceAddress.RT_SCOPE_LINK)));
    }

    KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    @Test
    void aThousandInstancesOnOneInterfaceShareOneSocket() throws Exception {
        var sb = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            int vrid = (i - 1) % 255 + 1;
            sb.append("vrrp_instance VI_").append(i).append(" {\n interface lo\n virtual_router_id ").append(vrid)
                    .append("\n priority 100\n").append(i > 255 ? " version 3\n" : "")
                    .append(" virtual_ipaddress {\n  198.18.").append(i / 250).append('.').append(i % 250 + 1).append("\n }\n}\n");
        }
        // VRIDs repeat after 255 - the engine refuses a VRID twice on one interface; the plan only counts sockets
        var plan = VrrpPlan.of(load(sb.toString()), host());
        assertEquals(1000, plan.instances().size());
        assertEquals(1, new HashSet<>(plan.socketOf().values()).size(), "one socket for every multicast IPv4 instance on lo");
    }

    @Test
    void sourcesVipsAndUnicastSockets() throws Exception {
        var plan = VrrpPlan.of(load("""
                vrrp_instance A {
                    interface lo
                    virtual_router_id 1
                    virtual_ipaddress {
                        192.0.2.100
                        192.0.2.101/24 brd + scope link label lo:v
                    }
                }
                vrrp_instance B {
                    interface lo
                    virtual_router_id 2
                    unicast_src_ip 192.0.2.9
                    unicast_peer {
                        192.0.2.2
                    }
                    virtual_ipaddress {
                        192.0.2.102
                    }
                }
                vrrp_instance C {
                    interface lo
                    virtual_router_id 3
                    virtual_ipaddress {
                        2001:db8::100
                    }
                }
                """), host());
        assertEquals("192.0.2.1", plan.socketOf().get("A").source().getHostAddress(), "the primary, not the secondary");
        assertEquals("192.0.2.9", plan.socketOf().get("B").source().getHostAddress());
        assertEquals(List.of(InetAddress.getByName("192.0.2.2")), plan.socketOf().get("B").unicastPeers());
        assertEquals("fe80:0:0:0:0:0:0:1", plan.socketOf().get("C").source().getHostAddress(), "IPv6 uses the link-local");
        assertEquals(3, new HashSet<>(plan.socketOf().values()).size());

        InterfaceAddress a0 = plan.addressesOf().get("A").get(0);
        InterfaceAddress a1 = plan.addressesOf().get("A").get(1);
        assertEquals(32, a0.prefixLength(), "no mask means /32");
        assertEquals(24, a1.prefixLength());
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.255")), a1.broadcast());
        assertEquals(InterfaceAddress.RT_SCOPE_LINK, a1.scope());
        assertEquals(Optional.of("lo:v"), a1.label());
        InterfaceAddress c0 = plan.addressesOf().get("C").get(0);
        assertEquals(128, c0.prefixLength());
        assertTrue((c0.flags() & InterfaceAddress.IFA_F_NODAD) != 0, "IPv6 VIPs skip DAD");
        assertTrue(plan.socketOf().get("A").logLine(13).equals(
                "VRRP sockpool: [ifindex(  1), family(IPv4), proto(112), fd(13,13) multicast, address(224.0.0.18)]"));
    }

    @Test
    void anInterfaceWithoutAddressIsNamedInTheError() throws Exception {
        var lo = new Link(1, "lo", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 65536, Optional.empty(), 0);
        var bare = new HostInterfaces(List.of(lo), List.of());
        var e = assertThrows(VrrpPlan.PlanException.class, () -> VrrpPlan.of(load("""
                vrrp_instance A {
                    interface lo
                    virtual_router_id 1
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                """), bare));
        assertEquals("(A) Cannot find an IP address to use for interface lo", e.getMessage());
    }
}
