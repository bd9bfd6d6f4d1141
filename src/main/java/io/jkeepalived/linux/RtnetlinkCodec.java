package io.jkeepalived.linux;

import io.jkeepalived.common.InetBytes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * rtnetlink message layouts (host byte order), pure Java.
 *
 * <pre>
 * nlmsghdr  { u32 len; u16 type; u16 flags; u32 seq; u32 pid; }            16 bytes, then payload, 4-aligned
 * nlmsgerr  { s32 error; nlmsghdr request; [request payload unless CAPPED] } then NLMSGERR_ATTR_* TLVs if ACK_TLVS
 * ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; } 16 bytes, then IFLA_* rtattrs
 * ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }        8 bytes, then IFA_* rtattrs
 * rtattr    { u16 len; u16 type; } then data, 4-aligned
 * </pre>
 */
final class RtnetlinkCodec {
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;
    static final int NLMSGERR_ATTR_OFFS = 2;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_MASTER = 10;
    private static final int IFLA_OPERSTATE = 16;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFA_BROADCAST = 4;
    private static final int IFA_FLAGS = 8;

    private RtnetlinkCodec() {
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    /** A dump request (RTM_GETLINK / RTM_GETADDR) for all families. */
    static byte[] dumpRequest(int type, int seq) {
        int payload = type == RTM_GETLINK ? 16 : 8;
        var b = header(16 + payload, type, NLM_F_REQUEST | NLM_F_DUMP, seq);
        return b.array();
    }

    /** RTM_NEWADDR (create, exclusive) or RTM_DELADDR for {@code a}, asking for an ACK. */
    static byte[] addressRequest(int type, InterfaceAddress a, int seq) {
        byte[] addr = a.address().getAddress();
        boolean v6 = addr.length == 16;
        byte[] label = a.label().filter(l -> !v6).map(l -> (l + "\0").getBytes(StandardCharsets.UTF_8)).orElse(null);
        byte[] brd = a.broadcast().filter(x -> !v6).map(InetAddress::getAddress).orElse(null);
        int len = 16 + 8 + attrSize(addr.length) * 2 + attrSize(4)
                + (label != null ? attrSize(label.length) : 0) + (brd != null ? attrSize(4) : 0);
        int flags = NLM_F_REQUEST | NLM_F_ACK | (type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0);
        var b = header(len, type, flags, seq);
        b.put((byte) (v6 ? Sys.AF_INET6 : Sys.AF_INET));
        b.put((byte) a.prefixLength());
        b.put((byte) (a.flags() & 0xff));
        b.put((byte) a.scope());
        b.putInt(a.interfaceIndex());
        attr(b, IFA_LOCAL, addr);
        attr(b, IFA_ADDRESS, addr);
        var flagBytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(a.flags()).array();
        attr(b, IFA_FLAGS, flagBytes);
        if (brd != null) {
            attr(b, IFA_BROADCAST, brd);
        }
        if (label != null) {
            attr(b, IFA_LABEL, label);
        }
        return b.array();
    }

    static final int MACVLAN_MODE_PRIVATE = 1;
    static final int MACVLAN_MODE_BRIDGE = 4;
    private static final int IFLA_LINK = 5;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_MACVLAN_MODE = 1;

    /**
     * RTM_NEWLINK creating a macvlan {@code name} on {@code parentIndex} with {@code mac} (a VRRP VMAC, as
     * keepalived's use_vmac): IFLA_IFNAME, IFLA_LINK, IFLA_ADDRESS, IFLA_LINKINFO { KIND "macvlan",
     * DATA { IFLA_MACVLAN_MODE } }.
     */
    static byte[] newMacvlanRequest(String name, int parentIndex, byte[] mac, int mode, int seq) {
        byte[] ifname = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] kind = "macvlan\0".getBytes(StandardCharsets.UTF_8);
        int dataAttr = 4 + attrSize(4);
        int linkinfo = 4 + attrSize(kind.length) + align(dataAttr);
        int len = 16 + 16 + attrSize(ifname.length) + attrSize(4) + attrSize(mac.length) + align(linkinfo);
        var b = header(len, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        b.put(new byte[16]); // ifinfomsg: AF_UNSPEC, index 0 (the kernel picks)
        attr(b, IFLA_IFNAME, ifname);
        attr(b, IFLA_LINK, u32(parentIndex));
        attr(b, IFLA_ADDRESS, mac);
        b.putShort((short) linkinfo).putShort((short) IFLA_LINKINFO);
        attr(b, IFLA_INFO_KIND, kind);
        b.putShort((short) dataAttr).putShort((short) IFLA_INFO_DATA);
        attr(b, IFLA_MACVLAN_MODE, u32(mode));
        return b.array();
    }

    static final int IPVLAN_MODE_L2 = 0;
    private static final int IFLA_IPVLAN_MODE = 1;
    private static final int IFLA_IPVLAN_FLAGS = 2;

    /**
     * RTM_NEWLINK creating an ipvlan {@code name} on {@code parentIndex} (keepalived's use_ipvlan), as
     * {@code ip link add link PARENT name NAME [master VRF] type ipvlan mode l2 FLAG} sends it: [IFLA_MASTER],
     * IFLA_LINK, IFLA_IFNAME, IFLA_LINKINFO { KIND "ipvlan", DATA { IFLA_IPVLAN_MODE u16, IFLA_IPVLAN_FLAGS u16 } }.
     *
     * @param masterIndex the VRF to enslave it to (keepalived: its parent's), 0 for none
     * @param flags IPVLAN_F_* (0 bridge, 1 private, 2 vepa), see {@link IpvlanFlag}
     */
    static byte[] newIpvlanRequest(String name, int parentIndex, int masterIndex, int mode, int flags, int seq) {
        byte[] ifname = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] kind = "ipvlan".getBytes(StandardCharsets.UTF_8);   // as iproute2: the kind without its NUL
        int dataAttr = 4 + attrSize(2) * 2;
        int linkinfo = 4 + attrSize(kind.length) + align(dataAttr);
        int len = 16 + 16 + (masterIndex > 0 ? attrSize(4) : 0) + attrSize(4) + attrSize(ifname.length) + align(linkinfo);
        var b = header(len, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        b.put(new byte[16]); // ifinfomsg: AF_UNSPEC, index 0 (the kernel picks)
        if (masterIndex > 0) {
            attr(b, IFLA_MASTER, u32(masterIndex));
        }
        attr(b, IFLA_LINK, u32(parentIndex));
        attr(b, IFLA_IFNAME, ifname);
        b.putShort((short) linkinfo).putShort((short) IFLA_LINKINFO);
        attr(b, IFLA_INFO_KIND, kind);
        b.putShort((short) dataAttr).putShort((short) IFLA_INFO_DATA);
        attr(b, IFLA_IPVLAN_MODE, u16(mode));
        attr(b, IFLA_IPVLAN_FLAGS, u16(flags));
        return b.array();
    }

    private static byte[] u16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array();
    }

