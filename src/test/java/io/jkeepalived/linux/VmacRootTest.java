package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** A keepalived-style VMAC (macvlan 00:00:5e:00:01:VRID) made over rtnetlink; adverts and GARPs leave from it. */
@Tag("root")
class VmacRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.ipv4OnAOnly("v");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @Test
    void vmacIsCreatedUsedAndDeleted() throws Exception {
        int parent = RootNs.ifindex(a, "va");
        int vmac = RootNs.in(a, () -> {
            try (var nl = Linux.openRtnetlink()) {
                int index = nl.addMacvlan("vrrp.51", parent, "00:00:5e:00:01:33");
                nl.setLinkUp(index, true);
                var link = nl.links().stream().filter(l -> l.index() == index).findFirst().orElseThrow();
                assertEquals(Optional.of("macvlan"), link.kind());
                assertEquals("00:00:5e:00:01:33", link.mac());
                assertTrue(link.isUp());
                return index;
            }
        });
        String shown = a.exec("ip", "-d", "link", "show", "vrrp.51");
        assertTrue(shown.contains("vrrp.51@va") && shown.contains("link/ether 00:00:5e:00:01:33")
                && shown.contains("macvlan mode private"), shown);

        var spec = VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "vrrp.51").withSource(InetAddress.getByName("192.0.2.1"));
        try (var socket = RootNs.in(a, () -> Linux.openVrrpSocket(spec));
                var dump = Tcpdump.start(b, "vb", 1, "ip proto 112")) {
            var advert = TestAdverts.v2(51, 100, InetAddress.getByName("192.0.2.100"));
            socket.send(advert, 0, advert.length);
            String out = dump.await();
            assertTrue(out.contains("00:00:5e:00:01:33 > 01:00:5e:00:00:12"), out);
            assertTrue(out.contains("tos 0xc0, ttl 255"), out);
            assertTrue(out.contains("192.0.2.1 > 224.0.0.18: vrrp 192.0.2.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 100")
                    || out.contains("192.0.2.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 100"), out);
        }
        try (var garp = RootNs.in(a, () -> Linux.openGarpSender("vrrp.51")); var dump = Tcpdump.start(b, "vb", 1, "arp")) {
            garp.send((Inet4Address) InetAddress.getByName("192.0.2.100"));
            assertTrue(dump.await().contains("00:00:5e:00:01:33 > ff:ff:ff:ff:ff:ff, ethertype ARP"));
        }
        RootNs.in(a, () -> {
            try (var nl = Linux.openRtnetlink()) {
                nl.deleteLink(vmac);
                assertFalse(nl.links().stream().anyMatch(l -> l.name().equals("vrrp.51")));
                return null;
            }
        });
    }
}
