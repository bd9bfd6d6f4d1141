package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.common.ThreadWatch;
import io.jkeepalived.vrrp.port.VrrpPorts;
import io.jkeepalived.vrrp.port.VrrpTransport;
import io.jkeepalived.vrrp.codec.AdvertWriter;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.codec.UnicastChecksum;
import io.jkeepalived.vrrp.codec.VrrpAddresses;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one VrrpEngine for real: a single event-loop thread owns the engine and carries out its
 * actions through the ports; a timer thread parks until the deadline the engine asked for and then
 * queues TimerDue; a reader thread decodes packets from the transport and queues AdvertReceived.
 * Other subsystems (netlink link monitor, trackers) call {@link #submit}. Port failures are logged
 * and never stop the loop.
 */
public final class VrrpLoop implements AutoCloseable {
    private static final VrrpEvent STOP = new VrrpEvent.TimerDue(Long.MIN_VALUE);
    private static final long NEVER = Long.MAX_VALUE;

    private final VrrpEngine engine;
    private final VrrpPorts ports;
    private final MonotonicClock clock;
    private final Map<String, InstanceParams> params = new HashMap<>();
    private final Map<String, AdvertWriter> writers = new HashMap<>();
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final AtomicLong deadline = new AtomicLong(NEVER);
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(2048);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String name;
    private volatile boolean running;
    private Thread loopThread;
    private Thread timerThread;
    private Thread readerThread;
    private final ThreadWatch watch;
    private final ThreadWatch.Heartbeat loopBeat;
    private final ThreadWatch.Heartbeat timerBeat;
    private final ThreadWatch.Heartbeat readerBeat;
    private volatile java.util.function.LongConsumer lateTimers = late -> { };
    private long armed = NEVER;             // loop thread: the deadline the engine last asked for
    private long lateReported = NEVER;      // loop thread: the deadline a late wake-up was last reported for

    public VrrpLoop(String name, VrrpEngine engine, VrrpPorts ports, MonotonicClock clock) {
        this.name = name;
        this.engine = engine;
        this.ports = ports;
        this.clock = clock;
        this.watch = new ThreadWatch(this::died);
        // each wakes at least once a second when idle (the timer) or on every event; stuck = busy for 5 s
        this.loopBeat = watch.heartbeat(name + "-loop", java.time.Duration.ofSeconds(1));
        this.timerBeat = watch.heartbeat(name + "-timer", java.time.Duration.ofSeconds(1));
        this.readerBeat = watch.heartbeat(name + "-reader", java.time.Duration.ofSeconds(1));
        for (InstanceParams p : engine.instances()) {
            params.put(p.name(), p);
            writers.put(p.name(), writerFor(p));
        }
    }

    private AdvertWriter writerFor(InstanceParams p) {
        int interval = (int) (p.version() == 2 ? p.advertIntervalMicros() / 1_000_000 : p.advertIntervalMicros() / 10_000);
        var advert = VrrpAdvert.of(p.version(), p.vrid(), p.priority(), p.authType(), interval, p.vips(),
                p.version() == 2 ? Arrays.copyOf(p.authKey(), 8) : new byte[0]);
        var destination = p.unicast() ? VrrpAddresses.multicastGroup(p.family()) : ports.transport().multicastGroup(p);
        return new AdvertWriter(advert, p.sourceAddress(), destination, p.v3ChecksumAsV2(),
                p.authType() == AuthType.AH ? Arrays.copyOf(p.authKey(), 8) : null, engine.ahCounter(p.name()),
                p.unicast());
    }

    /** Starts the threads and the engine (Start event). */
    public synchronized void start() {
        start(0);
    }

    /**
     * As {@link #start()}, the engine's Start coming {@code startDelayMicros} later (vrrp_startup_delay): until then
     * the instances stay in INIT, adverts are ignored and tracker and link states are only recorded.
     */
    public synchronized void start(long startDelayMicros) {
        start(startDelayMicros, () -> { });
    }

    /**
     * As {@link #start(long)}, the timer and reader threads first running {@code feederSetup} (vrrp_rt_priority,
     * vrrp_priority, vrrp_cpu_affinity: they wake the loop, so they get its scheduling; keepalived's one thread
     * does all three jobs).
     */
    public synchronized void start(long startDelayMicros, Runnable feederSetup) {
        if (running) {
            return;
        }
        running = true;
        loopThread = watch.start(name + "-loop", false, this::runLoop);
        timerThread = watch.start(name + "-timer", true, () -> {
            feederSetup.run();
            runTimer();
        });
        readerThread = watch.start(name + "-reader", true, () -> {
            feederSetup.run();
            runReader();
        });
        if (startDelayMicros <= 0) {
            submit(new VrrpEvent.Start(clock.nowMicros()));
            return;
        }
        Thread.ofPlatform().name(name + "-startup-delay").daemon().start(() -> {
            long until = clock.nowMicros() + startDelayMicros;
            for (long left = startDelayMicros; left > 0 && running; left = until - clock.nowMicros()) {
                LockSupport.parkNanos(left * 1_000);
            }
            if (running) {
                submit(new VrrpEvent.Start(clock.nowMicros()));
            }
        });
    }

    /**
     * True while started and none of the three threads died or is stuck (busy on one step for 5 s: see
     * ThreadWatch.Heartbeat); the daemon restarts a loop that is not running. A loop stopped because a thread
     * died stays "not running" until it is replaced.
     */
    public synchronized boolean isRunning() {
        Thread t = loopThread;
        return running && t != null && t.isAlive() && watch.alive();
    }

    /** Which thread died first and why, if one did. */
    public java.util.Optional<ThreadWatch.Death> death() {
        return watch.death();
    }

    /**
     * A dead reader leaves the engine deaf, a dead timer leaves it frozen: either way it must not be (or become)
     * MASTER. The loop still runs, so it shuts the engine down now - masters send priority 0 and drop their
     * VIPs, backups stay quiet - and the supervisor starts a new run (as BACKUP). A dead loop thread can run
     * nothing: the new run's start clears the VIPs it left.
     */
    private void died(ThreadWatch.Death death) {
        try {
            ports.log().log("VRRP thread " + death.describe() + " - stopping this run, it will be restarted as BACKUP");
        } finally {
            if (!death.thread().endsWith("-loop")) {
                // not the clock: it may be what failed; the loop stamps the event with its last time
                submit(new VrrpEvent.Shutdown(Long.MIN_VALUE + 1));
                submit(STOP);
            }
        }
    }

    /**
     * Told, on the loop thread, how many microseconds after the engine's deadline the loop handles its next event when
     * that deadline has passed (once per deadline): keepalived's scheduler checks the same after each wake-up (a host
     * too busy, the process stopped) to raise its priority. Set before {@link #start}.
     */
    public void onLateTimer(java.util.function.LongConsumer listener) {
        lateTimers = listener;
    }

    /** Queues an event (thread-safe); link and tracker changes come in this way. */
    public void submit(VrrpEvent event) {
        events.add(event);
    }

    /**
     * Runs {@code question} on the loop thread (the engine belongs to it) and returns the answer, e.g.
     * the stats for a SIGUSR2 dump. Waits at most {@code timeoutMillis}.
     */
    public <T> T query(java.util.function.Function<VrrpEngine, T> question, long timeoutMillis) throws Exception {
        var q = new Query<>(question);
        events.add(q);
        return q.answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private record Query<T>(java.util.function.Function<VrrpEngine, T> question,
                            java.util.concurrent.CompletableFuture<T> answer) {
        Query(java.util.function.Function<VrrpEngine, T> question) {
            this(question, new java.util.concurrent.CompletableFuture<>());
        }

        void run(VrrpEngine engine) {
            try {
                answer.complete(question.apply(engine));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }

    public MonotonicClock clock() {
        return clock;
    }

    /**
     * Graceful stop: the engine's Shutdown (masters send priority 0 and drop their VIPs) runs on the
     * loop, then the threads end. Waits at most {@code timeoutMillis}.
     */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        if (!running) {
            return true;
        }
        submit(new VrrpEvent.Shutdown(clock.nowMicros()));
        submit(STOP);
        boolean done = stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
        running = false;
        if (!done && loopThread != null) {
            loopThread.interrupt();     // stuck: whatever it blocks on may give way; the next run does not wait for it
        }
        ports.transport().close();
        LockSupport.unpark(timerThread);
        return done;
    }

    @Override
    public void close() {
        try {
            stop(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ threads

    private void runLoop() {
        try {
            while (true) {
                loopBeat.waiting();
                Object item = events.take();
                loopBeat.working();
                if (item == STOP) {
                    break;
                }
                if (item instanceof Query<?> q) {
                    q.run(engine);
                    continue;
                }
                lateWakeup();
                execute(engine.handle(monotonic((VrrpEvent) item)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * keepalived's check after each epoll_wait: the loop woke (for its timer or anything else) after the deadline it
     * had armed. The late time goes to {@link #onLateTimer} and to the engine (TimerLate), before the event that woke it.
     */
    private void lateWakeup() {
        if (armed == NEVER || armed == lateReported) {
            return;
        }
        long now = clock.nowMicros();
        long late = now - armed;
        if (late <= 0) {
            return;
        }
        lateReported = armed;
        lateTimers.accept(late);
        if (late >= engine.timerLateThreshold()) {      // only then: a timer a little late every time allocates nothing
            execute(engine.handle(monotonic(new VrrpEvent.TimerLate(late, now))));
        }
    }

    private void runTimer() {
        while (running) {
            timerBeat.working();
            long d = deadline.get();
            long now = clock.nowMicros();
            if (d <= now) {
                if (deadline.compareAndSet(d, NEVER)) {
                    submit(new VrrpEvent.TimerDue(now));
                }
                continue;
            }
            timerBeat.waiting();
            LockSupport.parkNanos(this, d == NEVER ? 1_000_000_000L : Math.min(1_000_000_000L, (d - now) * 1_000));
        }
    }

    private void runReader() {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        while (running) {
            try {
                buf.clear();
                readerBeat.waiting();
                VrrpTransport.Received r = ports.transport().receive(buf);
                readerBeat.working();
                if (r == null) {
                    return;
                }
                byte[] bytes = new byte[buf.remaining()];
                buf.get(bytes);
                Decoded d = r.family() == IpFamily.IPV4 ? VrrpCodec.decodeIpv4(bytes)
                        : VrrpCodec.decodeIpv6(bytes, (Inet6Address) r.source(), (Inet6Address) r.destination(), r.hopLimit());
                switch (d) {
                    case Decoded.Ok ok -> submit(new VrrpEvent.AdvertReceived(r.interfaceName(), ok.packet(), clock.nowMicros()));
                    case Decoded.Rejected rej -> {
                        if (!rej.reason().dropOnly()) {
                            ports.log().log(rej.detail() + " (on " + r.interfaceName() + ")");
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    ports.log().log("VRRP receive error: " + e.getMessage());
                    LockSupport.parkNanos(10_000_000);     // a broken socket must not spin
                }
            }
        }
    }

    private long lastNow = Long.MIN_VALUE;

    /**
     * Events are stamped on the thread that queued them, so one may arrive a little older than the one
     * before; the engine gets a time that never goes back.
     */
    private VrrpEvent monotonic(VrrpEvent e) {
        if (e.now() >= lastNow) {
            lastNow = e.now();
            return e;
        }
        return switch (e) {
            case VrrpEvent.Start s -> new VrrpEvent.Start(lastNow);
            case VrrpEvent.TimerDue t -> new VrrpEvent.TimerDue(lastNow);
            case VrrpEvent.TimerLate l -> new VrrpEvent.TimerLate(l.lateMicros(), lastNow);
            case VrrpEvent.AdvertReceived a -> new VrrpEvent.AdvertReceived(a.interfaceName(), a.packet(), lastNow);
            case VrrpEvent.LinkChanged l -> new VrrpEvent.LinkChanged(l.interfaceName(), l.up(), lastNow);
            case VrrpEvent.TrackerChanged t -> new VrrpEvent.TrackerChanged(t.instance(), t.tracker(), t.priorityDelta(),
                    t.fault(), lastNow);
            case VrrpEvent.VirtualDeleted d -> new VrrpEvent.VirtualDeleted(d.instance(), d.report(), lastNow);
            case VrrpEvent.Shutdown s -> new VrrpEvent.Shutdown(lastNow);
        };
    }

    // ------------------------------------------------------------------ actions

    private void execute(List<VrrpAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            VrrpAction a = actions.get(i);
            try {
                apply(a);
            } catch (Exception e) {
                ports.log().log("VRRP action " + a.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    private void apply(VrrpAction action) throws Exception {
        switch (action) {
            case VrrpAction.SendAdvert s -> {
                InstanceParams p = params.get(s.instance());
                if (p.unicastChecksum() != UnicastChecksum.OLD && engine.oldUnicastChecksum(s.instance())) {
                    // an advert with keepalived 1.3.5's checksum switched the instance: the transport now sends it too
                    p = p.toBuilder().unicastChecksum(UnicastChecksum.OLD).build();
                    params.put(s.instance(), p);
                }
                AdvertWriter writer = writers.get(s.instance());
                sendBuffer.clear();
                writer.write(s.priority(), sendBuffer);
                sendBuffer.flip();
                try {
                    ports.transport().send(p, sendBuffer, writer.vrrpOffset());
                } catch (java.io.IOException e) {
                    ports.log().log("(" + s.instance() + "): send advert error (" + e.getMessage() + ")");
                }
            }
            case VrrpAction.AddVips v -> ports.addresses().add(v.instance(), v.vips(), v.accept());
            case VrrpAction.RemoveVips v -> {
                ports.garp().forget(v.vips());
                ports.addresses().remove(v.instance(), v.vips(), v.accept());
            }
            case VrrpAction.SendGarp g -> ports.garp().sendGarp(params.get(g.instance()).interfaceName(), g.addresses(), g.repeat());
            case VrrpAction.SendNa n -> ports.garp().sendNa(params.get(n.instance()).interfaceName(), n.addresses(), n.repeat());
            case VrrpAction.RunNotify n -> ports.notifier().notify(n);
            case VrrpAction.Transition t -> ports.notifier().transition(t);
            case VrrpAction.SplitBrain b -> ports.notifier().splitBrain(b);
            case VrrpAction.PriorityChanged p -> ports.notifier().priorityChanged(p);
            case VrrpAction.Log l -> ports.log().log(l.line());
            case VrrpAction.ScheduleAt s -> {
                armed = s.deadline();
                deadline.set(s.deadline());
                LockSupport.unpark(timerThread);
            }
        }
    }
}