    /** RTM_NEWLINK changing only IFF_UP of link {@code index}. */
    static byte[] setLinkUpRequest(int index, boolean up, int seq) {
        var b = header(32, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(up ? Link.IFF_UP : 0).putInt(Link.IFF_UP);
        return b.array();
    }

    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_METRICS = 8;
    private static final int RTA_MULTIPATH = 9;
    private static final int RTA_TABLE = 15;
    private static final int RTA_TTL_PROPAGATE = 26;
    private static final int RTNH_F_ONLINK = 4;

    /**
     * RTM_NEWROUTE (create, exclusive) or RTM_DELROUTE:
     * rtmsg { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags } then RTA_* attributes.
     */
    static byte[] routeRequest(int type, Route r, int seq) {
        return routeRequest(type, r, seq, NLM_F_EXCL);
    }

    /** As above; {@code addFlags} for RTM_NEWROUTE: NLM_F_EXCL (ip route add), 0 (prepend) or NLM_F_APPEND. */
    static byte[] routeRequest(int type, Route r, int seq, int addFlags) {
        byte[] dst = r.destination().getAddress();
        int alen = dst.length;
        int len = 16 + 12 + attrSize(alen) + attrSize(4) /* table */
                + (r.gateway().isPresent() ? attrSize(alen) : 0)
                + (r.outputInterface() != 0 ? attrSize(4) : 0)
                + (r.metric() != 0 ? attrSize(4) : 0)
                + (r.preferredSource().isPresent() ? attrSize(alen) : 0);
        var x = r.extras();
        byte[] metrics = metrics(x);
        byte[] multipath = multipath(x);
        len += (metrics.length > 0 ? attrSize(metrics.length) : 0) + (multipath.length > 0 ? attrSize(multipath.length) : 0)
                + (x.ttlPropagate().isPresent() ? attrSize(1) : 0);
        int flags = NLM_F_REQUEST | NLM_F_ACK | (type == RTM_NEWROUTE ? NLM_F_CREATE | addFlags : 0);
        var b = header(len, type, flags, seq);
        b.put((byte) (alen == 16 ? Sys.AF_INET6 : Sys.AF_INET)).put((byte) r.prefixLength()).put((byte) 0).put((byte) 0);
        b.put((byte) (r.table() < 256 ? r.table() : 252)); // RT_TABLE_COMPAT; RTA_TABLE has the real number
        b.put((byte) r.protocol()).put((byte) r.scope()).put((byte) r.type()).putInt(x.onlink() ? RTNH_F_ONLINK : 0);
        attr(b, RTA_DST, dst);
        attr(b, RTA_TABLE, u32(r.table()));
        if (r.gateway().isPresent()) {
            attr(b, RTA_GATEWAY, r.gateway().get().getAddress());
        }
        if (r.outputInterface() != 0) {
            attr(b, RTA_OIF, u32(r.outputInterface()));
        }
        if (r.metric() != 0) {
            attr(b, RTA_PRIORITY, u32(r.metric()));
        }
        if (r.preferredSource().isPresent()) {
            attr(b, RTA_PREFSRC, r.preferredSource().get().getAddress());
        }
        if (metrics.length > 0) {
            attr(b, RTA_METRICS, metrics);
        }
        if (multipath.length > 0) {
            attr(b, RTA_MULTIPATH, multipath);
        }
        if (x.ttlPropagate().isPresent()) {
            attr(b, RTA_TTL_PROPAGATE, new byte[] {(byte) (x.ttlPropagate().get() ? 1 : 0)});
        }
        return b.array();
    }

    /** RTA_METRICS' nested RTAX_* u32 attributes, RTAX_LOCK first when a metric is locked; empty when none. */
    static byte[] metrics(RouteExtras x) {
        int n = x.metrics().size() + (x.locks() != 0 ? 1 : 0);
        if (n == 0) {
            return new byte[0];
        }
        var b = ByteBuffer.allocate(n * attrSize(4)).order(ByteOrder.nativeOrder());
        if (x.locks() != 0) {
            attr(b, RouteExtras.RTAX_LOCK, u32(x.locks()));
        }
        x.metrics().forEach((rtax, value) -> attr(b, rtax, u32((int) (long) value)));
        return b.array();
    }

    /**
     * RTA_MULTIPATH: one rtnexthop { u16 len; u8 flags; u8 hops (weight - 1); s32 ifindex } per path, each followed
     * by its RTA_GATEWAY; empty when the route has a single path.
     */
    static byte[] multipath(RouteExtras x) {
        int len = 0;
        for (var hop : x.nexthops()) {
            len += 8 + hop.gateway().map(g -> attrSize(g.getAddress().length)).orElse(0);
        }
        var b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        for (var hop : x.nexthops()) {
            int hopLen = 8 + hop.gateway().map(g -> attrSize(g.getAddress().length)).orElse(0);
            b.putShort((short) hopLen).put((byte) (hop.onlink() ? RTNH_F_ONLINK : 0)).put((byte) (hop.weight() - 1))
                    .putInt(hop.outputInterface());
            hop.gateway().ifPresent(g -> attr(b, RTA_GATEWAY, g.getAddress()));
        }
        return b.array();
    }

    static byte[] routeDumpRequest(int seq) {
        return header(16 + 12, RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, seq).array();
    }

    static Route route(ByteBuffer b, Message m) {
        int p = m.payloadOffset();
        int family = b.get(p) & 0xff;
        int dstLen = b.get(p + 1) & 0xff;
        int table = b.get(p + 4) & 0xff;
        int protocol = b.get(p + 5) & 0xff;
        int scope = b.get(p + 6) & 0xff;
        int type = b.get(p + 7) & 0xff;
        int alen = family == Sys.AF_INET6 ? 16 : 4;
        byte[] dst = new byte[alen];
        Optional<InetAddress> gateway = Optional.empty();
        Optional<InetAddress> prefsrc = Optional.empty();
        int oif = 0;
        int metric = 0;
        int end = m.offset() + m.length();
        for (int at = p + 12; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int attrType = b.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > end) {
                break;
            }
            int data = at + 4;
            int dlen = len - 4;
            switch (attrType) {
                case RTA_DST -> dst = bytes(b, data, Math.min(dlen, alen));
                case RTA_GATEWAY -> gateway = dlen == alen ? Optional.of(inet(bytes(b, data, alen))) : gateway;
                case RTA_PREFSRC -> prefsrc = dlen == alen ? Optional.of(inet(bytes(b, data, alen))) : prefsrc;
                case RTA_OIF -> oif = dlen >= 4 ? b.getInt(data) : 0;
                case RTA_PRIORITY -> metric = dlen >= 4 ? b.getInt(data) : 0;
                case RTA_TABLE -> table = dlen >= 4 ? b.getInt(data) : table;
                default -> {
                }
            }
            at += align(len);
        }
        if (dst.length != alen) {
            dst = java.util.Arrays.copyOf(dst, alen);
        }
        return new Route(inet(dst), Math.min(dstLen, alen * 8), gateway, oif, table, metric, scope, protocol, type, prefsrc);
    }

