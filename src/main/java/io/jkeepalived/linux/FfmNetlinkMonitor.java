package io.jkeepalived.linux;

import java.util.function.Consumer;

/** NetlinkMonitor on a non-blocking netlink socket bound to the link and address groups. */
final class FfmNetlinkMonitor implements NetlinkMonitor {
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;

    private final NetlinkSocket socket;

    FfmNetlinkMonitor(ReceiveBuffer receiveBuffer) throws SyscallException {
        this.socket = NetlinkSocket.open(RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR, true, receiveBuffer);
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
            count += RtnetlinkCodec.decodeEvents(socket.received, n, events);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
