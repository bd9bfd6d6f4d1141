package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** GARP and unsolicited NA leave our AF_PACKET socket in ns "a" and tcpdump in ns "b" decodes them. */
@Tag("root")
class LinkLayerSenderRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.linkOnly("g");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @Test
    void gratuitousArpFromTheInterfaceMac() throws Exception {
        try (var garp = RootNs.in(a, () -> Linux.openGarpSender("va")); var dump = Tcpdump.start(b, "vb", 1, "arp")) {
            String mac = a.exec("cat", "/sys/class/net/va/address").trim();
            assertEquals(mac, garp.mac());
            garp.send((Inet4Address) InetAddress.getByName("192.0.2.100"));
            String out = dump.await();
            assertTrue(out.contains(mac + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)"), out);
            assertTrue(out.contains("Request who-has 192.0.2.100 (ff:ff:ff:ff:ff:ff) tell 192.0.2.100"), out);
        }
    }

    @Test
    void gratuitousArpFromAVmac() throws Exception {
        try (var garp = RootNs.in(a, () -> Linux.openGarpSender("va", "00:00:5e:00:01:33"));
                var dump = Tcpdump.start(b, "vb", 1, "arp")) {
            garp.send((Inet4Address) InetAddress.getByName("192.0.2.101"));
            String out = dump.await();
            assertTrue(out.contains("00:00:5e:00:01:33 > ff:ff:ff:ff:ff:ff"), out);
            assertTrue(out.contains("Request who-has 192.0.2.101 (ff:ff:ff:ff:ff:ff) tell 192.0.2.101"), out);
        }
    }

    @Test
    void unsolicitedNeighbourAdvertisementIsValidNdp() throws Exception {
        try (var na = RootNs.in(a, () -> Linux.openNeighbourAdvertiser("va")); var dump = Tcpdump.start(b, "vb", 1, "icmp6 and ip6[40] == 136")) {
            String mac = na.mac();
            na.send((Inet6Address) InetAddress.getByName("2001:db8::100"));
            String out = dump.await();
            assertTrue(out.contains(mac + " > 33:33:00:00:00:01, ethertype IPv6 (0x86dd)"), out);
            assertTrue(out.contains("hlim 255"), out);
            assertTrue(out.contains("2001:db8::100 > ff02::1: [icmp6 sum ok] ICMP6, neighbor advertisement"), out);
            assertTrue(out.contains("tgt is 2001:db8::100, Flags [override]"), out);
            assertTrue(out.contains("destination link-address option (2), length 8 (1): " + mac), out);
            assertFalse(out.contains("bad"), out);
        }
    }

    /**
     * The peer kernel itself accepts our frames: with arp_accept / accept_untracked_na it learns the VIP's MAC
     * (RFC 9131: an untracked NA creates an entry only on a router, hence forwarding on).
     */
    @Test
    void peerKernelLearnsTheVipFromOurGarpAndNa() throws Exception {
        b.exec("sysctl", "-q", "-w", "net.ipv4.conf.vb.arp_accept=1", "net.ipv6.conf.vb.accept_untracked_na=1",
                "net.ipv6.conf.all.forwarding=1");
        b.addr("vb", "192.0.2.2/24");
        b.addr("vb", "2001:db8::2/64");
        try (var garp = RootNs.in(a, () -> Linux.openGarpSender("va"));
                var na = RootNs.in(a, () -> Linux.openNeighbourAdvertiser("va"))) {
            garp.send((Inet4Address) InetAddress.getByName("192.0.2.100"));
            na.send((Inet6Address) InetAddress.getByName("2001:db8::100"));
            String mac = garp.mac();
            long deadline = System.nanoTime() + 5_000_000_000L;
            String v4 = "";
            String v6 = "";
            while (System.nanoTime() < deadline) {
                v4 = b.exec("ip", "-4", "neigh", "show", "192.0.2.100", "dev", "vb");
                v6 = b.exec("ip", "-6", "neigh", "show", "2001:db8::100", "dev", "vb");
                if (v4.contains(mac) && v6.contains(mac)) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(v4.contains("lladdr " + mac), "ARP entry from our GARP: '" + v4 + "'");
            assertTrue(v6.contains("lladdr " + mac), "neighbour entry from our NA: '" + v6 + "'");
        }
    }

    @Test
    void unknownInterfaceIsAClearError() {
        var e = assertThrows(SyscallException.class, () -> RootNs.in(a, () -> Linux.openGarpSender("jklnope0")));
        assertEquals("if_nametoindex(jklnope0): No such device (ENODEV)", e.getMessage());
    }
}
