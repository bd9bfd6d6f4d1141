package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;

/**
 * RawVrrpSocket on FFM. Everything the hot path touches (tx/rx buffers, msghdr, iovec, control buffer,
 * destination sockaddrs, errno capture) is allocated once in the socket's arena.
 */
final class FfmVrrpSocket implements RawVrrpSocket {
    private static final int BUFFER = 65536;
    private static final int CONTROL = 256;
    private static final int MSGHDR = 56;
    private static final int IP_HDRINCL = 3;

    private final VrrpSocketSpec spec;
    private final NativeSocket socket;
    private final int ifindex;
    private final boolean v6;
    private final MemorySegment tx;
    private final MemorySegment[] destinations;
    private final String[] destinationNames;
    private final MemorySegment rx;
    private final MemorySegment name;
    private final MemorySegment control;
    private final MemorySegment msghdr;
    private final MemorySegment txIov;
    private final MemorySegment txMsghdr;

    private FfmVrrpSocket(VrrpSocketSpec spec, NativeSocket socket, int ifindex) {
        this.spec = spec;
        this.socket = socket;
        this.ifindex = ifindex;
        this.v6 = spec.family() == StandardProtocolFamily.INET6;
        Arena arena = socket.arena;
        this.tx = arena.allocate(BUFFER, 8);
        this.rx = arena.allocate(BUFFER, 8);
        this.name = arena.allocate(SockAddr.IN6_SIZE, 8);
        this.control = arena.allocate(CONTROL, 8);
        var iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, rx);
        iov.set(JAVA_LONG, 8, BUFFER);
        this.msghdr = arena.allocate(MSGHDR, 8);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1);
        msghdr.set(ADDRESS, 32, control);
        // The source address goes in an IP_PKTINFO / IPV6_PKTINFO cmsg on each send rather than in bind(2):
        // a raw socket bound to a unicast address would no longer receive adverts sent to the group.
        this.txIov = arena.allocate(16, 8);
        txIov.set(ADDRESS, 0, tx);
        this.txMsghdr = arena.allocate(MSGHDR, 8);
        txMsghdr.set(ADDRESS, 16, txIov);
        txMsghdr.set(JAVA_LONG, 24, 1);
        if (spec.source().isPresent() && !spec.ipHeaderIncluded()) { // with IP_HDRINCL the header carries it
            byte[] src = spec.source().get().getAddress();
            int dataLen = v6 ? 20 : 12;
            var cmsg = arena.allocate(16 + 24, 8);
            cmsg.set(JAVA_LONG, 0, 16 + dataLen);
            cmsg.set(JAVA_INT, 8, v6 ? Sys.IPPROTO_IPV6 : Sys.IPPROTO_IP);
            cmsg.set(JAVA_INT, 12, v6 ? Sys.IPV6_PKTINFO : Sys.IP_PKTINFO);
            if (v6) { // struct in6_pktinfo { in6_addr addr; int ifindex; }
                MemorySegment.copy(src, 0, cmsg, JAVA_BYTE, 16, 16);
                cmsg.set(JAVA_INT, 32, ifindex);
            } else { // struct in_pktinfo { int ifindex; in_addr spec_dst (the source); in_addr addr; }
                cmsg.set(JAVA_INT, 16, ifindex);
                MemorySegment.copy(src, 0, cmsg, JAVA_BYTE, 20, 4);
            }
            txMsghdr.set(ADDRESS, 32, cmsg);
            txMsghdr.set(JAVA_LONG, 40, (16 + dataLen + 7) & ~7);
        }
        var targets = spec.isUnicast() ? spec.unicastPeers() : java.util.List.of(spec.multicastGroup());
        this.destinations = new MemorySegment[targets.size()];
        this.destinationNames = new String[targets.size()];
        for (int i = 0; i < destinations.length; i++) {
            destinations[i] = SockAddr.inet(arena, targets.get(i), 0, v6 ? ifindex : 0);
            destinationNames[i] = targets.get(i).getHostAddress();
        }
    }

    static FfmVrrpSocket open(VrrpSocketSpec spec, int receiveBuffer) throws SyscallException {
        boolean v6 = spec.family() == StandardProtocolFamily.INET6;
        String dev = spec.interfaceName();
        int ifindex = SockAddr.interfaceIndex(dev);
        var s = NativeSocket.open(v6 ? Sys.AF_INET6 : Sys.AF_INET, Sys.SOCK_RAW | Sys.SOCK_NONBLOCK, spec.protocol(),
                (v6 ? "AF_INET6" : "AF_INET") + ", SOCK_RAW|SOCK_NONBLOCK, " + (spec.authenticationHeader() ? "IPPROTO_AH" : "IPPROTO_VRRP"));
        try {
            if (receiveBuffer > 0) {        // as keepalived's open_vrrp_read_socket: before anything is queued
                s.setInt(Sys.SOL_SOCKET, Sys.SO_RCVBUF, receiveBuffer, "SOL_SOCKET, SO_RCVBUF, " + receiveBuffer);
            }
            s.bindToDevice(dev);
            if (v6) {
                configureV6(s, spec, ifindex);
            } else {
                configureV4(s, spec, ifindex);
            }
            return new FfmVrrpSocket(spec, s, ifindex);
        } catch (SyscallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void configureV4(NativeSocket s, VrrpSocketSpec spec, int ifindex) throws SyscallException {
        String dev = spec.interfaceName();
        s.setInt(Sys.IPPROTO_IP, Sys.IP_TOS, 0xc0, "IPPROTO_IP, IP_TOS"); // IPTOS_PREC_INTERNETCONTROL, as keepalived
        s.setInt(Sys.IPPROTO_IP, Sys.IP_PKTINFO, 1, "IPPROTO_IP, IP_PKTINFO");
        if (spec.ipHeaderIncluded()) {
            s.setInt(Sys.IPPROTO_IP, IP_HDRINCL, 1, "IPPROTO_IP, IP_HDRINCL");
        }
        s.setInt(Sys.IPPROTO_IP, Sys.IP_TTL, spec.unicastTtl(), "IPPROTO_IP, IP_TTL");
        s.setInt(Sys.IPPROTO_IP, Sys.IP_MULTICAST_TTL, 255, "IPPROTO_IP, IP_MULTICAST_TTL");
        s.setInt(Sys.IPPROTO_IP, Sys.IP_MULTICAST_LOOP, 0, "IPPROTO_IP, IP_MULTICAST_LOOP");
        try (var tmp = Arena.ofConfined()) {
            // struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }
            var mreqn = tmp.allocate(12, 4);
            mreqn.set(JAVA_INT, 8, ifindex);
            s.set(Sys.IPPROTO_IP, Sys.IP_MULTICAST_IF, mreqn, "IPPROTO_IP, IP_MULTICAST_IF, " + dev);
            if (!spec.isUnicast()) {
                MemorySegment.copy(spec.multicastGroup().getAddress(), 0, mreqn, JAVA_BYTE, 0, 4);
                s.set(Sys.IPPROTO_IP, Sys.IP_ADD_MEMBERSHIP, mreqn,
                        "IPPROTO_IP, IP_ADD_MEMBERSHIP, " + spec.multicastGroup().getHostAddress() + " on " + dev);
                onlyOwnGroup(s, spec, 0);
            }
        }
    }

    /**
     * As keepalived: no multicast of groups other sockets joined (IP_MULTICAST_ALL / IPV6_MULTICAST_ALL off), and
     * bound to the group so that instances on another group (vrrp_mcast_group4/6, mcast_dst_ip) never see our adverts.
     */
    private static void onlyOwnGroup(NativeSocket s, VrrpSocketSpec spec, int ifindex) throws SyscallException {
        boolean v6 = spec.family() == StandardProtocolFamily.INET6;
        if (v6) {
            s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_MULTICAST_ALL, 0, "IPPROTO_IPV6, IPV6_MULTICAST_ALL");
        } else {
            s.setInt(Sys.IPPROTO_IP, Sys.IP_MULTICAST_ALL, 0, "IPPROTO_IP, IP_MULTICAST_ALL");
        }
        try (var tmp = Arena.ofConfined()) {
            s.bind(SockAddr.inet(tmp, spec.multicastGroup(), 0, v6 ? ifindex : 0),
                    spec.multicastGroup().getHostAddress() + " on " + spec.interfaceName());
        }
    }

    private static void configureV6(NativeSocket s, VrrpSocketSpec spec, int ifindex) throws SyscallException {
        String dev = spec.interfaceName();
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_CHECKSUM, 6, "IPPROTO_IPV6, IPV6_CHECKSUM");
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_RECVHOPLIMIT, 1, "IPPROTO_IPV6, IPV6_RECVHOPLIMIT");
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_RECVPKTINFO, 1, "IPPROTO_IPV6, IPV6_RECVPKTINFO");
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_UNICAST_HOPS, spec.unicastTtl(), "IPPROTO_IPV6, IPV6_UNICAST_HOPS");
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_MULTICAST_HOPS, 255, "IPPROTO_IPV6, IPV6_MULTICAST_HOPS");
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_MULTICAST_LOOP, 0, "IPPROTO_IPV6, IPV6_MULTICAST_LOOP");
        s.setInt(Sys.IPPROTO_IPV6, Sys.IPV6_MULTICAST_IF, ifindex, "IPPROTO_IPV6, IPV6_MULTICAST_IF, " + dev);
        if (!spec.isUnicast()) {
            try (var tmp = Arena.ofConfined()) {
                // struct ipv6_mreq { in6_addr multiaddr; unsigned ifindex; }
                var mreq = tmp.allocate(20, 4);
                MemorySegment.copy(spec.multicastGroup().getAddress(), 0, mreq, JAVA_BYTE, 0, 16);
                mreq.set(JAVA_INT, 16, ifindex);
                s.set(Sys.IPPROTO_IPV6, Sys.IPV6_JOIN_GROUP, mreq,
                        "IPPROTO_IPV6, IPV6_JOIN_GROUP, " + spec.multicastGroup().getHostAddress() + " on " + dev);
            }
            onlyOwnGroup(s, spec, ifindex);
        }
    }

    @Override
    public int fd() {
        return socket.fd;
    }

    @Override
    public VrrpSocketSpec spec() {
        return spec;
    }

    @Override
    public int interfaceIndex() {
        return ifindex;
    }

    @Override
    public void send(byte[] packet, int offset, int length) throws SyscallException {
        checkLength(length);
        MemorySegment.copy(packet, offset, tx, JAVA_BYTE, 0, length);
        for (int i = 0; i < destinations.length; i++) {
            transmit(destinations[i], length, i);
        }
    }

    @Override
    public void sendTo(int index, byte[] packet, int offset, int length) throws SyscallException {
        if (index < 0 || index >= destinations.length) {
            throw new IllegalArgumentException("destination " + index + " out of range 0-" + (destinations.length - 1));
        }
        checkLength(length);
        MemorySegment.copy(packet, offset, tx, JAVA_BYTE, 0, length);
        transmit(destinations[index], length, index);
    }

    @Override
    public int destinationCount() {
        return destinations.length;
    }

    @Override
    public void sendTo(InetAddress destination, byte[] packet, int offset, int length) throws SyscallException {
        checkLength(length);
        MemorySegment.copy(packet, offset, tx, JAVA_BYTE, 0, length);
        try (var tmp = Arena.ofConfined()) {
            send(SockAddr.inet(tmp, destination, 0, v6 ? ifindex : 0), length, destination.getHostAddress());
        }
    }

    private void transmit(MemorySegment sa, int length, int index) throws SyscallException {
        send(sa, length, destinationNames[index]);
    }

    private void send(MemorySegment sa, int length, String destination) throws SyscallException {
        txMsghdr.set(ADDRESS, 0, sa);
        txMsghdr.set(JAVA_INT, 8, (int) sa.byteSize());
        txIov.set(JAVA_LONG, 8, length);
        long n;
        do {
            n = Libc.sendmsg(socket.errno, socket.fd, txMsghdr, 0);
        } while (n < 0 && Libc.errno(socket.errno) == Errno.EINTR);
        if (n < 0) {
            throw Libc.error("sendmsg", "fd=" + socket.fd + ", " + length + " bytes, " + destination + " via "
                    + spec.interfaceName() + spec.source().map(a -> " from " + a.getHostAddress()).orElse(""), socket.errno);
        }
    }

    private static void checkLength(int length) {
        if (length <= 0 || length > BUFFER) {
            throw new IllegalArgumentException("VRRP packet length " + length + " out of range 1-" + BUFFER);
        }
    }

    @Override
    public boolean receive(ReceivedPacket into) throws SyscallException {
        msghdr.set(JAVA_INT, 8, SockAddr.IN6_SIZE);
        msghdr.set(JAVA_LONG, 40, CONTROL);
        msghdr.set(JAVA_INT, 48, 0);
        long n;
        do {
            n = Libc.recvmsg(socket.errno, socket.fd, msghdr, Sys.MSG_DONTWAIT);
        } while (n < 0 && Libc.errno(socket.errno) == Errno.EINTR);
        if (n < 0) {
            int errno = Libc.errno(socket.errno);
            if (errno == Errno.EAGAIN) {
                return false;
            }
            throw Libc.error("recvmsg", "fd=" + socket.fd + " on " + spec.interfaceName(), errno);
        }
        int length = (int) Math.min(n, into.data.length);
        MemorySegment.copy(rx, JAVA_BYTE, 0, into.data, 0, length);
        into.length = length;
        into.ttl = -1;
        into.interfaceIndex = 0;
        into.sourceScopeId = 0;
        if (v6) {
            into.addressLength = 16;
            into.payloadOffset = 0;
            into.payloadLength = length;
            MemorySegment.copy(name, JAVA_BYTE, 8, into.source, 0, 16);
            into.sourceScopeId = name.get(JAVA_INT, 24);
        } else {
            into.addressLength = 4;
            int ihl = length > 0 ? (into.data[0] & 0x0f) * 4 : 0;
            if (length < 20 || ihl < 20 || ihl > length) {
                into.payloadOffset = length; // a truncated IP header: nothing to decode
                into.payloadLength = 0;
            } else {
                into.payloadOffset = ihl;
                into.payloadLength = length - ihl;
                into.ttl = into.data[8] & 0xff;
                System.arraycopy(into.data, 12, into.source, 0, 4);
                System.arraycopy(into.data, 16, into.destination, 0, 4);
            }
        }
        readControl(into);
        return true;
    }

    /** Walks the cmsg list: IP_PKTINFO, IPV6_PKTINFO, IPV6_HOPLIMIT. */
    private void readControl(ReceivedPacket into) {
        long total = msghdr.get(JAVA_LONG, 40);
        long off = 0;
        while (off + 16 <= total) {
            long len = control.get(JAVA_LONG, off);
            if (len < 16 || off + len > total) {
                break;
            }
            int level = control.get(JAVA_INT, off + 8);
            int type = control.get(JAVA_INT, off + 12);
            long data = off + 16;
            if (level == Sys.IPPROTO_IP && type == Sys.IP_PKTINFO && len >= 16 + 12) {
                into.interfaceIndex = control.get(JAVA_INT, data); // struct in_pktinfo { ifindex; spec_dst; addr; }
            } else if (level == Sys.IPPROTO_IPV6 && type == Sys.IPV6_PKTINFO && len >= 16 + 20) {
                MemorySegment.copy(control, JAVA_BYTE, data, into.destination, 0, 16); // struct in6_pktinfo { addr; ifindex; }
                into.interfaceIndex = control.get(JAVA_INT, data + 16);
            } else if (level == Sys.IPPROTO_IPV6 && type == Sys.IPV6_HOPLIMIT && len >= 16 + 4) {
                into.ttl = control.get(JAVA_INT, data);
            }
            off += (len + 7) & ~7L;
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "RawVrrpSocket[" + spec.family() + " " + spec.interfaceName() + " " + socket + "]";
    }
}
