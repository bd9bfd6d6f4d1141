package io.jkeepalived.vrrp.interop;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.loop.VrrpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A test-only VrrpTransport for IPv4 inside a namespace the test made, built from real tools until the
 * FFM raw sockets exist: tcpdump ({@code -Q in -x}) delivers the adverts that arrive on the interface,
 * a small python3 raw socket (IPPROTO_RAW, bound to the interface) sends the bytes AdvertWriter wrote.
 * Both processes are ours and are destroyed by pid in {@link #close()}.
 */
final class NamespaceShellTransport implements VrrpTransport {
    private static final String SENDER = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
            s.setsockopt(socket.SOL_SOCKET, 25, sys.argv[1].encode() + b"\\0")
            for line in sys.stdin:
                b = bytes.fromhex(line.strip())
                s.sendto(b, (socket.inet_ntoa(b[16:20]), 0))
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
                "ip proto 112 or ip proto 51")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        sender = new ProcessBuilder(ns.inside("python3", "-u", "-c", SENDER, ifname))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        in = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.US_ASCII));
        out = new OutputStreamWriter(sender.getOutputStream(), StandardCharsets.US_ASCII);
    }

    @Override
    public synchronized void send(InstanceParams instance, ByteBuffer packet) throws IOException {
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
            if (hex.length() >= 8) {
                int totalLength = Integer.parseInt(hex.substring(4, 8), 16);
                if (hex.length() >= totalLength * 2) {
                    into.put(HexFormat.of().parseHex(hex, 0, totalLength * 2)).flip();
                    return new Received(ifname, IpFamily.IPV4, null, null, -1);
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
        for (Process p : List.of(tcpdump, sender)) {
            p.destroy();
            try {
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
