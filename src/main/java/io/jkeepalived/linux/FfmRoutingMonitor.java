package io.jkeepalived.linux;

import java.util.function.Consumer;

/** RoutingMonitor on a non-blocking netlink socket bound to the route, rule and address groups. */
final class FfmRoutingMonitor implements RoutingMonitor {
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    static final int RTMGRP_IPV4_RULE = 0x80;
    static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final int RTMGRP_IPV6_ROUTE = 0x400;
    static final int RTMGRP_IPV6_RULE = 1 << (19 - 1);    // RTNLGRP_IPV6_RULE = 19

    private final NetlinkSocket socket;

    FfmRoutingMonitor(ReceiveBuffer receiveBuffer) throws SyscallException {
        this.socket = NetlinkSocket.open(RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV4_RULE | RTMGRP_IPV6_IFADDR
                | RTMGRP_IPV6_ROUTE | RTMGRP_IPV6_RULE, true, receiveBuffer);
    }

    @Override
    public int fd() {
        return socket.fd();
    }

    @Override
    public int drain(Consumer<RoutingEvent> events) throws SyscallException {
        int count = 0;
        while (true) {
            int n = socket.receive("routing monitor");
            if (n == -1) {
                return count;
            }
            if (n == -NetlinkSocket.ENOBUFS) {
                events.accept(new RoutingEvent.Overrun());
                count++;
                continue;
            }
            var b = socket.received;
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(b, at, n);
                if (m == null) {
                    break;
                }
                int requester = b.getInt(m.offset() + 12);     // nlmsg_pid
                RoutingEvent e = switch (m.type()) {
                    case RtnetlinkCodec.RTM_DELROUTE -> new RoutingEvent.RouteRemoved(RtnetlinkCodec.route(b, m), requester);
                    case RuleCodec.RTM_DELRULE -> new RoutingEvent.RuleRemoved(RuleCodec.rule(b, m), requester);
                    case RtnetlinkCodec.RTM_DELADDR -> new RoutingEvent.AddressRemoved(RtnetlinkCodec.address(b, m), requester);
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
