package io.jkeepalived.linux;

import java.util.function.Consumer;

/** NetlinkMonitor on a non-blocking netlink socket bound to the link and address groups. */
final class FfmNetlinkMonitor implements NetlinkMonitor {
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;

    private final NetlinkSocket socket;

    FfmNetlinkMonitor() throws SyscallException {
        this.socket = NetlinkSocket.open(RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR, true);
    }

    @Override
    public int fd() {
        return socket.fd();
    }

    @Override
    public int drain(Consumer<NetlinkEvent> events) throws SyscallException {
        int count = 0;
        while (true) {
            int n = socket.receive("monitor");
            if (n == -1) {
                return count;
            }
            if (n == -NetlinkSocket.ENOBUFS) {
                events.accept(new NetlinkEvent.Overrun());
                count++;
                continue;
            }
            var b = socket.received;
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(b, at, n);
                if (m == null) {
                    break;
                }
                NetlinkEvent e = switch (m.type()) {
                    case RtnetlinkCodec.RTM_NEWLINK -> new NetlinkEvent.LinkChanged(RtnetlinkCodec.link(b, m));
                    case RtnetlinkCodec.RTM_DELLINK -> new NetlinkEvent.LinkRemoved(RtnetlinkCodec.link(b, m));
                    case RtnetlinkCodec.RTM_NEWADDR -> new NetlinkEvent.AddressAdded(RtnetlinkCodec.address(b, m));
                    case RtnetlinkCodec.RTM_DELADDR -> new NetlinkEvent.AddressRemoved(RtnetlinkCodec.address(b, m));
                    default -> null;
                };
                if (e != null) {
                    events.accept(e);
                    count++;
                }
                at += RtnetlinkCodec.align(m.length());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
