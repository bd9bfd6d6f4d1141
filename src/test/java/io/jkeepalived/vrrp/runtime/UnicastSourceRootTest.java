package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.linux.RawVrrpSocket;
import io.jkeepalived.linux.VrrpSocketSpec;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 item 3 as an attack: a unicast MASTER (192.0.2.1, peer 192.0.2.2) hears a higher-priority advert from
 * a host that is no peer (192.0.2.3), or from a peer whose TTL is below min_ttl; neither takes the VIP away.
 */
@Tag("root")
@Timeout(120)
class UnicastSourceRootTest {
    private VrrpTestLan lan;
    private VrrpNode node;
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.alone("jkd-ucsrc");

    private VrrpNode unicastMaster(String peers, String extra) throws Exception {
        var conf = new TestConf("v2-pass", "jkda", 150, "    unicast_src_ip 192.0.2.1\n    unicast_peer {\n" + peers
                + "    }\n" + extra);
        node = lab.jkeepalived("a", lan.a, conf.render()).start();
        await("a MASTER", 30_000, () -> node.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4), node);
        return node;
    }

    /** Sends {@code count} adverts of priority 254 from the client namespace c to a, with {@code ttl}. */
    private void attack(int ttl, int count) throws Exception {
        RawVrrpSocket s = NetworkNamespace.call(NetworkNamespace.named(lan.c.name()), () -> Linux.openVrrpSocket(
                VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "jkdc").withSource(InetAddress.getByName("192.0.2.3"))
                        .withUnicastPeers(List.of(InetAddress.getByName("192.0.2.1")), ttl)));
        try (s) {
            byte[] advert = VrrpDaemonFeaturesRootTest.advertV2(51, 254, "jkdpass");
            for (int i = 0; i < count; i++) {
                s.sendTo(0, advert, 0, advert.length);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aHostThatIsNoPeerCannotTakeTheVip() throws Exception {
        lan = lab.lan("u");
        var a = unicastMaster("        192.0.2.2\n", "    check_unicast_src\n");
        attack(255, 30);
        Thread.sleep(1_000);
        assertEquals("MASTER", a.state("VI_1"), a.currentLog());
        assertTrue(lan.hasAddress(lan.a, TestConf.VIP4));
        assertEquals(1, a.countLines("(VI_1) unicast source address 192.0.2.3 not a unicast peer"), a.currentLog());
        assertEquals(0, a.countLines("Entering BACKUP STATE") - 1, a.currentLog());    // only the (init) one
    }

    @Test
    void aPeerBelowMinTtlCannotTakeTheVip() throws Exception {
        lan = lab.lan("t");
        var a = unicastMaster("        192.0.2.3 min_ttl 255\n", "");
        attack(64, 30);
        Thread.sleep(1_000);
        assertEquals("MASTER", a.state("VI_1"), a.currentLog());
        assertTrue(lan.hasAddress(lan.a, TestConf.VIP4));
        assertEquals(1, a.countLines("(VI_1) TTL/HL 64 not in range 255 - 255"), a.currentLog());
    }

    @Test
    void thePeerWithinItsTtlRangeIsHeard() throws Exception {
        lan = lab.lan("h");
        var a = unicastMaster("        192.0.2.3 min_ttl 255\n", "");
        attack(255, 5);
        await("a yields to the peer", 10_000, () -> a.state("VI_1").equals("BACKUP"), a);
    }
}
