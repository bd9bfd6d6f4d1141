package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** TCP for checkers: talks to a server in the peer namespace; the fwmark is seen by nftables, errors are named. */
@Tag("root")
class TcpConnectionRootTest {
    private static final Duration T = Duration.ofSeconds(3);
    @RegisterExtension
    final RootLan lan = RootLan.ipv4("t");
    private NetNs a;
    private NetNs b;
    private ServerSocket server;

    @BeforeEach
    void hosts() throws Exception {
        a = lan.a();
        b = lan.b();
        // A server socket made on a thread inside ns b lives there; accept() may then run anywhere.
        server = RootNs.in(b, () -> new ServerSocket(8080, 5, InetAddress.getByName("192.0.2.2")));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (var c = server.accept()) {
                    c.getInputStream().read(new byte[100]);
                    c.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void remove() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exchangesBytesAndNftablesSeesTheFwmark() throws Exception {
        a.exec("nft", "add table inet jkl_mark");
        a.exec("nft", "add chain inet jkl_mark out { type filter hook output priority 0; }");
        a.exec("nft", "add rule inet jkl_mark out meta mark 0x2a tcp dport 8080 counter");
        var spec = TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080), T).withFwmark(0x2a).withDevice("va")
                .withSource(new InetSocketAddress("192.0.2.1", 0));
        try (var c = RootNs.in(a, () -> Linux.connectTcp(spec))) {
            var request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            c.write(request, 0, request.length, T);
            var response = new StringBuilder();
            var buf = new byte[256];
            for (int n; (n = c.read(buf, 0, buf.length, T)) > 0; ) {
                response.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            assertEquals("HTTP/1.0 200 OK\r\n\r\nhi", response.toString());
        }
        String rules = a.exec("nft", "list table inet jkl_mark");
        var m = Pattern.compile("counter packets (\\d+)").matcher(rules);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 3, "marked SYN, request and ACKs counted: " + rules);
    }

    @Test
    void refusedPortIsNamed() {
        var e = assertThrows(SyscallException.class,
                () -> RootNs.in(a, () -> Linux.connectTcp(TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8081), T))));
        assertTrue(e.getMessage().matches("connect\\(fd=\\d+, 192\\.0\\.2\\.2:8081\\): Connection refused \\(ECONNREFUSED\\)"),
                e.getMessage());
    }

    @Test
    void silentHostTimesOut() {
        var e = assertThrows(SyscallException.class, () -> RootNs.in(a,
                () -> Linux.connectTcp(TcpConnectSpec.to(new InetSocketAddress("192.0.2.3", 8080), Duration.ofMillis(300)))));
        assertTrue(e.getMessage().endsWith("192.0.2.3:8080): no answer within 300 ms (ETIMEDOUT)"), e.getMessage());
    }

    @Test
    void boundToTheWrongDeviceCannotReachThePeer() {
        var e = assertThrows(SyscallException.class, () -> RootNs.in(a, () -> Linux.connectTcp(
                TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080), Duration.ofMillis(500)).withDevice("lo"))));
        // SO_BINDTODEVICE lo: the SYN goes out on lo, where nobody answers for 192.0.2.2.
        assertTrue(e.getMessage().matches("connect\\(fd=\\d+, 192\\.0\\.2\\.2:8080\\): no answer within 500 ms \\(ETIMEDOUT\\)"),
                e.getMessage());
    }
}
