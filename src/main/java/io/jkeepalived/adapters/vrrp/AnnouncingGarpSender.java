package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.adapters.vrrp.GarpPacer.Kind;
import io.jkeepalived.adapters.vrrp.GarpPacer.Send;
import io.jkeepalived.common.AddressText;
import io.jkeepalived.common.Log;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.linux.GarpSender;
import io.jkeepalived.linux.NeighbourAdvertiser;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The loop's GarpSender port over one AF_PACKET sender per interface: each address goes out on the
 * interface its VIP lives on ({@code dev}), with keepalived's -D lines "Sending gratuitous ARP on eth0 for
 * 192.0.2.1" / "Sending unsolicited Neighbour Advert on eth0 for 2001:db8::1". With GARP/NA rate limits
 * ({@link GarpPacer}) a send that comes too soon waits on a timer thread of its own (keepalived's
 * vrrp_arp_thread) until the interface's interval has passed.
 */
public final class AnnouncingGarpSender implements io.jkeepalived.vrrp.port.GarpSender, AutoCloseable {
    private final Map<String, GarpSender> arp;
    private final Map<String, NeighbourAdvertiser> na;
    private final Map<InetAddress, String> deviceOf;
    private final Log log;
    private final GarpPacer pacer;
    private final MonotonicClock clock;
    private final ScheduledExecutorService timer;    // null without rate limits
    private ScheduledFuture<?> wake;
    private long wakeAt = Long.MAX_VALUE;

    public AnnouncingGarpSender(Map<String, GarpSender> arp, Map<String, NeighbourAdvertiser> na, Map<InetAddress, String> deviceOf,
                         Log log) {
        this(arp, na, deviceOf, log, GarpPacer.unlimited(), MonotonicClock.system(), () -> { });
    }

    /**
     * With keepalived's per-interface intervals between GARPs and between NAs ({@link GarpRateLimits});
     * {@code threadSetup} runs first on the timer thread (the VRRP loop's scheduling settings).
     */
    public AnnouncingGarpSender(Map<String, GarpSender> arp, Map<String, NeighbourAdvertiser> na, Map<InetAddress, String> deviceOf,
                         Log log, GarpRateLimits limits, MonotonicClock clock, Runnable threadSetup) {
        this(arp, na, deviceOf, log, limits.pacer(), clock, threadSetup);
    }

    AnnouncingGarpSender(Map<String, GarpSender> arp, Map<String, NeighbourAdvertiser> na, Map<InetAddress, String> deviceOf,
                         Log log, GarpPacer pacer, MonotonicClock clock, Runnable threadSetup) {
        this.arp = Map.copyOf(arp);
        this.na = Map.copyOf(na);
        this.deviceOf = Map.copyOf(deviceOf);
        this.log = log;
        this.pacer = pacer;
        this.clock = clock;
        this.timer = pacer.limits() ? Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon()
                .name("VRRP-garp").unstarted(() -> {
                    threadSetup.run();
                    task.run();
                })) : null;
    }

    @Override
    public void sendGarp(String interfaceName, List<InetAddress> addresses, int repeat) throws Exception {
        offerAll(Kind.ARP, interfaceName, addresses, repeat);
    }

    @Override
    public void sendNa(String interfaceName, List<InetAddress> addresses, int repeat) throws Exception {
        offerAll(Kind.NA, interfaceName, addresses, repeat);
    }

    /** Queued sends for removed VIPs are dropped, as keepalived does when an instance leaves MASTER. */
    @Override
    public synchronized void forget(List<InetAddress> addresses) {
        pacer.drop(addresses);
    }

    private synchronized void offerAll(Kind kind, String interfaceName, List<InetAddress> addresses, int repeat) throws Exception {
        for (int i = 0; i < repeat; i++) {
            for (InetAddress a : addresses) {
                var s = new Send(kind, deviceOf.getOrDefault(a, interfaceName), a);
                if (pacer.offer(s, clock.nowMicros())) {
                    send(s);
                    pacer.sent(s, clock.nowMicros());
                }
            }
        }
        rearm();
    }

    /** The timer's turn: sends what is due, then waits for the next. */
    private synchronized void sendDue() {
        wakeAt = Long.MAX_VALUE;
        for (Send s : pacer.due(clock.nowMicros())) {
            try {
                send(s);
                pacer.sent(s, clock.nowMicros());
            } catch (Exception e) {
                log.error("Error sending queued " + (s.kind() == Kind.ARP ? "gratuitous ARP" : "neighbour advert")
                        + " on " + s.dev() + " for " + AddressText.of(s.address()) + ": " + e.getMessage());
            }
        }
        rearm();
    }

    private void rearm() {
        var next = pacer.nextDue();
        if (timer == null || next.isEmpty() || next.getAsLong() >= wakeAt || timer.isShutdown()) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = next.getAsLong();
        wake = timer.schedule(this::sendDue, Math.max(0, wakeAt - clock.nowMicros()), TimeUnit.MICROSECONDS);
    }

    private void send(Send s) throws Exception {
        if (s.kind() == Kind.ARP) {
            GarpSender sender = arp.get(s.dev());
            if (sender == null) {
                log.error("Error sending gratuitous ARP on " + s.dev() + " for " + s.address().getHostAddress() + ": no sender");
                return;
            }
            log.detail("Sending gratuitous ARP on " + s.dev() + " for " + s.address().getHostAddress());
            sender.send((Inet4Address) s.address());
        } else {
            NeighbourAdvertiser sender = na.get(s.dev());
            if (sender == null) {
                log.error("VRRP: Error sending ndisc unsolicited neighbour advert on " + s.dev() + " for " + AddressText.of(s.address()));
                return;
            }
            log.detail("Sending unsolicited Neighbour Advert on " + s.dev() + " for " + AddressText.of(s.address()));
            sender.send((Inet6Address) s.address());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        synchronized (this) {
            arp.values().forEach(GarpSender::close);
            na.values().forEach(NeighbourAdvertiser::close);
        }
    }
}
