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

    /** A non-blocking subscription to link and IPv4/IPv6 address changes. */
    public static NetlinkMonitor openNetlinkMonitor() throws SyscallException {
        return new FfmNetlinkMonitor();
    }

    /** if_nametoindex(3). */
    public static int interfaceIndex(String ifname) throws SyscallException {
        return SockAddr.interfaceIndex(ifname);
    }
}
