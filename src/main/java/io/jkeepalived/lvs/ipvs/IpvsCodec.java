package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.common.InetBytes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Encodes requests to, and decodes replies from, the kernel's {@code IPVS} generic-netlink family
 * ({@code include/uapi/linux/ip_vs.h}), byte for byte as {@code ipvsadm} 1.31 (libipvs over libnl) does.
 * Multi-byte fields are in host byte order except ports, the tunnel port and IPv4 netmasks (network order).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      nlmsg_len (whole message)                |
 * +-------------------------------+-------------------------------+
 * |  nlmsg_type (IPVS family id)  | flags REQUEST|ACK (|DUMP)     |
 * +-------------------------------+-------------------------------+
 * |                 nlmsg_seq (0 here; the socket sets it)        |
 * +---------------------------------------------------------------+
 * |                 nlmsg_pid (0 here; the socket sets it)        |
 * +---------------+---------------+-------------------------------+
 * |  cmd IPVS_CMD | version 1     |           reserved            |
 * +---------------+---------------+-------------------------------+
 * |  attributes: len (2) | type (2, NLA_F_NESTED on nests) | value, padded to 4 ...
 *
 * IPVS_CMD_ATTR_SERVICE (1, nested)          IPVS_CMD_ATTR_DEST (2, nested)
 *   AF u16 | FWMARK u32                        ADDR_FAMILY u16 | ADDR 16 bytes | PORT be16
 *     or PROTOCOL u16 | ADDR 16 | PORT be16    FWD_METHOD u32 | WEIGHT u32
 *   SCHED_NAME string | [PE_NAME string]       TUN_TYPE u8 | TUN_PORT be16 | TUN_FLAGS u16
 *   FLAGS {u32 flags, u32 mask=~0}             U_THRESH u32 | L_THRESH u32
 *   TIMEOUT u32 | NETMASK u32                  (replies add ACTIVE/INACT/PERSIST_CONNS u32, STATS, STATS64)
 *   (replies add STATS, STATS64)
 *
 * IPVS_CMD_ATTR_DAEMON (3, nested)           IPVS_CMD_ATTR_TIMEOUT_TCP/_TCP_FIN/_UDP (4/5/6): u32 seconds
 *   STATE u32 | MCAST_IFN string | SYNC_ID u32
 *   [SYNC_MAXLEN u16] [MCAST_PORT u16] [MCAST_TTL u8] [MCAST_GROUP in_addr | MCAST_GROUP6 in6_addr]
 * </pre>
 *
 * Addresses are always 16 bytes ({@code union nf_inet_addr}); an IPv4 address fills the first 4.
 */
public final class IpvsCodec {
    public static final String FAMILY_NAME = "IPVS";
    public static final int VERSION = 1;

    static final int CMD_NEW_SERVICE = 1;
    static final int CMD_SET_SERVICE = 2;
    static final int CMD_DEL_SERVICE = 3;
    static final int CMD_GET_SERVICE = 4;
    static final int CMD_NEW_DEST = 5;
    static final int CMD_SET_DEST = 6;
    static final int CMD_DEL_DEST = 7;
    static final int CMD_GET_DEST = 8;
    static final int CMD_NEW_DAEMON = 9;
    static final int CMD_DEL_DAEMON = 10;
    static final int CMD_GET_DAEMON = 11;
    static final int CMD_SET_CONFIG = 12;
    static final int CMD_GET_CONFIG = 13;
    static final int CMD_SET_INFO = 14;
    static final int CMD_GET_INFO = 15;
    static final int CMD_FLUSH = 17;

    private static final int ATTR_SERVICE = 1;
    private static final int ATTR_DEST = 2;
    private static final int ATTR_DAEMON = 3;
    private static final int ATTR_TIMEOUT_TCP = 4;
    private static final int ATTR_TIMEOUT_TCP_FIN = 5;
    private static final int ATTR_TIMEOUT_UDP = 6;

