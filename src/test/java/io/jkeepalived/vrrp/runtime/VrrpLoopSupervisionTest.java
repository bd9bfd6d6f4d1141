package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpLoopTest.VIPS;
import static io.jkeepalived.vrrp.runtime.VrrpLoopTest.addr;
import static io.jkeepalived.vrrp.runtime.VrrpLoopTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.port.VrrpPorts;
import io.jkeepalived.vrrp.port.VrrpTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 item 5: an {@code Error} injected in each of the loop's three threads is logged, the loop reports
 * itself not running (the daemon restarts it) and no instance is MASTER while it cannot hear the network.
 */
@Timeout(30)
class VrrpLoopSupervisionTest {
    /** Thrown where a real thread would meet a StackOverflowError or an InternalError. */
    static final class Injected extends Error {
        Injected(String where) {
            super("injected in " + where);
        }
    }

    static InstanceParams instance(int lastOctet, int priority) {
        return InstanceParams.builder("VI_1", 51, addr("192.0.2." + lastOctet)).version(3).priority(priority)
                .advertIntervalMicros(100_000).vips(VIPS).build();
    }

    /** The wire's transport, whose receive throws once {@code failReceive} is set. */
    static final class FailingTransport extends VrrpLoopTest.WireTransport {
        volatile boolean failReceive;

        FailingTransport(List<VrrpLoopTest.WireTransport> wire) {
            super(wire);
        }

        @Override
        public Received receive(ByteBuffer into) throws java.io.IOException {
            if (failReceive) {
                throw new Injected("reader");
            }
            Received r = super.receive(into);
            if (failReceive) {
                throw new Injected("reader");
            }
            return r;
        }
    }

    @Test
    void aDeadReaderMakesTheMasterLetGoAndTheLoopReportItselfDead() throws Exception {
        var wire = new ArrayList<VrrpLoopTest.WireTransport>();
        var rec = new VrrpLoopTest.Recorder();
        var transport = new FailingTransport(wire);
        var loop = new VrrpLoop("VRRP", new VrrpEngine(List.of(instance(1, 150)), List.of(), true),
                new VrrpPorts(transport, rec, rec, rec, rec), MonotonicClock.system());
        loop.start();
        try {
            await("MASTER", () -> rec.holdsVips);
            transport.failReceive = true;
            transport.inbox.add(new byte[0]);        // wakes the reader
            await("not running", () -> !loop.isRunning());
            await("VIPs released", () -> !rec.holdsVips);
            assertTrue(rec.events.stream().anyMatch(l -> l.startsWith("VRRP thread VRRP-reader died: ")
                    && l.contains("injected in reader")), rec.events.toString());
            assertTrue(transport.sentPriorities.contains(0), "priority 0 sent: " + transport.sentPriorities);
            assertEquals("VRRP-reader", loop.death().orElseThrow().thread());
        } finally {
            loop.close();
        }
    }

    @Test
    void aBackupWhoseReaderDiedNeverBecomesMaster() throws Exception {
        var wire = new ArrayList<VrrpLoopTest.WireTransport>();
        var recMaster = new VrrpLoopTest.Recorder();
        var recBackup = new VrrpLoopTest.Recorder();
        var master = VrrpLoopTest.loop("m", 1, 200, wire, recMaster);
        var deafTransport = new FailingTransport(wire);
        var backup = new VrrpLoop("VRRP", new VrrpEngine(List.of(instance(2, 100)), List.of(), true),
                new VrrpPorts(deafTransport, recBackup, recBackup, recBackup, recBackup), MonotonicClock.system());
        master.start();
        backup.start();
        try {
            await("m MASTER", () -> recMaster.holdsVips);
            await("backup heard it", () -> recBackup.events.contains("notify VI_1 BACKUP"));
            deafTransport.failReceive = true;
            await("not running", () -> !backup.isRunning());
            Thread.sleep(1_000);                   // ~3 master-down intervals of this 100 ms instance
            assertFalse(recBackup.events.stream().anyMatch(e -> e.startsWith("add ")), recBackup.events.toString());
            assertFalse(recBackup.events.contains("notify VI_1 MASTER"), recBackup.events.toString());
        } finally {
            backup.close();
            master.close();
        }
    }

