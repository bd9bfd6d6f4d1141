package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HexFormat;

/**
 * GARP and unsolicited NA over one send-only AF_PACKET socket (protocol 0: the kernel queues nothing to it)
 * on one interface.
 */
final class FfmLinkLayerSender implements GarpSender, NeighbourAdvertiser {
    private final NativeSocket socket;
    private final String ifname;
    private final byte[] mac;
    private final MemorySegment arpTo;
    private final MemorySegment ndTo;
    private final MemorySegment frame;

    private FfmLinkLayerSender(NativeSocket socket, String ifname, int ifindex, byte[] mac) {
        this.socket = socket;
        this.ifname = ifname;
        this.mac = mac;
        this.arpTo = SockAddr.link(socket.arena, ifindex, Sys.ETH_P_ARP, LinkLayerFrames.BROADCAST);
        this.ndTo = SockAddr.link(socket.arena, ifindex, Sys.ETH_P_IPV6, LinkLayerFrames.ALL_NODES_MAC);
        this.frame = socket.arena.allocate(128, 8);
    }

    /** Opens on {@code ifname}; {@code macOrNull} overrides the interface's own MAC (a VMAC). */
    static FfmLinkLayerSender open(String ifname, String macOrNull) throws SyscallException {
        int ifindex = SockAddr.interfaceIndex(ifname);
        byte[] mac;
        if (macOrNull != null) {
            mac = parseMac(macOrNull);
        } else {
            try (var nl = new FfmRtnetlink()) {
                var link = nl.links().stream().filter(l -> l.index() == ifindex).findFirst();
                if (link.isEmpty() || link.get().mac().isEmpty()) {
                    throw new SyscallException("RTM_GETLINK", ifname, Errno.ENODEV, "interface has no link-layer address");
                }
                mac = parseMac(link.get().mac());
            }
        }
        if (mac.length != 6) {
            throw new IllegalArgumentException("GARP/NA need a 6-byte Ethernet MAC, " + ifname + " has " + mac.length + " bytes");
        }
        var s = NativeSocket.open(Sys.AF_PACKET, Sys.SOCK_RAW, 0, "AF_PACKET, SOCK_RAW, 0");
        return new FfmLinkLayerSender(s, ifname, ifindex, mac);
    }

    private static byte[] parseMac(String mac) {
        try {
            return HexFormat.ofDelimiter(":").parseHex(mac);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MAC address: '" + mac + "'", e);
        }
    }

    @Override
    public void send(Inet4Address vip) throws SyscallException {
        transmit(LinkLayerFrames.gratuitousArp(mac, vip), arpTo, "gratuitous ARP for " + vip.getHostAddress());
    }

    @Override
    public void send(Inet6Address vip) throws SyscallException {
        transmit(LinkLayerFrames.unsolicitedNeighbourAdvertisement(mac, vip), ndTo,
                "unsolicited NA for " + vip.getHostAddress());
    }

    private synchronized void transmit(byte[] bytes, MemorySegment to, String what) throws SyscallException {
        MemorySegment.copy(bytes, 0, frame, JAVA_BYTE, 0, bytes.length);
        long n;
        do {
            n = Libc.sendto(socket.errno, socket.fd, frame, bytes.length, 0, to, SockAddr.LL_SIZE);
        } while (n < 0 && Libc.errno(socket.errno) == Errno.EINTR);
        if (n < 0) {
            throw Libc.error("sendto", "fd=" + socket.fd + ", AF_PACKET on " + ifname + ", " + what, socket.errno);
        }
    }

    @Override
    public String interfaceName() {
        return ifname;
    }

    @Override
    public String mac() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    @Override
    public void close() {
        socket.close();
    }
}