    private static final int SVC_AF = 1;
    private static final int SVC_PROTOCOL = 2;
    private static final int SVC_ADDR = 3;
    private static final int SVC_PORT = 4;
    private static final int SVC_FWMARK = 5;
    private static final int SVC_SCHED_NAME = 6;
    private static final int SVC_FLAGS = 7;
    private static final int SVC_TIMEOUT = 8;
    private static final int SVC_NETMASK = 9;
    private static final int SVC_STATS = 10;
    private static final int SVC_PE_NAME = 11;
    private static final int SVC_STATS64 = 12;

    private static final int DEST_ADDR = 1;
    private static final int DEST_PORT = 2;
    private static final int DEST_FWD_METHOD = 3;
    private static final int DEST_WEIGHT = 4;
    private static final int DEST_U_THRESH = 5;
    private static final int DEST_L_THRESH = 6;
    private static final int DEST_ACTIVE_CONNS = 7;
    private static final int DEST_INACT_CONNS = 8;
    private static final int DEST_PERSIST_CONNS = 9;
    private static final int DEST_STATS = 10;
    private static final int DEST_ADDR_FAMILY = 11;
    private static final int DEST_STATS64 = 12;
    private static final int DEST_TUN_TYPE = 13;
    private static final int DEST_TUN_PORT = 14;
    private static final int DEST_TUN_FLAGS = 15;

    private static final int DAEMON_STATE = 1;
    private static final int DAEMON_MCAST_IFN = 2;
    private static final int DAEMON_SYNC_ID = 3;
    private static final int DAEMON_SYNC_MAXLEN = 4;
    private static final int DAEMON_MCAST_GROUP = 5;
    private static final int DAEMON_MCAST_GROUP6 = 6;
    private static final int DAEMON_MCAST_PORT = 7;
    private static final int DAEMON_MCAST_TTL = 8;

    private static final int INFO_VERSION = 1;
    private static final int INFO_CONN_TAB_SIZE = 2;

    private IpvsCodec() {
    }

    /** The request as a complete netlink message for the IPVS family {@code familyId} (seq and pid 0). */
    public static byte[] encode(IpvsRequest request, int familyId) {
        int flags = NetlinkWriter.NLM_F_REQUEST | NetlinkWriter.NLM_F_ACK | (request.dump() ? NetlinkWriter.NLM_F_DUMP : 0);
        var w = new NetlinkWriter(familyId, flags, request.command(), VERSION);
        switch (request) {
            case IpvsRequest.NewService r -> service(w, r.service());
            case IpvsRequest.SetService r -> service(w, r.service());
            case IpvsRequest.DelService r -> service(w, r.service());
            case IpvsRequest.NewDest r -> dest(service(w, r.service()), r.dest());
            case IpvsRequest.SetDest r -> dest(service(w, r.service()), r.dest());
            case IpvsRequest.DelDest r -> dest(service(w, r.service()), r.dest());
            case IpvsRequest.GetDests r -> serviceKey(w, r.service());
            case IpvsRequest.SetConfig r -> w.u32(ATTR_TIMEOUT_TCP, r.timeouts().tcp())
                    .u32(ATTR_TIMEOUT_TCP_FIN, r.timeouts().tcpFin()).u32(ATTR_TIMEOUT_UDP, r.timeouts().udp());
            case IpvsRequest.NewDaemon r -> daemon(w, r.daemon());
            case IpvsRequest.DelDaemon r -> {
                int n = w.nest(ATTR_DAEMON);
                w.u32(DAEMON_STATE, r.state()).string(DAEMON_MCAST_IFN, "").u32(DAEMON_SYNC_ID, 0).end(n);
            }
            case IpvsRequest.GetServices r -> { }
            case IpvsRequest.GetConfig r -> { }
            case IpvsRequest.GetDaemons r -> { }
            case IpvsRequest.GetInfo r -> { }
            case IpvsRequest.Flush r -> { }
        }
        return w.finish();
    }

