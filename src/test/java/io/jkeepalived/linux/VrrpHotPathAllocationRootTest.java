package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once warm, sending an advert, waiting in epoll and receiving it allocate nothing on the Java heap
 * (measured with the thread's allocation counter over many real round trips through a veth). Before C2 has
 * compiled it, the interpreted/C1 path allocates ~10-15 bytes per call in the FFM downcall plumbing.
 */
@Tag("root")
class VrrpHotPathAllocationRootTest {
    private static final IntConsumer IGNORE = fd -> { };
    @RegisterExtension
    final RootLan lan = RootLan.ipv4("z");
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void hosts() {
        a = lan.a();
        b = lan.b();
    }

    @ParameterizedTest
    @EnumSource(value = StandardProtocolFamily.class, names = {"INET", "INET6"})
    void sendPollReceiveAllocatesNothingOnceWarm(StandardProtocolFamily family) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        boolean v6 = family == StandardProtocolFamily.INET6;
        var advert = v6 ? TestAdverts.v3(9, 100, InetAddress.getByName("2001:db8::9"))
                : TestAdverts.v2(9, 100, InetAddress.getByName("192.0.2.9"));
        var sendSpec = v6 ? VrrpSocketSpec.multicast(family, "va")
                : VrrpSocketSpec.multicast(family, "va").withSource(InetAddress.getByName("192.0.2.1"));
        var recvSpec = VrrpSocketSpec.multicast(family, "vb");
        try (var sender = RootNs.in(a, () -> Linux.openVrrpSocket(sendSpec));
                var receiver = RootNs.in(b, () -> Linux.openVrrpSocket(recvSpec));
                var poller = Linux.openEventPoller()) {
            poller.register(receiver.fd());
            var rx = new ReceivedPacket(2048);
            // C2 must compile the path (escape analysis removes the temporaries) before it allocates nothing.
            int warm = roundTrips(sender, receiver, poller, rx, advert, 150_000);
            assertEquals(150_000, warm, "every advert arrived during warm-up");
            long before = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            int received = roundTrips(sender, receiver, poller, rx, advert, 20_000);
            long nanos = System.nanoTime() - start;
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.printf("VRRP hot path " + family + ": %d round trips in %d ms (%.1f us each), %d bytes allocated%n",
                    received, nanos / 1_000_000, nanos / 1000.0 / received, allocated);
            assertEquals(20_000, received);
            assertTrue(allocated < 256, "allocated " + allocated + " bytes over 20000 send/poll/receive");
        }
    }

    private static int roundTrips(RawVrrpSocket sender, RawVrrpSocket receiver, EventPoller poller, ReceivedPacket rx,
            byte[] advert, int count) throws SyscallException {
        int received = 0;
        for (int i = 0; i < count; i++) {
            sender.send(advert, 0, advert.length);
            boolean got = false;
            for (int tries = 0; !got && tries < 50; tries++) {
                poller.await(100, IGNORE);
                while (receiver.receive(rx)) {
                    got = true;
                    received++;
                }
            }
        }
        return received;
    }
}
