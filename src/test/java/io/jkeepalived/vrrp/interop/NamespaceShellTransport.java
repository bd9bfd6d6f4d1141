package io.jkeepalived.vrrp.interop;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.port.VrrpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A test-only VrrpTransport for IPv4 inside a namespace the test made, built from real tools until the
 * FFM raw sockets exist: tcpdump ({@code -Q in -x}) delivers the adverts that arrive on the interface,
 * a small python3 raw socket (IPPROTO_RAW, bound to the interface) sends the bytes AdvertWriter wrote.
 * Both processes are ours and are destroyed by pid in {@link #close()}.
 */
final class NamespaceShellTransport implements VrrpTransport {
    private static final String SENDER = """
            import socket, sys
            dev = sys.argv[1]
            idx = socket.if_nametoindex(dev)
            s4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
            s4.setsockopt(socket.SOL_SOCKET, 25, dev.encode() + b"\\0")
            s6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 112)
            s6.setsockopt(socket.SOL_SOCKET, 25, dev.encode() + b"\\0")
            s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
            s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
            for line in sys.stdin:
                b = bytes.fromhex(line.strip())
                if b[0] >> 4 == 4:
                    s4.sendto(b, (socket.inet_ntoa(b[16:20]), 0))
                else:
                    s6.sendto(b, ("ff02::12", 0, 0, idx))
            """;

    private final String ifname;
    private final Process tcpdump;
    private final Process sender;
    private final BufferedReader in;
    private final Writer out;
    private volatile boolean closed;

    NamespaceShellTransport(NetNs ns, String ifname) throws IOException {
        this.ifname = ifname;
        tcpdump = new ProcessBuilder(ns.inside("tcpdump", "-i", ifname, "-l", "-nn", "-x", "-Q", "in",
                "ip proto 112 or ip proto 51 or ip6 proto 112")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        sender = new ProcessBuilder(ns.inside("python3", "-u", "-c", SENDER, ifname))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        in = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.US_ASCII));
        out = new OutputStreamWriter(sender.getOutputStream(), StandardCharsets.US_ASCII);
    }

    @Override
    public synchronized void send(InstanceParams instance, ByteBuffer packet, int vrrpOffset) throws IOException {
        byte[] b = new byte[packet.remaining()];
        packet.get(b);
        out.write(HexFormat.of().formatHex(b));
        out.write('\n');
        out.flush();
    }

    @Override
    public Received receive(ByteBuffer into) throws IOException {
        StringBuilder hex = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String t = line.trim();
            if (!t.startsWith("0x")) {
                hex.setLength(0);          // a new packet's summary line
                continue;
            }
            hex.append(t.substring(t.indexOf(':') + 1).replace(" ", ""));
            if (hex.length() >= 12) {
                boolean v6 = hex.charAt(0) == '6';
                int totalLength = v6 ? 40 + Integer.parseInt(hex.substring(8, 12), 16)
                        : Integer.parseInt(hex.substring(4, 8), 16);
                if (hex.length() >= totalLength * 2) {
                    byte[] pkt = HexFormat.of().parseHex(hex, 0, totalLength * 2);
                    if (!v6) {
                        into.put(pkt).flip();
                        return new Received(ifname, IpFamily.IPV4, null, null, -1);
                    }
                    into.put(pkt, 40, pkt.length - 40).flip();
                    return new Received(ifname, IpFamily.IPV6,
                            InetAddress.getByAddress(java.util.Arrays.copyOfRange(pkt, 8, 24)),
                            InetAddress.getByAddress(java.util.Arrays.copyOfRange(pkt, 24, 40)), pkt[7] & 0xff);
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // EOF first: the sender sends every line it was given (the priority 0 advert of a stop is the last one)
        // and exits; destroying it at once could lose that advert (seen: keepalived then waited master_down)
        try {
            out.close();
        } catch (IOException e) {
            // the sender is gone already: destroyed below all the same
        }
        end(sender, false);
        end(tcpdump, true);
    }

    private static void end(Process p, boolean now) {
        try {
            if (now || !p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