    private static NetlinkWriter service(NetlinkWriter w, IpvsService s) {
        int n = w.nest(ATTR_SERVICE);
        key(w, s);
        w.string(SVC_SCHED_NAME, s.scheduler());
        if (!s.persistenceEngine().isEmpty()) {
            w.string(SVC_PE_NAME, s.persistenceEngine());
        }
        // struct ip_vs_flags { flags; mask }: the mask says which flags to set; ipvsadm sends all ones.
        byte[] flags = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(s.flags()).putInt(-1).array();
        w.bytes(SVC_FLAGS, flags).u32(SVC_TIMEOUT, s.timeout());
        if (s.family() == IpvsService.AF_INET) {
            w.be32(SVC_NETMASK, s.netmask());
        } else {
            w.u32(SVC_NETMASK, s.netmask());
        }
        return w.end(n);
    }

    private static void serviceKey(NetlinkWriter w, IpvsService s) {
        int n = w.nest(ATTR_SERVICE);
        key(w, s);
        w.end(n);
    }

    private static void key(NetlinkWriter w, IpvsService s) {
        w.u16(SVC_AF, s.family());
        if (s.isFwmark()) {
            w.u32(SVC_FWMARK, s.fwmark());
        } else {
            w.u16(SVC_PROTOCOL, s.protocol()).bytes(SVC_ADDR, address16(s.address())).be16(SVC_PORT, s.port());
        }
    }

    private static void dest(NetlinkWriter w, IpvsDest d) {
        int n = w.nest(ATTR_DEST);
        w.u16(DEST_ADDR_FAMILY, d.family()).bytes(DEST_ADDR, address16(d.address())).be16(DEST_PORT, d.port())
                .u32(DEST_FWD_METHOD, d.forwarding()).u32(DEST_WEIGHT, d.weight())
                .u8(DEST_TUN_TYPE, d.tunnelType()).be16(DEST_TUN_PORT, d.tunnelPort()).u16(DEST_TUN_FLAGS, d.tunnelFlags())
                .u32(DEST_U_THRESH, d.upperThreshold()).u32(DEST_L_THRESH, d.lowerThreshold())
                .end(n);
    }

    private static void daemon(NetlinkWriter w, IpvsDaemon d) {
        int n = w.nest(ATTR_DAEMON);
        w.u32(DAEMON_STATE, d.state()).string(DAEMON_MCAST_IFN, d.interfaceName()).u32(DAEMON_SYNC_ID, d.syncId());
        if (d.maxLength() != 0) {
            w.u16(DAEMON_SYNC_MAXLEN, d.maxLength());
        }
        if (d.port() != 0) {
            w.u16(DAEMON_MCAST_PORT, d.port());
        }
        if (d.ttl() != 0) {
            w.u8(DAEMON_MCAST_TTL, d.ttl());
        }
        d.group().ifPresent(g -> w.bytes(g.getAddress().length == 4 ? DAEMON_MCAST_GROUP : DAEMON_MCAST_GROUP6, g.getAddress()));
        w.end(n);
    }

    private static byte[] address16(InetAddress a) {
        return Arrays.copyOf(a.getAddress(), 16);
    }

