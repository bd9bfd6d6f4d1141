package io.jkeepalived.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * old_unicast_checksum in the validator, on keepalived 2.2.7's own VRRPv3 advert (golden capture, VRID 13) sent
 * to a unicast peer with the RFC checksum (the peer in the pseudo-header) and with keepalived 1.3.5's (the group).
 */
class OldUnicastChecksumTest {
    private static final GoldenCapture V3 = VrrpGoldenTest.CAPTURE.stream().filter(g -> g.vrid() == 13).findFirst().orElseThrow();
    private static final Inet4Address PEER = (Inet4Address) VrrpGoldenTest.addr("192.0.2.9");

    private static VrrpPacket unicast(boolean old) {
        VrrpPacket captured = ((Decoded.Ok) VrrpCodec.decodeIpv4(V3.bytes())).packet();
        var envelope = new VrrpCodec.Ipv4Envelope((Inet4Address) captured.source(), old ? VrrpAddresses.MCAST_V4 : PEER, 1,
                255, false, 0, null, true);
        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.ipv4Length(captured.advert()));
        int n = VrrpCodec.encodeIpv4(captured.advert(), envelope, out);
        byte[] b = out.array();
        VrrpCodec.retargetIpv4(b, n, PEER.getAddress(), null);    // the old one: summed for the group, sent to the peer
        return ((Decoded.Ok) VrrpCodec.decodeIpv4(b)).packet();
    }

    private static AdvertValidator validator(UnicastChecksum mode) {
        VrrpPacket p = unicast(false);
        return new AdvertValidator(new AdvertExpectations("VI_U", 13, 3, IpFamily.IPV4, AuthType.NONE, new byte[0],
                p.advert().intervalMicros(), p.advert().addresses(), true, false, false, List.of(), mode));
    }

    private static Decoded.Rejected check(AdvertValidator v, boolean old) {
        return v.check(unicast(old), true, new AhReplayGuard());
    }

    @Test
    void theTwoChecksumsDiffer() {
        assertEquals(ChecksumStatus.PSEUDO_HEADER_OK, unicast(false).checksum());
        assertEquals(ChecksumStatus.BAD, unicast(true).checksum());
    }

    @Test
    void configuredOldExpectsOnlyTheOld() {
        var v = validator(UnicastChecksum.OLD);
        assertTrue(v.oldUnicastChecksum());
        assertNull(check(v, true));
        assertEquals(RejectReason.CHECKSUM, check(v, false).reason());
        assertFalse(v.takeSwitchToOldChecksum());
    }

    @Test
    void neverRefusesTheOld() {
        var v = validator(UnicastChecksum.RFC_ONLY);
        assertNull(check(v, false));
        assertEquals(RejectReason.CHECKSUM, check(v, true).reason());
        assertFalse(v.oldUnicastChecksum());
    }

    @Test
    void byDefaultAnOldAdvertSwitchesForGood() {
        var v = validator(UnicastChecksum.RFC_DETECT_OLD);
        assertNull(check(v, false));
        assertFalse(v.oldUnicastChecksum());
        assertNull(check(v, true), "the old checksum is accepted");
        assertTrue(v.oldUnicastChecksum(), "and the instance switched");
        assertTrue(v.takeSwitchToOldChecksum());
        assertFalse(v.takeSwitchToOldChecksum(), "reported once");
        assertNotNull(check(v, false), "as keepalived: once switched, the RFC checksum no longer passes");
    }
}