    static byte[] deleteLinkRequest(int index, int seq) {
        var b = header(32, RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(0).putInt(0);
        return b.array();
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    static ByteBuffer header(int len, int type, int flags, int seq) {
        var b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return b;
    }

    static int attrSize(int dataLen) {
        return align(4 + dataLen);
    }

    static void attr(ByteBuffer b, int type, byte[] data) {
        int start = b.position();
        b.putShort((short) (4 + data.length)).putShort((short) type).put(data);
        b.position(start + attrSize(data.length));
    }

    /** One message of a receive buffer: its header fields and where its payload is. */
    record Message(int type, int flags, int seq, int offset, int length) {
        int payloadOffset() {
            return offset + 16;
        }

        int payloadLength() {
            return length - 16;
        }
    }

    /** The message at {@code offset} of {@code b}, or null when no complete message starts there. */
    static Message messageAt(ByteBuffer b, int offset, int limit) {
        if (offset < 0 || offset > limit - 16) {
            return null;
        }
        int len = b.getInt(offset);
        if (len < 16 || len > limit - offset) {     // not offset + len: a lying length must not overflow
            return null;
        }
        return new Message(b.getShort(offset + 4) & 0xffff, b.getShort(offset + 6) & 0xffff, b.getInt(offset + 8), offset, len);
    }

    /**
     * The link and address events in one datagram of {@code n} bytes from the rtnetlink multicast groups, in
     * order; a message too short for its fixed header is skipped (the kernel never sends one, a fuzzer does).
     * Returns how many events were given to {@code events}.
     */
    static int decodeEvents(ByteBuffer b, int n, java.util.function.Consumer<NetlinkEvent> events) {
        int count = 0;
        for (int at = 0; ; ) {
            var m = messageAt(b, at, n);
            if (m == null) {
                return count;
            }
            NetlinkEvent e = switch (m.type()) {
                case RTM_NEWLINK -> hasLinkHeader(m) ? new NetlinkEvent.LinkChanged(link(b, m)) : null;
                case RTM_DELLINK -> hasLinkHeader(m) ? new NetlinkEvent.LinkRemoved(link(b, m)) : null;
                case RTM_NEWADDR -> hasAddressHeader(m) ? new NetlinkEvent.AddressAdded(address(b, m)) : null;
                case RTM_DELADDR -> hasAddressHeader(m) ? new NetlinkEvent.AddressRemoved(address(b, m)) : null;
                default -> null;
            };
            if (e != null) {
                events.accept(e);
                count++;
            }
            at += align(m.length());
        }
    }

    /** Whether the message holds a whole ifinfomsg (16 bytes) for {@link #link}. */
    static boolean hasLinkHeader(Message m) {
        return m.payloadLength() >= 16;
    }

    /** Whether the message holds a whole ifaddrmsg (8 bytes) for {@link #address}. */
    static boolean hasAddressHeader(Message m) {
        return m.payloadLength() >= 8;
    }

    /** Whether the message holds a whole rtmsg (12 bytes) for {@link #route}. */
    static boolean hasRouteHeader(Message m) {
        return m.payloadLength() >= 12;
    }

    /** The positive errno of an NLMSG_ERROR (0 = ACK). */
    static int errorCode(ByteBuffer b, Message m) {
        return m.payloadLength() >= 4 ? -b.getInt(m.payloadOffset()) : Errno.EINVAL;
    }

    /** The kernel's extended-ack text (NLMSGERR_ATTR_MSG) of an NLMSG_ERROR, if it sent one. */
    static Optional<String> extendedAck(ByteBuffer b, Message m) {
        if ((m.flags() & NLM_F_ACK_TLVS) == 0 || m.payloadLength() < 4 + 16) {
            return Optional.empty();
        }
        int inner = m.payloadOffset() + 4;
        int end = m.offset() + m.length();
        int requestLength = (m.flags() & NLM_F_CAPPED) != 0 ? 16 : b.getInt(inner);
        if (requestLength < 16 || requestLength > end - inner) {
            return Optional.empty();        // the echoed request cannot be that long: no TLVs to trust
        }
        int tlvs = inner + align(requestLength);
        for (int at = tlvs; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0xffff;
            if (len < 4 || at + len > end) {
                break;
            }
            if (type == NLMSGERR_ATTR_MSG) {
                return Optional.of(cString(b, at + 4, len - 4));
            }
            at += align(len);
        }
        return Optional.empty();
    }

    static Link link(ByteBuffer b, Message m) {
        int p = m.payloadOffset();
        int index = b.getInt(p + 4);
        int flags = b.getInt(p + 8);
        String name = "";
        String mac = "";
        int mtu = 0;
        int oper = 0;
        int master = 0;
        Optional<String> kind = Optional.empty();
        int end = m.offset() + m.length();
        for (int at = p + 16; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0x3fff; // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
            if (len < 4 || at + len > end) {
                break;
            }
            int data = at + 4;
            int dlen = len - 4;
            switch (type) {
                case IFLA_IFNAME -> name = cString(b, data, dlen);
                case IFLA_ADDRESS -> mac = macString(b, data, dlen);
                case IFLA_MTU -> mtu = dlen >= 4 ? b.getInt(data) : 0;
                case IFLA_OPERSTATE -> oper = dlen >= 1 ? b.get(data) & 0xff : 0;
                case IFLA_MASTER -> master = dlen >= 4 ? b.getInt(data) : 0;
                case IFLA_LINKINFO -> kind = linkKind(b, data, at + len);
                default -> {
                }
            }
            at += align(len);
        }
        return new Link(index, name, flags, Link.OperState.of(oper), mac, mtu, kind, master);
    }

    private static Optional<String> linkKind(ByteBuffer b, int from, int end) {
        for (int at = from; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > end) {
                break;
            }
            if (type == IFLA_INFO_KIND) {
                return Optional.of(cString(b, at + 4, len - 4));
            }
            at += align(len);
        }
        return Optional.empty();
    }

    static InterfaceAddress address(ByteBuffer b, Message m) {
        int p = m.payloadOffset();
        int family = b.get(p) & 0xff;
        int prefix = b.get(p + 1) & 0xff;
        int flags = b.get(p + 2) & 0xff;
        int scope = b.get(p + 3) & 0xff;
        int index = b.getInt(p + 4);
        byte[] address = null;
        byte[] local = null;
        Optional<InetAddress> brd = Optional.empty();
        Optional<String> label = Optional.empty();
        int alen = family == Sys.AF_INET6 ? 16 : 4;
        int end = m.offset() + m.length();
        for (int at = p + 8; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > end) {
                break;
            }
            int data = at + 4;
            int dlen = len - 4;
            switch (type) {
                // an address shorter than its family's is no address: left out rather than mis-read
                case IFA_ADDRESS -> address = dlen >= alen ? bytes(b, data, alen) : address;
                case IFA_LOCAL -> local = dlen >= alen ? bytes(b, data, alen) : local;
                case IFA_BROADCAST -> brd = dlen >= 4 ? Optional.of(inet(bytes(b, data, 4))) : brd;
                case IFA_LABEL -> label = Optional.of(cString(b, data, dlen));
                case IFA_FLAGS -> flags = dlen >= 4 ? b.getInt(data) : flags;
                default -> {
                }
            }
            at += align(len);
        }
        // IPv4: IFA_LOCAL is our address (IFA_ADDRESS is the peer on point-to-point links); IPv6 has only IFA_ADDRESS.
        byte[] ours = local != null ? local : address;
        if (ours == null) {
            ours = new byte[alen];
        }
        return new InterfaceAddress(index, inet(ours), Math.min(prefix, ours.length * 8), brd, scope, flags, label);
    }

    static byte[] bytes(ByteBuffer b, int at, int len) {
        var out = new byte[len];
        b.get(at, out);
        return out;
    }

    static InetAddress inet(byte[] raw) {
        return InetBytes.of(raw);
    }

    static String cString(ByteBuffer b, int at, int len) {
        int n = 0;
        while (n < len && b.get(at + n) != 0) {
            n++;
        }
        return new String(bytes(b, at, n), StandardCharsets.UTF_8);
    }

    private static String macString(ByteBuffer b, int at, int len) {
        return HexFormat.ofDelimiter(":").formatHex(bytes(b, at, len));
    }
}