    /**
     * Decodes one complete netlink message from the IPVS family: a service or destination dump entry, the
     * timeouts, a sync daemon, or the version info. Never throws on bad input.
     */
    public static IpvsDecoded decode(byte[] message) {
        try {
            if (message.length < NetlinkWriter.HEADER) {
                return new IpvsDecoded.Rejected(IpvsDecoded.Reason.TRUNCATED, 0,
                        message.length + " bytes, shorter than the netlink and genetlink headers (20)");
            }
            var b = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
            int length = b.getInt(0);
            if (length < NetlinkWriter.HEADER || length > message.length) {
                return new IpvsDecoded.Rejected(IpvsDecoded.Reason.TRUNCATED, 0,
                        "nlmsg_len " + length + " with " + message.length + " bytes received");
            }
            int command = message[16] & 0xff;
            var top = NetlinkAttributes.parse(message, NetlinkWriter.HEADER, length);
            IpvsReply reply = switch (command) {
                case CMD_NEW_SERVICE -> serviceReply(top.nested(ATTR_SERVICE));
                case CMD_NEW_DEST -> destReply(top.nested(ATTR_DEST));
                case CMD_SET_CONFIG -> new IpvsReply.Config(new IpvsTimeouts(top.u32(ATTR_TIMEOUT_TCP),
                        top.u32(ATTR_TIMEOUT_TCP_FIN), top.u32(ATTR_TIMEOUT_UDP)));
                case CMD_NEW_DAEMON -> new IpvsReply.Daemon(daemonReply(top.nested(ATTR_DAEMON)));
                case CMD_SET_INFO -> new IpvsReply.Info(top.u32(INFO_VERSION), top.u32(INFO_CONN_TAB_SIZE));
                default -> null;
            };
            if (reply == null) {
                return new IpvsDecoded.Rejected(IpvsDecoded.Reason.UNKNOWN_COMMAND, 16, "IPVS command " + command);
            }
            return new IpvsDecoded.Ok(reply);
        } catch (NetlinkAttributes.Malformed e) {
            return new IpvsDecoded.Rejected(e.reason, e.offset, e.getMessage());
        } catch (IllegalArgumentException e) {
            // A value our records refuse (found by IpvsDecoderFuzzTest: a timeout above 2^31 - 1 read as negative).
            return new IpvsDecoded.Rejected(IpvsDecoded.Reason.BAD_ATTRIBUTE, -1, e.getMessage());
        }
    }

    private static IpvsReply.Service serviceReply(NetlinkAttributes a) {
        int family = family(a.u16(SVC_AF), a.offset(SVC_AF));
        int fwmark = a.has(SVC_FWMARK) ? a.u32(SVC_FWMARK) : 0;
        int protocol = a.has(SVC_PROTOCOL) ? a.u16(SVC_PROTOCOL) : 0;
        InetAddress address = a.has(SVC_ADDR) ? address(family, a.bytes(SVC_ADDR, 16)) : IpvsService.zero(family);
        int port = a.has(SVC_PORT) ? a.be16(SVC_PORT) : 0;
        // HASHED is the kernel's own bookkeeping, never something a request sets.
        int flags = a.has(SVC_FLAGS) ? a.u32(SVC_FLAGS) & ~IpvsService.F_HASHED : 0;
        int netmask = !a.has(SVC_NETMASK) ? IpvsService.fullNetmask(family)
                : family == IpvsService.AF_INET ? a.be32(SVC_NETMASK) : a.u32(SVC_NETMASK);
        var service = new IpvsService(family, protocol, address, port, fwmark, a.string(SVC_SCHED_NAME), flags,
                a.has(SVC_TIMEOUT) ? a.u32(SVC_TIMEOUT) : 0, netmask, a.has(SVC_PE_NAME) ? a.string(SVC_PE_NAME) : "");
        return new IpvsReply.Service(service, stats(a, SVC_STATS64, SVC_STATS));
    }

