package io.jkeepalived.linux;

import io.jkeepalived.adapters.check.IcmpEchoProbe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Echo to a real peer kernel over a veth, on the datagram and the raw path, IPv4 and IPv6. */
@Tag("root")
class IcmpEchoRootTest {
    @RegisterExtension
    final RootLan lan = RootLan.dualStack("p");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @ParameterizedTest
    @EnumSource(IcmpEcho.Kind.class)
    void repliesFromThePeerAndTimeoutForAnAbsentHost(IcmpEcho.Kind kind) throws Exception {
        // A new namespace has ping_group_range "1 0" (nobody may use datagram ICMP); open it up for DATAGRAM.
        if (kind == IcmpEcho.Kind.DATAGRAM) {
            a.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647");
        }
        for (String target : new String[] {"192.0.2.2", "2001:db8::2"}) {
            var peer = InetAddress.getByName(target);
            try (var echo = RootNs.in(a, () -> Linux.openIcmpEcho(IcmpEchoSpec.of(peer).withDevice("va")))) {
                assertEquals(kind, echo.kind());
                var reply = assertInstanceOf(EchoResult.Reply.class, echo.ping(peer, Duration.ofSeconds(3)));
                assertEquals(peer, reply.from());
                var again = assertInstanceOf(EchoResult.Reply.class, echo.ping(peer, Duration.ofSeconds(3)));
                assertEquals(reply.sequence() + 1, again.sequence());
            }
        }
        var absent = InetAddress.getByName("192.0.2.3");
        try (var echo = RootNs.in(a, () -> Linux.openIcmpEcho(IcmpEchoSpec.of(absent).withSource(InetAddress.getByName("192.0.2.1"))))) {
            assertInstanceOf(EchoResult.Timeout.class, echo.ping(absent, Duration.ofMillis(300)));
        }
    }

    @Test
    void nftablesSeesTheFwmarkOfTheEchoes() throws Exception {
        a.exec("nft", "add table inet jkl_mark");
        a.exec("nft", "add chain inet jkl_mark out { type filter hook output priority 0; }");
        a.exec("nft", "add rule inet jkl_mark out meta mark 0x2a icmp type echo-request counter");
        var peer = InetAddress.getByName("192.0.2.2");
        try (var echo = RootNs.in(a, () -> Linux.openIcmpEcho(IcmpEchoSpec.of(peer).withFwmark(0x2a)))) {
            assertInstanceOf(EchoResult.Reply.class, echo.ping(peer, Duration.ofSeconds(3)));
        }
        String rules = a.exec("nft", "list table inet jkl_mark");
        var m = java.util.regex.Pattern.compile("counter packets (\\d+)").matcher(rules);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) == 1, "the marked echo request counted: " + rules);
    }

    @Test
    void linkLocalTargetUsesTheBoundDeviceAsScope() throws Exception {
        int vb = RootNs.ifindex(b, "vb");
        var peer = RootNs.in(b, () -> {
            try (var nl = Linux.openRtnetlink()) {
                return nl.addresses().stream().filter(x -> x.interfaceIndex() == vb && x.address().isLinkLocalAddress())
                        .findFirst().orElseThrow().address();
            }
        });
        try (var echo = RootNs.in(a, () -> Linux.openIcmpEcho(IcmpEchoSpec.of(peer).withDevice("va")))) {
            var reply = assertInstanceOf(EchoResult.Reply.class, echo.ping(peer, Duration.ofSeconds(3)));
            assertEquals(peer, reply.from());
        }
    }

    @Test
    void echoProbeForPingCheck() throws Exception {
        var probe = new IcmpEchoProbe(java.util.Optional.of(InetAddress.getByName("192.0.2.1")), java.util.Optional.of("va"),
                java.util.OptionalInt.empty());
        assertTrue(RootNs.in(a, () -> probe.echo(InetAddress.getByName("192.0.2.2"), Duration.ofSeconds(2))));
        assertTrue(RootNs.in(a, () -> probe.echo(InetAddress.getByName("2001:db8::2"), Duration.ofSeconds(2))));
        assertTrue(!RootNs.in(a, () -> probe.echo(InetAddress.getByName("192.0.2.3"), Duration.ofMillis(200))));
    }

    @Test
    void sourceThatIsNotOursIsAClearError() {
        var e = assertThrows(SyscallException.class, () -> RootNs.in(a, () -> Linux.openIcmpEcho(
                IcmpEchoSpec.of(InetAddress.getByName("192.0.2.2")).withSource(InetAddress.getByName("198.51.100.9")))));
        assertEquals(Errno.EADDRNOTAVAIL, e.errno());
        assertTrue(e.getMessage().matches("bind\\(fd=\\d+, 198\\.51\\.100\\.9\\): Cannot assign requested address \\(EADDRNOTAVAIL\\)"),
                e.getMessage());
    }
}
