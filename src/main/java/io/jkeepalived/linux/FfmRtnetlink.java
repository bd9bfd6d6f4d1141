package io.jkeepalived.linux;

import static io.jkeepalived.linux.RtnetlinkCodec.NLMSG_DONE;
import static io.jkeepalived.linux.RtnetlinkCodec.NLMSG_ERROR;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Rtnetlink over a blocking netlink socket: one request, then read until DONE / the ACK. */
final class FfmRtnetlink implements Rtnetlink {
    private final NetlinkSocket socket;
    private int seq; // replies carry it; each socket has its own port id, so starting at 0 is fine

    FfmRtnetlink() throws SyscallException {
        this(ReceiveBuffer.DEFAULT);
    }

    FfmRtnetlink(ReceiveBuffer receiveBuffer) throws SyscallException {
        this.socket = NetlinkSocket.open(0, false, receiveBuffer);
    }

    @Override
    public int portId() {
        return socket.portId;
    }

    @Override
    public List<Link> links() throws SyscallException {
        var links = new ArrayList<Link>();
        dump(RtnetlinkCodec.RTM_GETLINK, "RTM_GETLINK", m -> {
            if (m.type() == RtnetlinkCodec.RTM_NEWLINK && RtnetlinkCodec.hasLinkHeader(m)) {
                links.add(RtnetlinkCodec.link(socket.received, m));
            }
        });
        return links;
    }

    @Override
    public List<InterfaceAddress> addresses() throws SyscallException {
        var addresses = new ArrayList<InterfaceAddress>();
        dump(RtnetlinkCodec.RTM_GETADDR, "RTM_GETADDR", m -> {
            if (m.type() == RtnetlinkCodec.RTM_NEWADDR && RtnetlinkCodec.hasAddressHeader(m)) {
                addresses.add(RtnetlinkCodec.address(socket.received, m));
            }
        });
        return addresses;
    }

    @Override
    public void addAddress(InterfaceAddress address) throws SyscallException {
        request(RtnetlinkCodec.RTM_NEWADDR, "RTM_NEWADDR", address);
    }

    @Override
    public void deleteAddress(InterfaceAddress address) throws SyscallException {
        request(RtnetlinkCodec.RTM_DELADDR, "RTM_DELADDR", address);
    }

    @Override
    public List<Route> routes() throws SyscallException {
        var routes = new ArrayList<Route>();
        int mySeq = ++seq;
        dump(RtnetlinkCodec.routeDumpRequest(mySeq), mySeq, "RTM_GETROUTE", m -> {
            if (m.type() == RtnetlinkCodec.RTM_NEWROUTE && RtnetlinkCodec.hasRouteHeader(m)) {
                routes.add(RtnetlinkCodec.route(socket.received, m));
            }
        });
        return routes;
    }

    @Override
    public void addRoute(Route route) throws SyscallException {
        int mySeq = ++seq;
        request(RtnetlinkCodec.routeRequest(RtnetlinkCodec.RTM_NEWROUTE, route, mySeq), mySeq, "RTM_NEWROUTE", route.describe());
    }

    @Override
    public void deleteRoute(Route route) throws SyscallException {
        int mySeq = ++seq;
        request(RtnetlinkCodec.routeRequest(RtnetlinkCodec.RTM_DELROUTE, route, mySeq), mySeq, "RTM_DELROUTE", route.describe());
    }

    @Override
    public void addRoute(Route route, RouteAddMode mode) throws SyscallException {
        int mySeq = ++seq;
        request(RtnetlinkCodec.routeRequest(RtnetlinkCodec.RTM_NEWROUTE, route, mySeq, mode.netlinkFlags), mySeq, "RTM_NEWROUTE",
                route.describe());
    }

    @Override
    public List<Rule> rules() throws SyscallException {
        var rules = new ArrayList<Rule>();
        int mySeq = ++seq;
        dump(RuleCodec.dumpRequest(mySeq), mySeq, "RTM_GETRULE", m -> {
            if (m.type() == RuleCodec.RTM_NEWRULE) {
                rules.add(RuleCodec.rule(socket.received, m));
            }
        });
        return rules;
    }

    @Override
    public void addRule(Rule rule) throws SyscallException {
        int mySeq = ++seq;
        request(RuleCodec.request(RuleCodec.RTM_NEWRULE, rule, mySeq), mySeq, "RTM_NEWRULE", rule.describe());
    }

    @Override
    public void deleteRule(Rule rule) throws SyscallException {
        int mySeq = ++seq;
        request(RuleCodec.request(RuleCodec.RTM_DELRULE, rule, mySeq), mySeq, "RTM_DELRULE", rule.describe());
    }