    private static IpvsReply.Dest destReply(NetlinkAttributes a) {
        byte[] raw = a.bytes(DEST_ADDR, 16);
        int family = a.has(DEST_ADDR_FAMILY) ? family(a.u16(DEST_ADDR_FAMILY), a.offset(DEST_ADDR_FAMILY))
                : Arrays.equals(raw, 4, 16, new byte[12], 0, 12) ? IpvsService.AF_INET : IpvsService.AF_INET6;
        var dest = new IpvsDest(family, address(family, raw), a.be16(DEST_PORT), a.u32(DEST_FWD_METHOD) & 7,
                a.u32(DEST_WEIGHT), opt32(a, DEST_U_THRESH), opt32(a, DEST_L_THRESH),
                a.has(DEST_TUN_TYPE) ? a.u8(DEST_TUN_TYPE) : 0, a.has(DEST_TUN_PORT) ? a.be16(DEST_TUN_PORT) : 0,
                a.has(DEST_TUN_FLAGS) ? a.u16(DEST_TUN_FLAGS) : 0);
        return new IpvsReply.Dest(dest, opt32(a, DEST_ACTIVE_CONNS), opt32(a, DEST_INACT_CONNS),
                opt32(a, DEST_PERSIST_CONNS), stats(a, DEST_STATS64, DEST_STATS));
    }

    private static IpvsDaemon daemonReply(NetlinkAttributes a) {
        Optional<InetAddress> group = Optional.empty();
        if (a.has(DAEMON_MCAST_GROUP)) {
            group = Optional.of(address(IpvsService.AF_INET, a.bytes(DAEMON_MCAST_GROUP, 4)));
        } else if (a.has(DAEMON_MCAST_GROUP6)) {
            group = Optional.of(address(IpvsService.AF_INET6, a.bytes(DAEMON_MCAST_GROUP6, 16)));
        }
        int state = a.u32(DAEMON_STATE);
        if (state != IpvsDaemon.MASTER && state != IpvsDaemon.BACKUP) {
            throw new NetlinkAttributes.Malformed(IpvsDecoded.Reason.BAD_ATTRIBUTE, a.offset(DAEMON_STATE),
                    "sync daemon state " + state);
        }
        return new IpvsDaemon(state, a.string(DAEMON_MCAST_IFN), a.u32(DAEMON_SYNC_ID),
                a.has(DAEMON_SYNC_MAXLEN) ? a.u16(DAEMON_SYNC_MAXLEN) : 0, group,
                a.has(DAEMON_MCAST_PORT) ? a.u16(DAEMON_MCAST_PORT) : 0, a.has(DAEMON_MCAST_TTL) ? a.u8(DAEMON_MCAST_TTL) : 0);
    }

    private static int opt32(NetlinkAttributes a, int type) {
        return a.has(type) ? a.u32(type) : 0;
    }

    /** STATS64 (all u64) where the kernel has it, else the old STATS (u32 but for the two byte counters). */
    private static IpvsStats stats(NetlinkAttributes a, int stats64, int stats32) {
        if (a.has(stats64)) {
            var s = a.nested(stats64);
            return new IpvsStats(u64(s, 1), u64(s, 2), u64(s, 3), u64(s, 4), u64(s, 5), u64(s, 6), u64(s, 7),
                    u64(s, 8), u64(s, 9), u64(s, 10));
        }
        if (a.has(stats32)) {
            var s = a.nested(stats32);
            return new IpvsStats(u32(s, 1), u32(s, 2), u32(s, 3), u64(s, 4), u64(s, 5), u32(s, 6), u32(s, 7),
                    u32(s, 8), u32(s, 9), u32(s, 10));
        }
        return IpvsStats.ZERO;
    }

    private static long u64(NetlinkAttributes s, int type) {
        return s.has(type) ? s.u64(type) : 0;
    }

    private static long u32(NetlinkAttributes s, int type) {
        return s.has(type) ? Integer.toUnsignedLong(s.u32(type)) : 0;
    }

    private static int family(int family, int offset) {
        if (family != IpvsService.AF_INET && family != IpvsService.AF_INET6) {
            throw new NetlinkAttributes.Malformed(IpvsDecoded.Reason.BAD_ATTRIBUTE, offset, "address family " + family);
        }
        return family;
    }

    private static InetAddress address(int family, byte[] raw) {
        return InetBytes.of(family == IpvsService.AF_INET ? Arrays.copyOf(raw, 4) : raw);
    }
}
