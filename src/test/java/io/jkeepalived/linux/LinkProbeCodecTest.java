package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jkeepalived.linux.LinkProbe.Reading;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The linkbeat ioctls' structures as the kernel lays them out, and what keepalived makes of their answers. */
class LinkProbeCodecTest {
    private final Arena arena = Arena.ofAuto();

    private MemorySegment ifreq() {
        return arena.allocate(LinkProbeCodec.IFREQ_SIZE, 8);
    }

    @Test
    void theNameIsNulTerminatedAndTheRestZeroed() {
        var r = ifreq();
        r.fill((byte) 0x55);
        LinkProbeCodec.name(r, "eth0");
        assertEquals("eth0", r.getString(0));
        for (int i = 4; i < LinkProbeCodec.IFREQ_SIZE; i++) {
            assertEquals(0, r.get(JAVA_BYTE, i), "byte " + i);
        }
        LinkProbeCodec.name(r, "a23456789012345");      // IFNAMSIZ - 1 bytes: the longest name there is
        assertThrows(IllegalArgumentException.class, () -> LinkProbeCodec.name(r, "a234567890123456"));
        assertThrows(IllegalArgumentException.class, () -> LinkProbeCodec.name(r, ""));
    }

    @Test
    void miiIoctlDataSitsInTheUnionAsFourShorts() {
        var r = ifreq();
        LinkProbeCodec.name(r, "eth0");
        r.set(JAVA_SHORT, 16, (short) 0x1f);             // SIOCGMIIPHY's answer: phy_id
        assertEquals(0x1f, LinkProbeCodec.phyId(r));
        LinkProbeCodec.miiRegister(r, 0x1f, LinkProbeCodec.MII_BMSR);
        assertEquals(0x1f, r.get(JAVA_SHORT, 16));
        assertEquals(1, r.get(JAVA_SHORT, 18));           // reg_num
        r.set(JAVA_SHORT, 22, (short) 0xffff);            // val_out, unsigned
        assertEquals(0xffff, LinkProbeCodec.miiValue(r));
        assertEquals("eth0", r.getString(0), "the name is left alone");
    }

    @Test
    void miiLinkIsTheStatusBitOfEitherBmsrRead() {
        assertEquals(Reading.UP, LinkProbeCodec.mii(0x1140, 0x796d, 0x796d));
        assertEquals(Reading.UP, LinkProbeCodec.mii(0x1140, 0x7969, 0x796d), "the latched low of the first read");
        assertEquals(Reading.UP, LinkProbeCodec.mii(0x1140, 0x796d, 0x7969));
        assertEquals(Reading.DOWN, LinkProbeCodec.mii(0x1140, 0x7969, 0x7969));
        assertEquals(Reading.UNSUPPORTED, LinkProbeCodec.mii(0xffff, 0x796d, 0x796d), "BMCR unreadable: no transceiver");
        assertEquals(Reading.UNSUPPORTED, LinkProbeCodec.mii(0x1140, 0, 0), "BMSR 0: no transceiver");
    }

    @Test
    void ethtoolGlinkAsksAndReadsData() {
        var v = arena.allocate(LinkProbeCodec.ETHTOOL_VALUE_SIZE, 4);
        v.set(JAVA_INT, 4, 7);
        LinkProbeCodec.ethtoolRequest(v);
        assertEquals(0x0a, v.get(JAVA_INT, 0));
        assertEquals(0, v.get(JAVA_INT, 4));
        assertEquals(Reading.DOWN, LinkProbeCodec.ethtool(v));
        v.set(JAVA_INT, 4, 1);
        assertEquals(Reading.UP, LinkProbeCodec.ethtool(v));
    }

    @Test
    void flagsUpTakesUpAndRunning() {
        var r = ifreq();
        r.set(JAVA_SHORT, 16, (short) (0x1 | 0x40 | 0x1000));
        assertEquals(Reading.UP, LinkProbeCodec.flags(r));
        r.set(JAVA_SHORT, 16, (short) (0x1 | 0x1000));
        assertEquals(Reading.DOWN, LinkProbeCodec.flags(r), "up without carrier");
        r.set(JAVA_SHORT, 16, (short) 0x40);
        assertEquals(Reading.DOWN, LinkProbeCodec.flags(r));
    }

    @Test
    void aFailedIoctlIsAbsentOnlyForNoSuchDevice() {
        assertEquals(Reading.ABSENT, LinkProbeCodec.failed(Errno.ENODEV));
        assertEquals(Reading.UNSUPPORTED, LinkProbeCodec.failed(95));     // EOPNOTSUPP
        assertEquals(Reading.UNSUPPORTED, LinkProbeCodec.failed(22));     // EINVAL
    }
}