    @Test
    void aDeadTimerStopsTheRunAndTheMasterLetsGo() throws Exception {
        var wire = new ArrayList<VrrpLoopTest.WireTransport>();
        var rec = new VrrpLoopTest.Recorder();
        var failTimer = new java.util.concurrent.atomic.AtomicBoolean();
        MonotonicClock clock = () -> {
            if (failTimer.get() && Thread.currentThread().getName().equals("VRRP-timer")) {
                throw new Injected("timer");
            }
            return System.nanoTime() / 1_000;
        };
        var loop = new VrrpLoop("VRRP", new VrrpEngine(List.of(instance(1, 150)), List.of(), true),
                new VrrpPorts(new VrrpLoopTest.WireTransport(wire), rec, rec, rec, rec), clock);
        loop.start();
        try {
            await("MASTER", () -> rec.holdsVips);
            failTimer.set(true);
            await("not running", () -> !loop.isRunning());
            await("VIPs released", () -> !rec.holdsVips);
            assertTrue(rec.events.stream().anyMatch(l -> l.startsWith("VRRP thread VRRP-timer died: ")), rec.events.toString());
        } finally {
            loop.close();
        }
    }

    @Test
    void aDeadLoopThreadIsReported() throws Exception {
        var wire = new ArrayList<VrrpLoopTest.WireTransport>();
        var rec = new VrrpLoopTest.Recorder() {
            @Override
            public void transition(VrrpAction.Transition t) {
                if (t.to() == io.jkeepalived.vrrp.engine.VrrpState.MASTER) {
                    throw new Injected("loop");
                }
            }
        };
        var loop = new VrrpLoop("VRRP", new VrrpEngine(List.of(instance(1, 150)), List.of(), true),
                new VrrpPorts(new VrrpLoopTest.WireTransport(wire), rec, rec, rec, rec), MonotonicClock.system());
        loop.start();
        try {
            await("not running", () -> !loop.isRunning());
            assertTrue(rec.events.stream().anyMatch(l -> l.startsWith("VRRP thread VRRP-loop died: ")), rec.events.toString());
        } finally {
            loop.close();
        }
    }

    /**
     * Stuck but alive: a step that blocks on the loop thread (here a query that never answers, in production a
     * port call that hangs) is found within the 5 s bound, logged with where it is stuck, and the loop reports
     * itself not running, so the daemon replaces the run (which starts as BACKUP and clears the VIPs).
     */
    @Test
    @Timeout(60)
    void aLoopStuckOnAStepIsReportedWithItsStackAndNotRunning() throws Exception {
        var wire = new ArrayList<VrrpLoopTest.WireTransport>();
        var rec = new VrrpLoopTest.Recorder();
        var loop = new VrrpLoop("VRRP", new VrrpEngine(List.of(instance(1, 150)), List.of(), true),
                new VrrpPorts(new VrrpLoopTest.WireTransport(wire), rec, rec, rec, rec), MonotonicClock.system());
        var release = new java.util.concurrent.CountDownLatch(1);
        loop.start();
        try {
            await("MASTER", () -> rec.holdsVips);
            Thread.ofVirtual().start(() -> {
                try {
                    loop.query(engine -> {
                        try {
                            release.await();      // the injected blocking task
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }, 60_000);
                } catch (Exception e) {
                    // released or interrupted
                }
            });
            long t0 = System.nanoTime();
            Thread.sleep(3_000);
            assertTrue(loop.isRunning(), "3 s busy is within the bound");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (loop.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(loop.isRunning(), "a stuck loop is not running");
            double found = (System.nanoTime() - t0) / 1e9;
            System.out.printf("stuck VRRP loop found after %.1f s%n", found);
            String line = rec.events.stream().filter(l -> l.startsWith("VRRP thread VRRP-loop is stuck: no progress for"))
                    .findFirst().orElseThrow(() -> new AssertionError(rec.events.toString()));
            assertTrue(line.contains("CountDownLatch.await"), line);
            assertTrue(line.endsWith("it will be restarted as BACKUP"), line);
            assertEquals("VRRP-loop", loop.death().orElseThrow().thread());
        } finally {
            release.countDown();
            loop.close();
        }
    }
}
