package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.vrrp.port.GarpSender;
import io.jkeepalived.vrrp.port.LogSink;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.vrrp.port.VrrpPorts;
import io.jkeepalived.vrrp.port.VrrpTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two real VrrpLoops (threads, real monotonic clock) on an in-memory wire: election, graceful handover
 * with priority 0, and a link event. Polls with deadlines; never sleeps a fixed time.
 */
class VrrpLoopTest {
    static final List<InetAddress> VIPS = List.of(addr("192.0.2.100"));

    /** One end of an in-memory Ethernet segment shared by all transports in {@code wire}. */
    static class WireTransport implements VrrpTransport {
        private static final byte[] CLOSED = new byte[0];
        final List<WireTransport> wire;
        final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        final List<Integer> sentPriorities = new CopyOnWriteArrayList<>();

        WireTransport(List<WireTransport> wire) {
            this.wire = wire;
            wire.add(this);
        }

        @Override
        public void send(InstanceParams instance, ByteBuffer packet, int vrrpOffset) {
            byte[] b = new byte[packet.remaining()];
            packet.get(b);
            sentPriorities.add(b[20 + 2] & 0xff);
            for (WireTransport t : wire) {
                if (t != this) {
                    t.inbox.add(b);
                }
            }
        }

        @Override
        public Received receive(ByteBuffer into) throws java.io.IOException {
            try {
                byte[] b = inbox.take();
                if (b == CLOSED) {
                    return null;
                }
                into.put(b).flip();
                return new Received("eth0", IpFamily.IPV4, null, null, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void close() {
            wire.remove(this);
            inbox.add(CLOSED);
        }
    }

    /** Records everything a loop does through its ports. */
    static class Recorder implements AddressManager, GarpSender, Notifier, LogSink {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean holdsVips;

        @Override
        public void add(String instance, List<InetAddress> vips, boolean accept) {
            holdsVips = true;
            events.add("add " + vips);
        }

        @Override
        public void remove(String instance, List<InetAddress> vips, boolean accept) {
            holdsVips = false;
            events.add("remove " + vips);
        }

        @Override
        public void sendGarp(String interfaceName, List<InetAddress> addresses, int repeat) {
            events.add("garp " + interfaceName + " " + repeat);
        }

        @Override
        public void sendNa(String interfaceName, List<InetAddress> addresses, int repeat) {
            events.add("na " + interfaceName);
        }

        @Override
        public void notify(VrrpAction.RunNotify notify) {
            events.add("notify " + notify.name() + " " + notify.state());
        }

        @Override
        public void log(String line) {
            events.add(line);
        }

        boolean saw(String s) {
            return events.contains(s);
        }
    }

    static VrrpLoop loop(String name, int lastOctet, int priority, List<WireTransport> wire, Recorder rec) {
        // VRRPv3 with 10 cs adverts keeps the real-time test short: master down = 0.3 s + skew
        var p = InstanceParams.builder("VI_1", 51, addr("192.0.2." + lastOctet)).version(3).priority(priority)
                .advertIntervalMicros(100_000).vips(VIPS).build();
        var engine = new VrrpEngine(List.of(p), List.of(), true);
        return new VrrpLoop(name, engine, new VrrpPorts(new WireTransport(wire), rec, rec, rec, rec), MonotonicClock.system());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);         // polling interval only; the assertion is the deadline
        }
    }

    /** The state of the last notify the recorder saw, if any ("notify VI_1 MASTER" gives MASTER). */
    static java.util.Optional<String> lastNotify(Recorder rec) {
        String last = null;
        for (String e : rec.events) {
            if (e.startsWith("notify VI_1 ")) {
                last = e.substring("notify VI_1 ".length());
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    @Test
    void twoLoopsElectHandOverGracefullyAndReactToLinkDown() throws Exception {
        List<WireTransport> wire = new CopyOnWriteArrayList<>();
        var highRec = new Recorder();
        var lowRec = new Recorder();
        try (var high = loop("high", 2, 200, wire, highRec); var low = loop("low", 1, 100, wire, lowRec)) {
            low.start();
            high.start();
            await("high becomes master", () -> highRec.saw("notify VI_1 MASTER"));
            assertTrue(highRec.saw("(VI_1) Entering MASTER STATE"));
            assertTrue(highRec.holdsVips);
            await("low follows as backup", () -> lowRec.saw("(VI_1) Entering BACKUP STATE (init)"));
            // Both start at once: on a loaded machine low may time out first and then yield to high's
            // higher priority - either way the election must settle with low as BACKUP without the VIPs.
            await("low settles as backup", () -> !lowRec.holdsVips && lastNotify(lowRec).map("BACKUP"::equals)
                    .orElse(true));

            int seenBefore = lowRec.events.size();
            long stopAt = System.nanoTime();
            assertTrue(high.stop(5_000));
            assertTrue(highRec.saw("(VI_1) sent 0 priority"));
            assertTrue(!highRec.holdsVips);
            await("low takes over after priority 0", () -> lowRec.events.subList(seenBefore, lowRec.events.size())
                    .contains("notify VI_1 MASTER"));
            long tookMicros = (System.nanoTime() - stopAt) / 1_000;
            assertTrue(lowRec.saw("(VI_1) Backup received priority 0 advertisement"), lowRec.events.toString());
            System.out.println("VrrpLoop: takeover after priority 0 took " + tookMicros + " us (skew 60.9 ms)");
            assertTrue(lowRec.holdsVips);

            low.submit(new VrrpEvent.LinkChanged("eth0", false, low.clock().nowMicros()));
            await("low goes to FAULT", () -> lowRec.saw("notify VI_1 FAULT"));
            assertTrue(!lowRec.holdsVips);
        }
        assertEquals(List.of(), wire, "transports closed");
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
