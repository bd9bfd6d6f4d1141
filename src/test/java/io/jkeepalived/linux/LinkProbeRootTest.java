package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.linux.LinkProbe.Reading;
import io.jkeepalived.testsupport.NetNs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The probes against a real veth pair: veth has no MII, answers ETHTOOL_GLINK with its carrier (gone when the peer
 * is down), and SIOCGIFFLAGS with IFF_UP/IFF_RUNNING; an interface that is not there is ABSENT to all three.
 */
@Tag("root")
class LinkProbeRootTest {
    private NetNs ns;

    @BeforeEach
    void setUp() {
        RootNs.assumeRoot();
        ns = RootNs.create("lb");
        ns.exec("ip", "link", "add", "lba", "type", "veth", "peer", "name", "lbp");
        ns.exec("ip", "link", "set", "lba", "up");
        ns.exec("ip", "link", "set", "lbp", "up");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private List<Reading> probe(String ifname) throws Exception {
        return RootNs.in(ns, () -> {
            try (var p = Linux.openLinkProbe()) {
                return List.of(p.mii(ifname), p.ethtool(ifname), p.flags(ifname));
            }
        });
    }

    @Test
    void vethAnswersEthtoolWithItsCarrier() throws Exception {
        assertEquals(List.of(Reading.UNSUPPORTED, Reading.UP, Reading.UP), probe("lba"));
        ns.exec("ip", "link", "set", "lbp", "down");
        assertEquals(List.of(Reading.UNSUPPORTED, Reading.DOWN, Reading.DOWN), probe("lba"), "the peer down takes the carrier");
        ns.exec("ip", "link", "set", "lbp", "up");
        ns.exec("ip", "link", "set", "lba", "down");
        assertEquals(Reading.DOWN, probe("lba").get(2), "administratively down");
        assertEquals(List.of(Reading.ABSENT, Reading.ABSENT, Reading.ABSENT), probe("nosuch0"));
    }
}
