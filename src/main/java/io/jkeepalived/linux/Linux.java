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
        return FfmVrrpSocket.open(spec, 0);
    }

    /** With SO_RCVBUF set to {@code receiveBuffer} bytes first (keepalived's kernel_rx_buf_size); 0 keeps the default. */
    public static RawVrrpSocket openVrrpSocket(VrrpSocketSpec spec, int receiveBuffer) throws SyscallException {
        return FfmVrrpSocket.open(spec, receiveBuffer);
    }

    /** An epoll set with a wakeup eventfd, reporting up to 64 ready descriptors per epoll_wait. */
    public static EventPoller openEventPoller() throws SyscallException {
        return new EpollPoller(64);
    }

    /** An epoll set with a wakeup eventfd, reporting up to {@code capacity} ready descriptors per epoll_wait. */
    public static EventPoller openEventPoller(int capacity) throws SyscallException {
        return new EpollPoller(capacity);
    }

    /** A route netlink request socket (links, addresses). Changing addresses needs CAP_NET_ADMIN. */
    public static Rtnetlink openRtnetlink() throws SyscallException {
        return new FfmRtnetlink();
    }

    /** ... with its receive buffer as configured (keepalived's vrrp_/lvs_netlink_cmd_rcv_bufs). */
    public static Rtnetlink openRtnetlink(ReceiveBuffer receiveBuffer) throws SyscallException {
        return new FfmRtnetlink(receiveBuffer);
    }

    /** A generic netlink request socket (IPVS, ...). Changing IPVS needs CAP_NET_ADMIN. */
    public static GenericNetlink openGenericNetlink() throws SyscallException {
        return new FfmGenericNetlink(ReceiveBuffer.DEFAULT);
    }

    /** ... with its receive buffer as configured. */
    public static GenericNetlink openGenericNetlink(ReceiveBuffer receiveBuffer) throws SyscallException {
        return new FfmGenericNetlink(receiveBuffer);
    }

    /** An nfnetlink socket for nf_tables batches (the nftables data plane's element changes); needs CAP_NET_ADMIN. */
    public static NetfilterNetlink openNetfilterNetlink() throws SyscallException {
        return new FfmNetfilterNetlink();
    }

    /** keepalived's linkbeat probes (MII, ethtool, interface flags) on an AF_INET datagram socket; needs no privilege. */
    public static LinkProbe openLinkProbe() throws SyscallException {
        return FfmLinkProbe.open();
    }

    /** A non-blocking subscription to link and IPv4/IPv6 address changes. */
    public static NetlinkMonitor openNetlinkMonitor() throws SyscallException {
        return new FfmNetlinkMonitor(ReceiveBuffer.DEFAULT);
    }

    /** ... with its receive buffer as configured (keepalived's vrrp_netlink_monitor_rcv_bufs); unset, 1 MiB. */
    public static NetlinkMonitor openNetlinkMonitor(ReceiveBuffer receiveBuffer) throws SyscallException {
        return new FfmNetlinkMonitor(receiveBuffer);
    }

    /** A non-blocking subscription to route, rule and address removals. */
    public static RoutingMonitor openRoutingMonitor() throws SyscallException {
        return new FfmRoutingMonitor(ReceiveBuffer.DEFAULT);
    }

    /** ... with its receive buffer as configured (keepalived's monitor socket also carries routes/rules); unset, 1 MiB. */
    public static RoutingMonitor openRoutingMonitor(ReceiveBuffer receiveBuffer) throws SyscallException {
        return new FfmRoutingMonitor(receiveBuffer);
    }

    /**
     * The process connector's fork/exec/comm/exit events (CAP_NET_ADMIN). The kernel sends them only in the initial
     * network namespace: from another one the socket is opened there (needs /proc/1/ns/net, i.e. root).
     */
    public static ProcessEvents openProcessEvents() throws Exception {
        return FfmProcessEvents.open(ReceiveBuffer.DEFAULT);
    }

    /** ... with its receive buffer as configured (keepalived's process_monitor_rcv_bufs); unset, 1 MiB. */
    public static ProcessEvents openProcessEvents(ReceiveBuffer receiveBuffer) throws Exception {
        return FfmProcessEvents.open(receiveBuffer);
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

    /**
     * An unbound AF_UNIX datagram socket whose sends block at most {@code sendTimeout} (sd_notify, syslog). Needs no
     * privilege.
     */
    public static UnixDatagramSocket openUnixDatagramSender(java.time.Duration sendTimeout) throws SyscallException {
        return FfmUnixDatagramSocket.sender(sendTimeout);
    }

    /** An AF_UNIX datagram socket bound to a path (which must not exist) or an abstract {@code @name}, to receive. */
    public static UnixDatagramSocket bindUnixDatagram(String address) throws SyscallException {
        return FfmUnixDatagramSocket.bound(address);
    }

    /** close(2) of a descriptor whose owner is gone (an event loop closing with connects in flight). */
    public static void closeDescriptor(int fd) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            Libc.close(arena.allocate(Libc.CAPTURE_LAYOUT), fd);
        }
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
