package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.VmacSpec.IpvlanAddress;
import io.jkeepalived.linux.IpvlanFlag;
import io.jkeepalived.linux.Link;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** use_vmac and use_ipvlan: keepalived's names and MACs, and the plan putting adverts and VIPs on the VMAC (or adverts on the base). */
class VmacTest {
    @TempDir
    Path dir;

    KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    @Test
    void keepalivedsMacs() {
        assertEquals("00:00:5e:00:01:33", Vmac.mac(Optional.empty(), false, 51));
        assertEquals("00:00:5e:00:02:ff", Vmac.mac(Optional.empty(), true, 255));
        assertEquals("02:11:22:33:44:33", Vmac.mac(Optional.of("02:11:22:33:44"), false, 51), "five octets: the VRID is the sixth");
        assertEquals("02:11:22:33:44:0a", Vmac.mac(Optional.of("2:11:22:33:44:a"), false, 51));
    }

    @Test
    void keepalivedsNamesForAddressVmacs() {
        assertEquals("vrrp.51", Vmac.freeName("vrrp", 51, false, java.util.Set.of()));
        assertEquals("vrrp1.51", Vmac.freeName("vrrp", 51, false, java.util.Set.of("vrrp.51")));
        assertEquals("vrrp6.51", Vmac.freeName("vrrp", 51, true, java.util.Set.of("vrrp.51")), "IPv6 tries 6 first");
        assertEquals("vrrp1.51", Vmac.freeName("vrrp", 51, true, java.util.Set.of("vrrp.51", "vrrp6.51")));
        assertEquals("vrrp7.51", Vmac.freeName("vrrp", 51, true, java.util.Set.of("vrrp.51", "vrrp6.51", "vrrp1.51",
                "vrrp2.51", "vrrp3.51", "vrrp4.51", "vrrp5.51")), "6 is not tried twice");
        assertEquals("averylongpr.255", Vmac.freeName("averylongprefix", 255, false, java.util.Set.of()), "IFNAMSIZ");
    }

    @Test
    void garpExtraIfInheritsTheGlobalIntervalAndAll() throws Exception {
        var config = load("""
                global_defs {
                    vrrp_garp_extra_if all 5
                }
                vrrp_instance INHERITS {
                    interface lo
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                vrrp_instance OWN {
                    interface lo
                    virtual_router_id 52
                    garp_extra_if 0
                    virtual_ipaddress {
                        192.0.2.101
                    }
                }
                """);
        var inherits = config.vrrpInstances().get(0);
        var own = config.vrrpInstances().get(1);
        assertEquals(Optional.of(java.time.Duration.ofSeconds(5)), inherits.garpExtraIf());
        assertTrue(inherits.garpExtraIfAll());
        assertEquals(Optional.of(java.time.Duration.ZERO), own.garpExtraIf(), "0 turns it off for the instance");
        assertTrue(!own.garpExtraIfAll(), "all comes with the global interval only");
    }

    @Test
    void useVmacAddrPlansAVmacPerOtherInterfaceAndFamily() throws Exception {
        var config = load("""
                global_defs {
                    vmac_addr_prefix vx
                }
                vrrp_instance VI_1 {
                    interface lo
                    virtual_router_id 51
                    use_vmac
                    use_vmac_addr
                    garp_extra_if 2
                    virtual_ipaddress {
                        192.0.2.100
                    }
                    virtual_ipaddress_excluded {
                        2001:db8::100
                        2001:db8::101
                    }
                }
                """);
        assertEquals(List.of(new Vmac("VI_1", "vrrp.51", "lo", "00:00:5e:00:01:33", false, false),
                new Vmac("VI_1", "vx.51", "lo", "00:00:5e:00:02:33", true, false)), VrrpPlan.vmacs(config),
                "the IPv6 eVIPs of an IPv4 instance share a VMAC of their own on the base; the IPv4 VIP is on the instance's");
    }

    @Test
    void advertsAndVipsOnTheVmacUnlessXmitBase() throws Exception {
        var config = load("""
                vrrp_instance ON_VMAC {
                    interface lo
                    virtual_router_id 51
                    use_vmac
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                vrrp_instance XMIT_BASE {
                    interface lo
                    virtual_router_id 52
                    use_vmac vmac52
                    vmac_xmit_base
                    virtual_ipaddress {
                        192.0.2.101
                    }
                }
                """);
        assertEquals(List.of(new Vmac("ON_VMAC", "vrrp.51", "lo", "00:00:5e:00:01:33", false, false),
                new Vmac("XMIT_BASE", "vmac52", "lo", "00:00:5e:00:01:34", false, true)), VrrpPlan.vmacs(config));
        var base = VrrpPlanTest.host();
        var links = new java.util.ArrayList<>(base.links());
        links.add(new Link(7, "vrrp.51", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "00:00:5e:00:01:33", 1500,
                Optional.of("macvlan"), 0));
        links.add(new Link(8, "vmac52", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "00:00:5e:00:01:34", 1500,
                Optional.of("macvlan"), 0));
        var plan = VrrpPlan.of(config, new HostInterfaces(links, base.addresses()));
        assertEquals("vrrp.51", plan.socketOf().get("ON_VMAC").interfaceName());
        assertEquals(InetAddress.getByName("192.0.2.1"), plan.socketOf().get("ON_VMAC").source(), "the base's address");
        assertEquals("vrrp.51", plan.instances().get(0).interfaceName());
        assertEquals(7, plan.addressesOf().get("ON_VMAC").get(0).interfaceIndex());
        assertEquals("lo", plan.socketOf().get("XMIT_BASE").interfaceName());
        assertEquals(8, plan.addressesOf().get("XMIT_BASE").get(0).interfaceIndex(), "the VIP is on the VMAC all the same");
        assertEquals("vmac52", plan.deviceOf().get(InetAddress.getByName("192.0.2.101")), "GARPs leave from the VMAC");
        assertTrue(plan.interfaces().containsAll(List.of("vrrp.51", "vmac52", "lo")));
    }

