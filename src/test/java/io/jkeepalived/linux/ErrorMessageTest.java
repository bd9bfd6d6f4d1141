package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures name the call, its arguments and the kernel's reason; no root needed. */
class ErrorMessageTest {
    @Test
    void multicastJoinOnAMissingInterfaceSaysSoLikeTheBriefExample() throws Exception {
        // A UDP socket needs no privilege and fails IP_ADD_MEMBERSHIP exactly like a raw VRRP socket would.
        try (var s = NativeSocket.open(Sys.AF_INET, Sys.SOCK_DGRAM, 0, "AF_INET, SOCK_DGRAM, 0"); var arena = Arena.ofConfined()) {
            var mreqn = arena.allocate(12, 4);
            MemorySegment.copy(InetAddress.getByName("224.0.0.18").getAddress(), 0, mreqn,
                    java.lang.foreign.ValueLayout.JAVA_BYTE, 0, 4);
            mreqn.set(java.lang.foreign.ValueLayout.JAVA_INT, 8, 999_999);
            var e = assertThrows(SyscallException.class,
                    () -> s.set(Sys.IPPROTO_IP, Sys.IP_ADD_MEMBERSHIP, mreqn, "IPPROTO_IP, IP_ADD_MEMBERSHIP, 224.0.0.18 on eth9"));
            assertEquals("setsockopt(fd=" + s.fd + ", IPPROTO_IP, IP_ADD_MEMBERSHIP, 224.0.0.18 on eth9): No such device (ENODEV)",
                    e.getMessage());
            assertEquals("setsockopt", e.call());
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("ENODEV", e.errnoName());
        }
    }

    @Test
    void unknownInterfaceNameIsReportedBeforeAnySocketIsOpened() {
        var e = assertThrows(SyscallException.class,
                () -> Linux.openVrrpSocket(VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "jklnope0")));
        assertEquals("if_nametoindex(jklnope0): No such device (ENODEV)", e.getMessage());
    }

    @Test
    void errnoNames() {
        assertEquals("EADDRNOTAVAIL", Errno.name(99));
        assertEquals("errno 4095", Errno.name(4095));
        assertEquals("Connection refused", Libc.strerror(111));
    }

    @Test
    void specsRejectNonsenseWithTheReason() throws Exception {
        var v6 = InetAddress.getByName("2001:db8::1");
        var e = assertThrows(IllegalArgumentException.class,
                () -> VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "eth0").withSource(v6));
        assertEquals("source address 2001:db8:0:0:0:0:0:1 is not INET", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "a-name-longer-than-15"));
        var ttl = assertThrows(IllegalArgumentException.class, () -> VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "eth0")
                .withUnicastPeers(List.of(InetAddress.getByName("192.0.2.2")), 0));
        assertEquals("unicast TTL must be 1-255, not 0", ttl.getMessage());
        var prefix = assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of(1, v6, 129));
        assertEquals("prefix length 129 out of range 0-128 for 2001:db8:0:0:0:0:0:1", prefix.getMessage());
    }

    @Test
    void pollerWakesUpFromAnotherThreadAndTimesOut() throws Exception {
        try (var poller = Linux.openEventPoller()) {
            assertEquals(0, poller.await(0, fd -> { }), "nothing ready");
            poller.wakeup();
            assertEquals(0, poller.await(10_000, fd -> { }), "a pending wakeup returns at once");
            // Whether the wakeup lands before or during the wait, await must return long before its timeout.
            var waker = Thread.ofPlatform().start(poller::wakeup);
            long t0 = System.nanoTime();
            poller.await(10_000, fd -> { });
            long waited = (System.nanoTime() - t0) / 1_000_000;
            waker.join();
            assertTrue(waited < 5_000, "woken, not timed out: " + waited + " ms");
            long t1 = System.nanoTime();
            poller.await(50, fd -> { });
            assertTrue((System.nanoTime() - t1) / 1_000_000 >= 45, "honours the timeout");
        }
    }
}
