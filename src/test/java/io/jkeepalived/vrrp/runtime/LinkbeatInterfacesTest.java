package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.LinkbeatMethod;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.vrrp.plan.HostInterfaces;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which interfaces are polled, as keepalived's parser, vrrp_complete_instance and init_interface_linkbeat decide. */
class LinkbeatInterfacesTest {
    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    /** lo (the interface the configuration checks find on any host), eth9 and the VMAC vrrp.52, each with an address. */
    private static HostInterfaces host() throws Exception {
        int up = Link.IFF_UP | Link.IFF_RUNNING;
        return new HostInterfaces(List.of(
                new Link(1, "lo", up, Link.OperState.UP, "", 65536, Optional.empty(), 0),
                new Link(9, "eth9", up, Link.OperState.UP, "02:00:00:00:00:09", 1500, Optional.of("veth"), 0),
                new Link(52, "vrrp.52", up, Link.OperState.UP, "00:00:5e:00:01:34", 1500, Optional.of("macvlan"), 0)),
                List.of(InterfaceAddress.of(1, InetAddress.getByName("192.0.2.1"), 24),
                        InterfaceAddress.of(9, InetAddress.getByName("198.51.100.1"), 24)));
    }

    private Map<String, LinkbeatMethod> polled(String text, Set<String> tracked) throws Exception {
        var config = load(text);
        return LinkbeatInterfaces.of(config, VrrpPlan.of(config, host()), tracked, log::add);
    }

    private static String instance(String name, String ifname, int vrid, String more) {
        return "vrrp_instance " + name + " {\n interface " + ifname + "\n virtual_router_id " + vrid + "\n" + more
                + " virtual_ipaddress {\n  192.0.2." + (100 + vrid) + "\n }\n}\n";
    }

    @Test
    void topLevelPollingTakesEveryInstancesInterfaceButAVmac() throws Exception {
        var polled = polled("linkbeat_use_polling\n" + instance("VI_1", "lo", 51, "") + instance("VI_2", "lo", 52, " use_vmac\n"),
                Set.of());
        assertEquals(Map.of("lo", LinkbeatMethod.AUTO), polled);
        assertEquals(List.of("Turning off linkbeat for vrrp.52 since netlink works for vmacs/ipvlans"), log);
    }

    @Test
    void withoutItOnlyTheBlockAndTheInstancesThatAskArePolled() throws Exception {
        assertEquals(Map.of(), polled(instance("VI_1", "lo", 51, ""), Set.of()));
        assertEquals(Map.of("lo", LinkbeatMethod.AUTO), polled(instance("VI_1", "lo", 51, " linkbeat_use_polling\n"), Set.of()));
        assertEquals(Map.of("lo", LinkbeatMethod.IOCTL),
                polled("linkbeat_interfaces {\n lo IOCTL\n}\nlinkbeat_use_polling\n" + instance("VI_1", "lo", 51, ""), Set.of()),
                "the block's method stays");
    }

    @Test
    void anInterfaceNoInstanceRunsOnOrTracksIsNotPolled() throws Exception {
        String conf = "linkbeat_interfaces {\n lo ETHTOOL\n}\n" + instance("VI_1", "eth9", 51, "");
        assertEquals(Map.of(), polled(conf, Set.of()));
        assertEquals(List.of("Turning off linkbeat for lo since not used for tracking"), log);
        assertEquals(Map.of("lo", LinkbeatMethod.ETHTOOL), polled(conf, Set.of("lo")), "a tracked interface is polled");
    }
}
