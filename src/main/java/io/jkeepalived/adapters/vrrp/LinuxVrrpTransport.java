package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.RawVrrpSocket;
import io.jkeepalived.linux.ReceivedPacket;
import io.jkeepalived.vrrp.codec.AhIcv;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.codec.UnicastChecksum;
import io.jkeepalived.vrrp.codec.VrrpAddresses;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.port.VrrpTransport;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * VrrpTransport over the Linux adapters' raw VRRP sockets and one epoll set: protocol 112 sockets where the
 * kernel writes the IP header, and for VRRPv2 {@code auth_type AH} IPv4 IP_HDRINCL sockets on protocol 51
 * that send the whole packet AdvertWriter built (IP header, AH, VRRP) and receive AH adverts, which the
 * codec's AH path decodes and the engine checks (ICV, SPI, replay guard). Each instance sends on its own
 * socket; received packets come from any of them. send (loop thread) and receive (reader thread) on one
 * socket are serialised because a socket's errno capture is shared. An AH advert offered to a socket
 * without IP_HDRINCL is refused with an error.
 */
public final class LinuxVrrpTransport implements VrrpTransport {
    private final EventPoller poller;
    private final Map<String, RawVrrpSocket> byInstance;
    private final Map<Integer, RawVrrpSocket> byFd = new HashMap<>();
    private final List<RawVrrpSocket> sockets;
    private final ReceivedPacket rx = new ReceivedPacket(65_536);
    private final ArrayDeque<Integer> ready = new ArrayDeque<>();
    private final byte[] tx = new byte[65_536];
    private final Map<RawVrrpSocket, byte[][]> peerAddresses = new HashMap<>();
    private final Map<String, AhIcv> icvs = new HashMap<>();
    private final CountDownLatch readerGone = new CountDownLatch(1);
    private volatile boolean closed;

    /** Takes ownership of the poller and the sockets (one per instance; instances may share one). */
    public LinuxVrrpTransport(EventPoller poller, Map<String, RawVrrpSocket> socketsByInstance) throws IOException {
        this.poller = poller;
        this.byInstance = Map.copyOf(socketsByInstance);
        this.sockets = byInstance.values().stream().distinct().toList();
        for (RawVrrpSocket s : sockets) {
            byFd.put(s.fd(), s);
            peerAddresses.put(s, s.spec().unicastPeers().stream().map(InetAddress::getAddress).toArray(byte[][]::new));
            poller.register(s.fd());
        }
    }

    @Override
    public void send(InstanceParams instance, ByteBuffer packet, int vrrpOffset) throws IOException {
        RawVrrpSocket socket = byInstance.get(instance.name());
        if (socket == null) {
            throw new IOException("no VRRP socket for instance " + instance.name());
        }
        boolean ah = vrrpOffset > 0 && (packet.get(packet.position() + 9) & 0xff) == VrrpCodec.PROTO_AH;
        if (socket.spec().ipHeaderIncluded()) {
            sendWholePacket(instance, socket, packet, ah);
            return;
        }
        if (ah) {
            throw new IOException("(" + instance.name() + ") AH authentication needs an IP_HDRINCL socket on protocol 51, not "
                    + "this protocol " + socket.spec().protocol() + " socket");
        }
        int len = packet.remaining() - vrrpOffset;
        packet.get(packet.position() + vrrpOffset, tx, 0, len);
        boolean v4 = socket.spec().family() == java.net.StandardProtocolFamily.INET;
        if (v4 && socket.spec().isUnicast() && (tx[0] & 0xf0) == 0x30 && !instance.v3ChecksumAsV2()
                && instance.unicastChecksum() != UnicastChecksum.OLD) {
            // VRRPv3 over IPv4 sums the destination: one checksum per peer (the kernel does not do it for us);
            // the old checksum (old_unicast_checksum) keeps the group the packet was built for
            byte[] group = VrrpAddresses.MCAST_V4.getAddress();
            for (InetAddress peer : socket.spec().unicastPeers()) {
                byte[] dst = peer.getAddress();
                VrrpCodec.retargetChecksum(tx, 0, group, dst);
                synchronized (socket) {
                    socket.sendTo(peer, tx, 0, len);
                }
                VrrpCodec.retargetChecksum(tx, 0, dst, group);
            }
            return;
        }
        synchronized (socket) {
            socket.send(tx, 0, len);
        }
    }

    /**
     * IP_HDRINCL: the whole IPv4 packet AdvertWriter built goes out as it is to the group. For unicast each
     * peer gets its own copy with the peer as IP destination, so the header checksum and - with AH, whose
     * ICV covers the destination address - the ICV are recomputed per peer (same sequence number: each peer
     * still sees it grow by one per advert). Allocates nothing once the instance's ICV calculator exists.
     */
    private void sendWholePacket(InstanceParams instance, RawVrrpSocket socket, ByteBuffer packet, boolean ah)
            throws IOException {
        int len = packet.remaining();
        packet.get(packet.position(), tx, 0, len);
        if (!socket.spec().isUnicast()) {
            synchronized (socket) {
                socket.send(tx, 0, len);
            }
            return;
        }
        AhIcv icv = ah ? icvOf(instance) : null;
        byte[][] peers = peerAddresses.get(socket);
        for (int i = 0; i < peers.length; i++) {
            VrrpCodec.retargetIpv4(tx, len, peers[i], icv);
            synchronized (socket) {
                socket.sendTo(i, tx, 0, len);
            }
        }
    }

    private AhIcv icvOf(InstanceParams instance) {
        AhIcv icv = icvs.get(instance.name());
        if (icv == null) {
            icv = new AhIcv(Arrays.copyOf(instance.authKey(), 8));
            icvs.put(instance.name(), icv);
        }
        return icv;
    }

    @Override
    public InetAddress multicastGroup(InstanceParams instance) {
        RawVrrpSocket socket = byInstance.get(instance.name());
        return socket != null ? socket.spec().multicastGroup() : VrrpTransport.super.multicastGroup(instance);
    }

    @Override
    public Received receive(ByteBuffer into) throws IOException {
        try {
            while (!closed) {
                Integer fd = ready.poll();
                if (fd == null) {
                    poller.await(-1, ready::add);
                    continue;
                }
                RawVrrpSocket socket = byFd.get(fd);
                boolean got;
                synchronized (socket) {
                    got = socket.receive(rx);
                }
                if (!got) {
                    continue;
                }
                ready.addFirst(fd);          // there may be more queued on this socket
                boolean v4 = socket.spec().family() == java.net.StandardProtocolFamily.INET;
                if (v4) {
                    into.put(rx.data, 0, rx.length).flip();
                    return new Received(socket.spec().interfaceName(), IpFamily.IPV4, null, null, rx.ttl);
                }
                into.put(rx.data, rx.payloadOffset, rx.payloadLength).flip();
                return new Received(socket.spec().interfaceName(), IpFamily.IPV6,
                        Inet6Address.getByAddress(null, Arrays.copyOf(rx.source, 16), -1),
                        Inet6Address.getByAddress(null, Arrays.copyOf(rx.destination, 16), -1), rx.ttl);
            }
            return null;
        } finally {
            if (closed) {
                readerGone.countDown();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        poller.wakeup();
        try {
            readerGone.await(2, TimeUnit.SECONDS);      // let a reader inside await() leave before the fds go
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.forEach(RawVrrpSocket::close);
        poller.close();
    }
}
