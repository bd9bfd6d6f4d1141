package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.linux.EchoResult;
import io.jkeepalived.linux.IcmpEcho;
import io.jkeepalived.linux.IcmpEchoSpec;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.testsupport.NetNs;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A client pinging a VIP every 10 ms from a namespace the test made (no ping binary needed): counts replies and
 * lost echoes (no reply within 1 s: a request that finds no VIP is never answered, while
 * a reply merely delayed by a busy machine still counts) and measures the longest time between two replies.
 */
final class VipPinger implements AutoCloseable {
    private final IcmpEcho echo;
    private final InetAddress vip;
    private final Thread thread;
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong longestGapNanos = new AtomicLong();
    private volatile boolean running = true;

    VipPinger(NetNs client, String vip) throws Exception {
        this.vip = InetAddress.getByName(vip);
        this.echo = NetworkNamespace.call(NetworkNamespace.named(client.name()),
                () -> Linux.openIcmpEcho(IcmpEchoSpec.of(this.vip)));
        this.thread = Thread.ofPlatform().name("vip-pinger").daemon().start(this::run);
    }

    private void run() {
        long lastReply = System.nanoTime();
        while (running) {
            try {
                if (echo.ping(vip, Duration.ofSeconds(1)) instanceof EchoResult.Reply) {
                    long now = System.nanoTime();
                    longestGapNanos.accumulateAndGet(now - lastReply, Math::max);
                    lastReply = now;
                    replies.incrementAndGet();
                } else {
                    lost.incrementAndGet();
                }
            } catch (Exception e) {
                if (running) {
                    lost.incrementAndGet();
                }
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    long replies() {
        return replies.get();
    }

    long lost() {
        return lost.get();
    }

    long longestGapMillis() {
        return longestGapNanos.get() / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        echo.close();
    }
}
