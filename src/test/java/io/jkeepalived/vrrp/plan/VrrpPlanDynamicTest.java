package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dynamic_interfaces in the plan: instances that cannot run on the host are absent (config fault, no socket). */
class VrrpPlanDynamicTest {
    @TempDir
    Path dir;

    private static final String INSTANCES = """
            vrrp_instance ON_LO {
                interface lo
                virtual_router_id 1
                virtual_ipaddress {
                    192.0.2.100
                }
            }
            vrrp_instance ON_ETH9 {
                interface eth9
                virtual_router_id 2
                virtual_ipaddress {
                    192.0.2.101
                }
            }
            """;

    KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    static Link link(int index, String name) {
        return new Link(index, name, Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 1500, Optional.empty(), 0);
    }

    static HostInterfaces host(List<Link> links, List<InterfaceAddress> addresses) {
        return new HostInterfaces(links, addresses);
    }

    static InterfaceAddress v4(int index, String a) throws Exception {
        return InterfaceAddress.of(index, InetAddress.getByName(a), 24);
    }

    @Test
    void aMissingInterfaceIsAnErrorWithoutDynamicInterfaces() throws Exception {
        var e = assertThrows(VrrpPlan.PlanException.class, () -> VrrpPlan.of(load(INSTANCES),
                host(List.of(link(1, "lo")), List.of(v4(1, "192.0.2.1")))));
        assertEquals("(ON_ETH9) interface eth9 does not exist", e.getMessage());
    }

    @Test
    void withDynamicInterfacesAMissingInterfaceOrAddressMakesTheInstanceAbsent() throws Exception {
        var config = load("global_defs {\n dynamic_interfaces\n}\n" + INSTANCES);
        var noEth9 = VrrpPlan.of(config, host(List.of(link(1, "lo")), List.of(v4(1, "192.0.2.1"))));
        assertEquals(Map.of("ON_ETH9", "interface eth9 down"), noEth9.absent());
        assertEquals(Set.of("ON_LO"), noEth9.socketOf().keySet(), "no socket for an absent instance");
        assertTrue(noEth9.instances().stream().filter(p -> p.name().equals("ON_ETH9")).findFirst().orElseThrow().configFault(),
                "absent: FAULT for the whole run");
        assertFalse(noEth9.instances().getFirst().configFault());
        assertTrue(noEth9.interfaces().contains("eth9"), "watched while missing");

        var eth9NoAddress = VrrpPlan.of(config, host(List.of(link(1, "lo"), link(7, "eth9")), List.of(v4(1, "192.0.2.1"))));
        assertEquals(Map.of("ON_ETH9", "no IPv4 address for interface"), eth9NoAddress.absent());
        assertEquals(Set.of(), VrrpPlan.runnableAnew(noEth9, eth9NoAddress), "still cannot run: nothing to plan again");

        var eth9 = VrrpPlan.of(config, host(List.of(link(1, "lo"), link(7, "eth9")),
                List.of(v4(1, "192.0.2.1"), v4(7, "198.51.100.1"))));
        assertEquals(Map.of(), eth9.absent());
        assertEquals(7, eth9.socketOf().get("ON_ETH9").interfaceIndex());
        assertEquals(Set.of("ON_ETH9"), VrrpPlan.runnableAnew(noEth9, eth9));
        assertEquals(Set.of(), VrrpPlan.runnableAnew(eth9, eth9));

        // deleted: already FAULT through its link, no new plan; made again with another ifindex: planned again
        assertEquals(Set.of(), VrrpPlan.runnableAnew(eth9, noEth9));
        var eth9Again = VrrpPlan.of(config, host(List.of(link(1, "lo"), link(12, "eth9")),
                List.of(v4(1, "192.0.2.1"), v4(12, "198.51.100.1"))));
        assertEquals(Set.of("ON_ETH9"), VrrpPlan.runnableAnew(eth9, eth9Again));
    }

    @Test
    void aVipOnAMissingInterfaceMakesTheInstanceAbsent() throws Exception {
        var config = load("""
                global_defs {
                    dynamic_interfaces
                }
                vrrp_instance A {
                    interface lo
                    virtual_router_id 1
                    virtual_ipaddress {
                        198.51.100.100/24 dev eth9
                    }
                }
                """);
        var plan = VrrpPlan.of(config, host(List.of(link(1, "lo")), List.of(v4(1, "192.0.2.1"))));
        assertEquals(Map.of("A", "interface eth9 down"), plan.absent());
    }
}
