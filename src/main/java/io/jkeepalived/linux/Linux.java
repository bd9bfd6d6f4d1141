package io.jkeepalived.linux;

/**
 * The entry point to the Linux adapters: each factory opens a real kernel object in the calling thread's
 * network namespace (see {@link NetworkNamespace} to open one elsewhere). Needs
 * {@code --enable-native-access=ALL-UNNAMED} (or the module name) on the java command line.
 */
public final class Linux {
    private Linux() {
    }

    /** A raw VRRP socket bound to {@code spec.interfaceName()}. Needs CAP_NET_RAW. */
    public static RawVrrpSocket openVrrpSocket(VrrpSocketSpec spec) throws SyscallException {
        return FfmVrrpSocket.open(spec);
    }

    /** An epoll set with a wakeup eventfd. */
    public static EventPoller openEventPoller() throws SyscallException {
        return new EpollPoller();
    }

    /** A route netlink request socket (links, addresses). Changing addresses needs CAP_NET_ADMIN. */
    public static Rtnetlink openRtnetlink() throws SyscallException {
        return new FfmRtnetlink();
    }

    /** A generic netlink request socket (IPVS, ...). Changing IPVS needs CAP_NET_ADMIN. */
    public static GenericNetlink openGenericNetlink() throws SyscallException {
        return new FfmGenericNetlink();
    }

    /** A non-blocking subscription to link and IPv4/IPv6 address changes. */
    public static NetlinkMonitor openNetlinkMonitor() throws SyscallException {
        return new FfmNetlinkMonitor();
    }

    /** Gratuitous ARP on {@code ifname} from its own MAC. */
    public static GarpSender openGarpSender(String ifname) throws SyscallException {
        return FfmLinkLayerSender.open(ifname, null);
    }

    /** Gratuitous ARP on {@code ifname} from {@code mac} (e.g. a VMAC 00:00:5e:00:01:VRID). */
    public static GarpSender openGarpSender(String ifname, String mac) throws SyscallException {
        return FfmLinkLayerSender.open(ifname, mac);
    }

    /** Unsolicited neighbour advertisements on {@code ifname} from its own MAC. */
    public static NeighbourAdvertiser openNeighbourAdvertiser(String ifname) throws SyscallException {
        return FfmLinkLayerSender.open(ifname, null);
    }

    public static NeighbourAdvertiser openNeighbourAdvertiser(String ifname, String mac) throws SyscallException {
        return FfmLinkLayerSender.open(ifname, mac);
    }

    /** An ICMP echo socket for PING_CHECK (datagram if ping_group_range allows, raw otherwise). */
    public static IcmpEcho openIcmpEcho(IcmpEchoSpec spec) throws SyscallException {
        return FfmIcmpEcho.open(spec);
    }

    /** A TCP connection with optional fwmark (SO_MARK), device (SO_BINDTODEVICE) and source, for checkers. */
    public static TcpConnection connectTcp(TcpConnectSpec spec) throws java.io.IOException {
        return FfmTcpConnection.connect(spec);
    }

    /** A libnftables context (needs libnftables.so.1); each run is one nftables transaction. Needs CAP_NET_ADMIN. */
    public static Nftables openNftables() throws NftablesException {
        return FfmNftables.open();
    }

    /** if_nametoindex(3). */
    public static int interfaceIndex(String ifname) throws SyscallException {
        return SockAddr.interfaceIndex(ifname);
    }
}
