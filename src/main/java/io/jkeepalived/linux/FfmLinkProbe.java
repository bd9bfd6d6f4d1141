package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.MemorySegment;

/**
 * {@link LinkProbe} over ioctl(2) on one AF_INET datagram socket (keepalived's linkbeat_fd), with one ifreq and
 * one ethtool_value reused by every probe: used by one thread at a time.
 */
final class FfmLinkProbe implements LinkProbe {
    private final NativeSocket socket;
    private final MemorySegment ifreq;
    private final MemorySegment ethtoolValue;

    private FfmLinkProbe(NativeSocket socket) {
        this.socket = socket;
        this.ifreq = socket.arena.allocate(LinkProbeCodec.IFREQ_SIZE, 8);
        this.ethtoolValue = socket.arena.allocate(LinkProbeCodec.ETHTOOL_VALUE_SIZE, 4);
    }

    static FfmLinkProbe open() throws SyscallException {
        return new FfmLinkProbe(NativeSocket.open(Sys.AF_INET, Sys.SOCK_DGRAM, 0, "AF_INET, SOCK_DGRAM, 0"));
    }

    @Override
    public Reading mii(String ifname) {
        LinkProbeCodec.name(ifreq, ifname);
        if (ioctl(LinkProbeCodec.SIOCGMIIPHY, ifreq) < 0) {
            return LinkProbeCodec.failed(Libc.errno(socket.errno));
        }
        int phy = LinkProbeCodec.phyId(ifreq);
        // some drivers answer SIOCGMIIPHY but not the register reads: find out before trusting them
        LinkProbeCodec.miiRegister(ifreq, phy, LinkProbeCodec.MII_BMSR);
        if (ioctl(LinkProbeCodec.SIOCGMIIREG, ifreq) < 0) {
            return LinkProbeCodec.failed(Libc.errno(socket.errno));
        }
        int bmcr = miiRead(phy, LinkProbeCodec.MII_BMCR);
        int bmsr = bmcr == 0xffff ? 0 : miiRead(phy, LinkProbeCodec.MII_BMSR);
        int bmsrAgain = bmsr == 0 ? 0 : miiRead(phy, LinkProbeCodec.MII_BMSR);
        return LinkProbeCodec.mii(bmcr, bmsr, bmsrAgain);
    }

    /** keepalived's if_mii_read: a failed read is 0xffff. */
    private int miiRead(int phy, int register) {
        LinkProbeCodec.miiRegister(ifreq, phy, register);
        return ioctl(LinkProbeCodec.SIOCGMIIREG, ifreq) < 0 ? 0xffff : LinkProbeCodec.miiValue(ifreq);
    }

    @Override
    public Reading ethtool(String ifname) {
        LinkProbeCodec.name(ifreq, ifname);
        LinkProbeCodec.ethtoolRequest(ethtoolValue);
        ifreq.set(ADDRESS, LinkProbeCodec.UNION, ethtoolValue);
        if (ioctl(LinkProbeCodec.SIOCETHTOOL, ifreq) < 0) {
            return LinkProbeCodec.failed(Libc.errno(socket.errno));
        }
        return LinkProbeCodec.ethtool(ethtoolValue);
    }

    @Override
    public Reading flags(String ifname) {
        LinkProbeCodec.name(ifreq, ifname);
        if (ioctl(LinkProbeCodec.SIOCGIFFLAGS, ifreq) < 0) {
            return LinkProbeCodec.failed(Libc.errno(socket.errno));
        }
        return LinkProbeCodec.flags(ifreq);
    }

    private int ioctl(long request, MemorySegment arg) {
        return Libc.ioctl(socket.errno, socket.fd, request, arg);
    }

    @Override
    public void close() {
        socket.close();
    }
}
