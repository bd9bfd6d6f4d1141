package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The structures the linkbeat ioctls read and write, and what their answers mean. struct ifreq is ifr_name[16]
 * then a 24-byte union: ifr_flags (a short), struct mii_ioctl_data (phy_id, reg_num, val_in, val_out: four
 * u16) or ifr_data (a pointer, to struct ethtool_value {u32 cmd; u32 data;} for SIOCETHTOOL). Pure: no calls.
 */
final class LinkProbeCodec {
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;
    static final int UNION = 16;
    static final int MII_PHY_ID = UNION;
    static final int MII_REG_NUM = UNION + 2;
    static final int MII_VAL_OUT = UNION + 6;
    static final int ETHTOOL_VALUE_SIZE = 8;

    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCETHTOOL = 0x8946;
    static final long SIOCGMIIPHY = 0x8947;
    static final long SIOCGMIIREG = 0x8948;
    static final int ETHTOOL_GLINK = 0x0000000a;
    static final int MII_BMCR = 0x00;
    static final int MII_BMSR = 0x01;
    /** BMSR_LSTATUS: link status (latched low until read). */
    static final int BMSR_LSTATUS = 0x0004;

    private LinkProbeCodec() {
    }

    /** Zeroes the ifreq and writes the interface name, NUL-terminated; names of 16 bytes or more cannot be. */
    static void name(MemorySegment ifreq, String ifname) {
        byte[] bytes = ifname.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("not an interface name (1 to 15 bytes): '" + ifname + "'");
        }
        ifreq.fill((byte) 0);
        MemorySegment.copy(bytes, 0, ifreq, JAVA_BYTE, 0, bytes.length);
    }

    static int phyId(MemorySegment ifreq) {
        return Short.toUnsignedInt(ifreq.get(JAVA_SHORT, MII_PHY_ID));
    }

    /** Sets the MII register SIOCGMIIREG reads, of the PHY SIOCGMIIPHY wrote (or {@code phyId}). */
    static void miiRegister(MemorySegment ifreq, int phyId, int register) {
        ifreq.set(JAVA_SHORT, MII_PHY_ID, (short) phyId);
        ifreq.set(JAVA_SHORT, MII_REG_NUM, (short) register);
    }

    static int miiValue(MemorySegment ifreq) {
        return Short.toUnsignedInt(ifreq.get(JAVA_SHORT, MII_VAL_OUT));
    }

    /**
     * keepalived's if_mii_status: BMCR reading 0xffff or BMSR 0 means no transceiver; otherwise the link is up when
     * either BMSR read (the first may hold a latched low) has the link bit.
     */
    static LinkProbe.Reading mii(int bmcr, int bmsr, int bmsrAgain) {
        if (bmcr == 0xffff || bmsr == 0) {
            return LinkProbe.Reading.UNSUPPORTED;
        }
        return ((bmsr | bmsrAgain) & BMSR_LSTATUS) != 0 ? LinkProbe.Reading.UP : LinkProbe.Reading.DOWN;
    }

    static void ethtoolRequest(MemorySegment value) {
        value.set(JAVA_INT, 0, ETHTOOL_GLINK);
        value.set(JAVA_INT, 4, 0);
    }

    /** ethtool_value.data of ETHTOOL_GLINK: non-zero when the link is up. */
    static LinkProbe.Reading ethtool(MemorySegment value) {
        return value.get(JAVA_INT, 4) != 0 ? LinkProbe.Reading.UP : LinkProbe.Reading.DOWN;
    }

    /** ifr_flags of SIOCGIFFLAGS: up takes IFF_UP and IFF_RUNNING (keepalived's FLAGS_UP). */
    static LinkProbe.Reading flags(MemorySegment ifreq) {
        int flags = Short.toUnsignedInt(ifreq.get(JAVA_SHORT, UNION));
        int both = Link.IFF_UP | Link.IFF_RUNNING;
        return (flags & both) == both ? LinkProbe.Reading.UP : LinkProbe.Reading.DOWN;
    }

    /** A failed ioctl: no such interface, or a probe this driver does not answer. */
    static LinkProbe.Reading failed(int errno) {
        return errno == Errno.ENODEV ? LinkProbe.Reading.ABSENT : LinkProbe.Reading.UNSUPPORTED;
    }
}
