package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.AdvertWriter;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.codec.VrrpAddresses;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory Ethernet segment on a simulated clock: routers (each one VrrpEngine) exchange adverts
 * as real bytes written by AdvertWriter and read by VrrpCodec, with a delivery delay, seeded loss
 * and partitions. Records who holds the VIPs and every log line.
 */
final class SimLan {
    static final long DELAY = 200;             // one-way delivery, microseconds

    final Random random;
    double loss;
    long now;
    private long seq;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    final Map<String, Router> routers = new HashMap<>();
    private final Set<Set<String>> cut = new HashSet<>();
    final List<String> log = new ArrayList<>();
    final List<String> splitBrains = new ArrayList<>();
    int undecodable;

    SimLan(long seed) {
        random = new Random(seed);
    }

    record Pending(long at, long seq, Router to, VrrpEvent event) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    final class Router {
        final String name;
        final InstanceParams params;
        VrrpEngine engine;
        AdvertWriter writer;
        long deadline = Long.MAX_VALUE;
        boolean alive;
        boolean holdsVips;
        final ByteBuffer buf = ByteBuffer.allocate(1500);
        int adverts;

        Router(String name, InstanceParams params) {
            this.name = name;
            this.params = params;
        }

        void boot(long at) {
            engine = new VrrpEngine(List.of(params), List.of(), true);
            var advert = VrrpAdvert.of(params.version(), params.vrid(), params.priority(), params.authType(),
                    (int) (params.version() == 2 ? params.advertIntervalMicros() / 1_000_000 : params.advertIntervalMicros() / 10_000),
                    params.vips(), params.version() == 2 ? java.util.Arrays.copyOf(params.authKey(), 8) : new byte[0]);
            writer = new AdvertWriter(advert, params.sourceAddress(), VrrpAddresses.MCAST_V4, false,
                    params.authType() == AuthType.AH ? params.authKey() : null, engine.ahCounter(params.name()), false);
            alive = true;
            deadline = Long.MAX_VALUE;
            enqueue(at, this, new VrrpEvent.Start(at));
        }

        VrrpState state() {
            return engine.state(params.name());
        }
    }

    Router add(String name, InstanceParams params) {
        var r = new Router(name, params);
        routers.put(name, r);
        return r;
    }

    Router router(String name) {
        return routers.get(name);
    }

    void partition(String a, String b) {
        cut.add(Set.of(a, b));
    }

    void heal() {
        cut.clear();
    }

    /** The router stops dead (power cut): no priority 0, its VIPs vanish with it. */
    void crash(String name) {
        Router r = routers.get(name);
        r.alive = false;
        r.holdsVips = false;
    }

    void shutdown(String name) {
        Router r = routers.get(name);
        dispatch(r, new VrrpEvent.Shutdown(now));
        r.alive = false;
    }

    private void enqueue(long at, Router to, VrrpEvent e) {
        queue.add(new Pending(at, seq++, to, e));
    }

    /** Injects raw bytes as if received by {@code to} at {@code at}. */
    void inject(long at, String to, byte[] bytes) {
        Decoded d = VrrpCodec.decodeIpv4(bytes);
        if (d instanceof Decoded.Ok ok) {
            enqueue(at, routers.get(to), new VrrpEvent.AdvertReceived("eth0", ok.packet(), at));
        } else {
            undecodable++;
        }
    }

    void runUntil(long until) {
        while (true) {
            Pending next = queue.peek();
            long timer = Long.MAX_VALUE;
            Router timerOwner = null;
            for (Router r : routers.values()) {
                if (r.alive && r.deadline < timer) {
                    timer = r.deadline;
                    timerOwner = r;
                }
            }
            long at = Math.min(timer, next == null ? Long.MAX_VALUE : next.at());
            if (at > until) {
                break;
            }
            now = at;
            if (next != null && next.at() <= timer) {
                queue.poll();
                if (next.to().alive) {
                    dispatch(next.to(), next.event());
                }
            } else {
                dispatch(timerOwner, new VrrpEvent.TimerDue(timer));
            }
        }
        now = until;
    }

    private void dispatch(Router r, VrrpEvent e) {
        for (VrrpAction a : r.engine.handle(e)) {
            switch (a) {
                case VrrpAction.ScheduleAt s -> r.deadline = s.deadline();
                case VrrpAction.SendAdvert s -> transmit(r, s.priority());
                case VrrpAction.AddVips v -> r.holdsVips = true;
                case VrrpAction.RemoveVips v -> r.holdsVips = false;
                case VrrpAction.SplitBrain b -> splitBrains.add(r.name + " saw " + b.otherMaster().getHostAddress());
                case VrrpAction.Log l -> log.add(String.format("%d.%06d %s: %s", now / 1_000_000, now % 1_000_000, r.name, l.line()));
                default -> { }
            }
        }
    }

    private void transmit(Router from, int priority) {
        from.buf.clear();
        int n = from.writer.write(priority, from.buf);
        from.adverts++;
        byte[] bytes = java.util.Arrays.copyOf(from.buf.array(), n);
        for (Router to : routers.values()) {
            if (to == from || !to.alive || cut.contains(Set.of(from.name, to.name)) || random.nextDouble() < loss) {
                continue;
            }
            inject(now + DELAY, to.name, bytes);
        }
    }

    List<String> masters() {
        return routers.values().stream().filter(r -> r.alive && r.state() == VrrpState.MASTER).map(r -> r.name).sorted().toList();
    }

    List<String> vipHolders() {
        return routers.values().stream().filter(r -> r.alive && r.holdsVips).map(r -> r.name).sorted().toList();
    }

    /** Time of the first log line of {@code router} containing {@code text} after {@code from}, or -1. */
    List<String> logOf(String router) {
        return log.stream().filter(l -> l.contains(" " + router + ": ")).toList();
    }
}
