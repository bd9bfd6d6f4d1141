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
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TCP connects for checkers against a server in the peer namespace: the fwmark is seen by nftables, bind_if and
 * the source apply, outcomes come back as errno values and set-up errors are named.
 */
@Tag("root")
class NonBlockingTcpRootTest {
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

    /** Opens and connects in ns a, waits for writability; the SO_ERROR outcome, or -1 when not writable in time. */
    private int connect(TcpConnectSpec spec, Duration within) throws Exception {
        var tcp = new NonBlockingTcp();
        var target = NonBlockingTcp.target(spec);
        int fd = RootNs.in(a, () -> tcp.open(target));
        try (var poller = Linux.openEventPoller()) {
            int errno = tcp.connect(fd, target);
            if (errno != Errno.EINPROGRESS) {
                return errno;
            }
            poller.registerWritable(fd);
            var ready = new ArrayList<Integer>();
            long deadline = System.nanoTime() + within.toNanos();
            while (ready.isEmpty() && System.nanoTime() < deadline) {
                poller.await((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000), ready::add);
            }
            return ready.contains(fd) ? tcp.socketError(fd) : -1;
        } finally {
            tcp.close(fd);
        }
    }

    @Test
    void connectsAndNftablesSeesTheFwmark() throws Exception {
        a.exec("nft", "add table inet jkl_mark");
        a.exec("nft", "add chain inet jkl_mark out { type filter hook output priority 0; }");
        a.exec("nft", "add rule inet jkl_mark out meta mark 0x2a tcp dport 8080 counter");
        var spec = TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080)).withFwmark(0x2a).withDevice("va")
                .withSource(new InetSocketAddress("192.0.2.1", 0));
        assertEquals(0, connect(spec, T));
        String rules = a.exec("nft", "list table inet jkl_mark");
        var m = Pattern.compile("counter packets (\\d+)").matcher(rules);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 3, "marked SYN, ACK and FIN counted: " + rules);
    }

    @Test
    void bindPortAloneBindsTheWildcardOfTheTargetsFamily() throws Exception {
        // bind_port without bindto: Java's wildcard may be "::" even for an IPv4 server
        var spec = TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080))
                .withSource(new InetSocketAddress(InetAddress.getByName("::"), 40123));
        assertEquals(0, connect(spec, T));
    }

    @Test
    void refusedPortIsNamed() throws Exception {
        int errno = connect(TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8081)), T);
        assertEquals("ECONNREFUSED", Errno.name(errno));
        assertEquals("Connection refused", Errno.text(errno));
    }

    @Test
    void silentHostTimesOut() throws Exception {
        assertEquals(-1, connect(TcpConnectSpec.to(new InetSocketAddress("192.0.2.3", 8080)), Duration.ofMillis(300)));
    }

    @Test
    void boundToTheWrongDeviceCannotReachThePeer() throws Exception {
        // SO_BINDTODEVICE lo: the SYN goes out on lo, where nobody answers for 192.0.2.2.
        assertEquals(-1, connect(TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080)).withDevice("lo"),
                Duration.ofMillis(500)));
    }

    @Test
    void aDeviceThatDoesNotExistIsNamed() {
        var e = assertThrows(SyscallException.class,
                () -> connect(TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080)).withDevice("nosuch0"), T));
        assertTrue(e.getMessage().matches(
                "setsockopt\\(fd=\\d+, SOL_SOCKET, SO_BINDTODEVICE, nosuch0\\): No such device \\(ENODEV\\)"), e.getMessage());
    }

    @Test
    void aDeviceNameLongerThanTheKernelsIsItsToJudge() {
        var e = assertThrows(SyscallException.class, () -> connect(TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080))
                .withDevice("a-name-longer-than-ifnamsiz"), T));
        assertEquals(Errno.ENODEV, e.errno(), e.getMessage());
    }

    @Test
    void aSourceThatIsNotOursIsNamed() {
        var e = assertThrows(SyscallException.class, () -> connect(TcpConnectSpec.to(new InetSocketAddress("192.0.2.2", 8080))
                .withSource(new InetSocketAddress("198.51.100.9", 0)), T));
        assertTrue(e.getMessage().matches(
                "bind\\(fd=\\d+, 198\\.51\\.100\\.9:0\\): Cannot assign requested address \\(EADDRNOTAVAIL\\)"), e.getMessage());
    }
}
