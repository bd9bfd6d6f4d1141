package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Message building and parsing without a kernel, including malformed input. */
class RtnetlinkCodecTest {
    @Test
    void newAddressRequestRoundTripsThroughTheParser() throws Exception {
        var a = InterfaceAddress.of(7, InetAddress.getByName("192.0.2.10"), 24)
                .withBroadcast(InetAddress.getByName("192.0.2.255")).withLabel("eth0:vip");
        byte[] req = RtnetlinkCodec.addressRequest(RtnetlinkCodec.RTM_NEWADDR, a, 42);
        var b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        var m = RtnetlinkCodec.messageAt(b, 0, req.length);
        assertEquals(RtnetlinkCodec.RTM_NEWADDR, m.type());
        assertEquals(42, m.seq());
        assertEquals(RtnetlinkCodec.NLM_F_REQUEST | RtnetlinkCodec.NLM_F_ACK | RtnetlinkCodec.NLM_F_CREATE
                | RtnetlinkCodec.NLM_F_EXCL, m.flags());
        var parsed = RtnetlinkCodec.address(b, m);
        assertEquals(a, parsed);
    }

    @Test
    void ipv6RequestCarriesNodadAndNoLabel() throws Exception {
        var a = InterfaceAddress.of(3, InetAddress.getByName("2001:db8::100"), 64).withFlags(InterfaceAddress.IFA_F_NODAD)
                .withLabel("ignored");
        byte[] req = RtnetlinkCodec.addressRequest(RtnetlinkCodec.RTM_NEWADDR, a, 1);
        var b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        var parsed = RtnetlinkCodec.address(b, RtnetlinkCodec.messageAt(b, 0, req.length));
        assertEquals(InterfaceAddress.IFA_F_NODAD, parsed.flags());
        assertEquals(Optional.empty(), parsed.label(), "labels are IPv4 only");
        assertEquals(2, req[16 + 2], "ifa_flags byte has IFA_F_NODAD too");
    }

    /**
     * The bytes iproute2 sends for {@code ip link add link jkpar0 name vrrp.51 type ipvlan mode l2 private} (jkpar0
     * index 3, sequence 0x6b16cb27), captured with {@code strace -e write=3}; bridge and vepa differ only in the
     * last attribute's value (0, 2).
     */
    @Test
    void newIpvlanRequestIsWhatIpLinkAddSends() {
        String ip = "58000000 10000506 27cb166b 00000000 00000000 00000000 00000000 00000000"
                + " 08000500 03000000 0c000300 76727270 2e353100 24001200 0a000100 6970766c"
                + " 616e0000 14000200 06000100 00000000 06000200 01000000";
        byte[] expected = java.util.HexFormat.of().parseHex(ip.replace(" ", ""));
        assertEquals(java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(
                RtnetlinkCodec.newIpvlanRequest("vrrp.51", 3, 0, RtnetlinkCodec.IPVLAN_MODE_L2, IpvlanFlag.PRIVATE.value,
                        0x6b16cb27)));
        byte[] vepa = RtnetlinkCodec.newIpvlanRequest("vrrp.51", 3, 0, RtnetlinkCodec.IPVLAN_MODE_L2, IpvlanFlag.VEPA.value, 1);
        assertEquals(2, vepa[vepa.length - 4]);
        assertEquals(IpvlanFlag.BRIDGE, IpvlanFlag.of(Optional.empty()), "the kernel's default flag");
    }

    /** {@code ip link add link jkpar0 name vrrp.51 master jkpar1 type ipvlan mode l2 private}: IFLA_MASTER (2) first. */
    @Test
    void newIpvlanRequestInAVrfIsWhatIpLinkAddSends() {
        String ip = "60000000 10000506 44d6166b 00000000 00000000 00000000 00000000 00000000"
                + " 08000a00 02000000 08000500 03000000 0c000300 76727270 2e353100 24001200"
                + " 0a000100 6970766c 616e0000 14000200 06000100 00000000 06000200 01000000";
        assertEquals(ip.replace(" ", ""), java.util.HexFormat.of().formatHex(RtnetlinkCodec.newIpvlanRequest("vrrp.51", 3, 2,
                RtnetlinkCodec.IPVLAN_MODE_L2, IpvlanFlag.PRIVATE.value, 0x6b16d644)));
    }

    @Test
    void truncatedOrLyingLengthsAreNotMessages() {
        var b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        assertNull(RtnetlinkCodec.messageAt(b, 0, 10), "shorter than a header");
        b.putInt(0, 8);
        assertNull(RtnetlinkCodec.messageAt(b, 0, 64), "length below the header size");
        b.putInt(0, 1000);
        assertNull(RtnetlinkCodec.messageAt(b, 0, 64), "length past the datagram");
    }

    @Test
    void linkWithBrokenAttributesKeepsWhatItCouldRead() {
        var b = ByteBuffer.allocate(16 + 16 + 12).order(ByteOrder.nativeOrder());
        b.putInt(44).putShort((short) RtnetlinkCodec.RTM_NEWLINK).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(5).putInt(Link.IFF_UP).putInt(0);
        b.putShort((short) 7).putShort((short) 3).put("ab\0".getBytes()).put((byte) 0); // IFLA_IFNAME "ab"
        b.putShort((short) 200).putShort((short) 4); // IFLA_MTU claiming 200 bytes: stop here
        var link = RtnetlinkCodec.link(b, RtnetlinkCodec.messageAt(b, 0, 44));
        assertEquals(5, link.index());
        assertEquals("ab", link.name());
        assertEquals(0, link.mtu());
        assertEquals(true, link.isUp());
    }

    @Test
    void extendedAckTextIsFoundAfterACappedRequestHeader() {
        var msg = "ipv4: Address already assigned\0".getBytes();
        int tlv = RtnetlinkCodec.align(4 + msg.length);
        int len = 16 + 4 + 16 + tlv;
        var b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) RtnetlinkCodec.NLMSG_ERROR)
                .putShort((short) (RtnetlinkCodec.NLM_F_CAPPED | RtnetlinkCodec.NLM_F_ACK_TLVS)).putInt(9).putInt(0);
        b.putInt(-Errno.EEXIST);
        b.putInt(40).putShort((short) RtnetlinkCodec.RTM_NEWADDR).putShort((short) 0).putInt(9).putInt(0);
        b.putShort((short) (4 + msg.length)).putShort((short) RtnetlinkCodec.NLMSGERR_ATTR_MSG).put(msg);
        var m = RtnetlinkCodec.messageAt(b, 0, len);
        assertEquals(Errno.EEXIST, RtnetlinkCodec.errorCode(b, m));
        assertEquals(Optional.of("ipv4: Address already assigned"), RtnetlinkCodec.extendedAck(b, m));
    }
}