    @Override
    public int addMacvlan(String name, int parentIndex, String mac) throws SyscallException {
        checkName(name);
        byte[] macBytes = java.util.HexFormat.ofDelimiter(":").parseHex(mac);
        int mySeq = ++seq;
        request(RtnetlinkCodec.newMacvlanRequest(name, parentIndex, macBytes, RtnetlinkCodec.MACVLAN_MODE_PRIVATE, mySeq),
                mySeq, "RTM_NEWLINK", name + " link " + parentIndex + " address " + mac + " type macvlan mode private");
        return indexOf(name);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1-15 characters: '" + name + "'");
        }
    }

    private int indexOf(String name) throws SyscallException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst().map(Link::index)
                .orElseThrow(() -> new SyscallException("RTM_GETLINK", name, Errno.ENODEV, "created but not listed"));
    }

    @Override
    public int addIpvlan(String name, int parentIndex, int vrfIndex, IpvlanFlag flag) throws SyscallException {
        checkName(name);
        int mySeq = ++seq;
        request(RtnetlinkCodec.newIpvlanRequest(name, parentIndex, vrfIndex, RtnetlinkCodec.IPVLAN_MODE_L2, flag.value, mySeq),
                mySeq, "RTM_NEWLINK", name + " link " + parentIndex + (vrfIndex > 0 ? " master " + vrfIndex : "")
                        + " type ipvlan mode l2 " + flag.word());
        return indexOf(name);
    }

    @Override
    public void setLinkUp(int index, boolean up) throws SyscallException {
        int mySeq = ++seq;
        request(RtnetlinkCodec.setLinkUpRequest(index, up, mySeq), mySeq, "RTM_NEWLINK", "dev " + index + (up ? " up" : " down"));
    }

    @Override
    public void deleteLink(int index) throws SyscallException {
        int mySeq = ++seq;
        request(RtnetlinkCodec.deleteLinkRequest(index, mySeq), mySeq, "RTM_DELLINK", "dev " + index);
    }

    private void request(int type, String name, InterfaceAddress address) throws SyscallException {
        int mySeq = ++seq;
        request(RtnetlinkCodec.addressRequest(type, address, mySeq), mySeq, name, describe(address));
    }

    private void request(byte[] message, int mySeq, String name, String what) throws SyscallException {
        socket.send(message, name + " " + what);
        while (true) {
            int n = receiveOrFail(name, what);
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(socket.received, at, n);
                if (m == null) {
                    break;
                }
                if (m.seq() == mySeq && m.type() == NLMSG_ERROR) {
                    int errno = RtnetlinkCodec.errorCode(socket.received, m);
                    if (errno == 0) {
                        return;
                    }
                    throw kernelError(name, what, errno, m);
                }
                at += RtnetlinkCodec.align(m.length());
            }
        }
    }

    private void dump(int type, String name, Consumer<RtnetlinkCodec.Message> each) throws SyscallException {
        int mySeq = ++seq;
        dump(RtnetlinkCodec.dumpRequest(type, mySeq), mySeq, name, each);
    }

    private void dump(byte[] request, int mySeq, String name, Consumer<RtnetlinkCodec.Message> each) throws SyscallException {
        socket.send(request, name + " dump");
        while (true) {
            int n = receiveOrFail(name, "dump");
            for (int at = 0; ; ) {
                var m = RtnetlinkCodec.messageAt(socket.received, at, n);
                if (m == null) {
                    break;
                }
                if (m.seq() == mySeq) {
                    if (m.type() == NLMSG_DONE) {
                        return;
                    }
                    if (m.type() == NLMSG_ERROR) {
                        int errno = RtnetlinkCodec.errorCode(socket.received, m);
                        if (errno == 0) {
                            return;
                        }
                        throw kernelError(name, "dump", errno, m);
                    }
                    each.accept(m);
                }
                at += RtnetlinkCodec.align(m.length());
            }
        }
    }

    private int receiveOrFail(String name, String what) throws SyscallException {
        int n = socket.receive(name + " " + what);
        if (n == -1) {
            throw new SyscallException(name, what, Errno.EAGAIN, "the kernel did not answer within 5 s");
        }
        if (n < 0) {
            throw Libc.error(name, what, -n);
        }
        return n;
    }

    private SyscallException kernelError(String name, String what, int errno, RtnetlinkCodec.Message m) {
        var ack = RtnetlinkCodec.extendedAck(socket.received, m);
        String reason = Libc.strerror(errno) + " (" + Errno.name(errno) + ")" + ack.map(t -> ": " + t).orElse("");
        return new SyscallException(name, what, errno, reason);
    }

    /** e.g. {@code 2001:db8::100/64 dev 3 nodad} */
    static String describe(InterfaceAddress a) {
        var sb = new StringBuilder(a.cidr()).append(" dev ").append(a.interfaceIndex());
        a.broadcast().ifPresent(b -> sb.append(" brd ").append(b.getHostAddress()));
        if (a.scope() != 0) {
            sb.append(" scope ").append(a.scope());
        }
        a.label().ifPresent(l -> sb.append(" label ").append(l));
        if ((a.flags() & InterfaceAddress.IFA_F_NODAD) != 0) {
            sb.append(" nodad");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