    @Test
    void useIpvlanIsAnL2IpvlanCarryingItsAddressAndTheAdverts() throws Exception {
        var config = load("""
                vrrp_instance IPVLAN {
                    interface lo
                    virtual_router_id 51
                    use_ipvlan 192.0.2.11/24 private
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                vrrp_instance NAMED {
                    interface lo
                    virtual_router_id 52
                    use_ipvlan ipv52 vepa 192.0.2.12
                    virtual_ipaddress {
                        192.0.2.101
                    }
                    virtual_ipaddress_excluded {
                        2001:db8::101
                    }
                }
                vrrp_instance NO_ADDRESS {
                    interface lo
                    virtual_router_id 53
                    use_ipvlan
                    virtual_ipaddress {
                        192.0.2.102
                    }
                }
                """);
        assertEquals(List.of(
                new Vmac("IPVLAN", "vrrp.51", "lo", "", false, false, Optional.of(new Vmac.Ipvlan(
                        IpvlanFlag.PRIVATE, Optional.of(new IpvlanAddress(InetAddress.getByName("192.0.2.11"), 24)), false))),
                new Vmac("NAMED", "ipv52", "lo", "", false, false, Optional.of(new Vmac.Ipvlan(
                        IpvlanFlag.VEPA, Optional.of(new IpvlanAddress(
                                InetAddress.getByName("192.0.2.12"), 32)), true))),
                new Vmac("NO_ADDRESS", "vrrp.53", "lo", "", false, false, Optional.of(new Vmac.Ipvlan(
                        IpvlanFlag.BRIDGE, Optional.empty(), false)))),
                VrrpPlan.vmacs(config), "IPv6 stays on for E-VIPs of the other family; bridge is the default");
        var base = VrrpPlanTest.host();
        var links = new java.util.ArrayList<>(base.links());
        links.add(new Link(7, "vrrp.51", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 1500, Optional.of("ipvlan"), 0));
        links.add(new Link(8, "ipv52", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 1500, Optional.of("ipvlan"), 0));
        links.add(new Link(9, "vrrp.53", Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 1500, Optional.of("ipvlan"), 0));
        var plan = VrrpPlan.of(config, new HostInterfaces(links, base.addresses()));
        assertEquals("vrrp.51", plan.socketOf().get("IPVLAN").interfaceName());
        assertEquals(InetAddress.getByName("192.0.2.11"), plan.socketOf().get("IPVLAN").source(), "the ipvlan's address");
        assertEquals(1, plan.addressesOf().get("IPVLAN").get(0).interfaceIndex(), "the VIP stays on the base, as keepalived's");
        assertEquals("lo", plan.deviceOf().get(InetAddress.getByName("192.0.2.100")), "and its GARPs");
        assertEquals(1, plan.addressesOf().get("NAMED").get(0).interfaceIndex());
        assertEquals(1, plan.addressesOf().get("NAMED").get(1).interfaceIndex(), "an E-VIP of the other family stays on the base");
        var params = plan.instances().stream().collect(java.util.stream.Collectors.toMap(
                io.jkeepalived.vrrp.engine.InstanceParams::name, p -> p));
        assertEquals(false, params.get("IPVLAN").configFault());
        assertEquals(true, params.get("NO_ADDRESS").configFault(), "keepalived: an IPv4 ipvlan requires an address");

        var noIpvlans = VrrpPlan.of(config, base);
        assertEquals("lo", noIpvlans.socketOf().get("IPVLAN").interfaceName(), "an ipvlan that could not be made");
        assertTrue(noIpvlans.instances().get(0).configFault(), "its instance stays in FAULT, as keepalived's");
    }

    @Test
    void useIpvlanMistakesAreKeepalivedsMessages() throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, """
                vrrp_instance NO_ADDRESS {
                    interface lo
                    virtual_router_id 51
                    use_ipvlan bridge vepa
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                vrrp_instance OTHER_FAMILY {
                    interface lo
                    virtual_router_id 52
                    use_ipvlan 2001:db8::5/64 192.0.2.5
                    virtual_ipaddress {
                        192.0.2.101
                    }
                }
                """);
        var sink = new DiagnosticSink();
        var config = ConfigTest.load(f, "", false, sink);
        var messages = sink.findings().stream().map(io.jkeepalived.config.Diagnostic::message).toList();
        assertTrue(messages.contains("(NO_ADDRESS) ipvlan type already specified - ignoring 'vepa'"), messages.toString());
        assertTrue(messages.contains("(NO_ADDRESS) IPv4 ipvlan requires a source ip address to be configured."
                + " setting instance to fault state"), messages.toString());
        assertTrue(messages.contains("(OTHER_FAMILY) ipvlan address already specified - ignoring '192.0.2.5'"),
                messages.toString());
        assertTrue(messages.contains("(OTHER_FAMILY) IPv4 ipvlan address family does not match instance."
                + " setting instance to fault state"), messages.toString());
        assertEquals(List.of(1, 1), config.vrrpInstances().stream().map(i -> i.configFaults()).toList());
        assertEquals(Optional.empty(), Vmac.of(config.vrrpInstances().get(1), config.globalDefs()).orElseThrow().ipvlan()
                .orElseThrow().address(), "an address of the other family is not put on the ipvlan");
    }
}
