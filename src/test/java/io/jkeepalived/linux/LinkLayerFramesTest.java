package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Our frames equal the ones keepalived 2.2.7 sent on a veth (tcpdump -xx, MAC 52:a2:f7:f5:21:c4). */
class LinkLayerFramesTest {
    private static final byte[] MAC = HexFormat.ofDelimiter(":").parseHex("52:a2:f7:f5:21:c4");

    @Test
    void gratuitousArpMatchesKeepalived() throws Exception {
        var golden = hex("""
                ffff ffff ffff 52a2 f7f5 21c4 0806 0001
                0800 0604 0001 52a2 f7f5 21c4 c000 0264
                ffff ffff ffff c000 0264""");
        assertArrayEquals(golden, LinkLayerFrames.gratuitousArp(MAC, (Inet4Address) InetAddress.getByName("192.0.2.100")));
    }

    @Test
    void unsolicitedNeighbourAdvertisementMatchesKeepalivedIncludingChecksum() throws Exception {
        var golden = hex("""
                3333 0000 0001 52a2 f7f5 21c4 86dd 6000
                0000 0020 3aff 2001 0db8 0000 0000 0000
                0000 0000 0100 ff02 0000 0000 0000 0000
                0000 0000 0001 8800 8cd1 2000 0000 2001
                0db8 0000 0000 0000 0000 0000 0100 0201
                52a2 f7f5 21c4""");
        assertArrayEquals(golden, LinkLayerFrames.unsolicitedNeighbourAdvertisement(MAC,
                (Inet6Address) InetAddress.getByName("2001:db8::100")));
    }

    private static byte[] hex(String dump) {
        return HexFormat.of().parseHex(dump.replaceAll("\\s", ""));
    }
}
