package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Random event sequences against the engine, checking invariants after every event: it never throws,
 * ends every answer with one ScheduleAt in the future, holds the VIPs exactly while MASTER, and is in
 * FAULT exactly while a fault cause is present.
 */
class VrrpEngineFuzzTest {
    static final List<InetAddress> VIPS = ips("192.0.2.100");

    @Test
    void randomEventSequencesKeepTheInvariants() {
        for (long seed = 0; seed < 300; seed++) {
            var rnd = new SplittableRandom(seed);
            run(bound -> rnd.nextInt(bound), 400);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void fuzzedEventSequencesKeepTheInvariants(FuzzedDataProvider data) {
        run(bound -> data.remainingBytes() == 0 ? 0 : data.consumeInt(0, bound - 1), 200);
    }

    static void run(IntUnaryOperator pick, int steps) {
        var params = InstanceParams.builder("VI_1", 51, ip("192.0.2.5")).vips(VIPS)
                .priority(1 + pick.applyAsInt(255))
                .version(2 + pick.applyAsInt(2))
                .preempt(pick.applyAsInt(2) == 0)
                .preemptDelayMicros(pick.applyAsInt(3) * 1_000_000L)
                .lowerPrioNoAdvert(pick.applyAsInt(2) == 0)
                .higherPrioSendAdvert(pick.applyAsInt(2) == 0)
                .skipCheckAdvAddr(pick.applyAsInt(2) == 0)
                .initialMaster(pick.applyAsInt(2) == 0)
                .build();
        var engine = new VrrpEngine(List.of(params), List.of(), true);
        long now = 1_000_000;
        long deadline = Long.MAX_VALUE;
        boolean holds = false;
        boolean linkDown = false;
        boolean trackerFault = false;
        boolean started = false;
        for (int step = 0; step < steps; step++) {
            VrrpEvent e;
            int kind = pick.applyAsInt(10);
            if (!started && kind > 1) {
                kind = 0;
            }
            switch (kind) {
                case 0 -> {
                    e = new VrrpEvent.Start(now);
                    started = true;
                }
                case 1 -> {
                    linkDown = pick.applyAsInt(2) == 0;
                    e = new VrrpEvent.LinkChanged("eth0", !linkDown, now);
                }
                case 2 -> {
                    trackerFault = pick.applyAsInt(4) == 0;
                    e = new VrrpEvent.TrackerChanged("VI_1", "t", pick.applyAsInt(400) - 200, trackerFault, now);
                }
                case 3, 4, 5, 6 -> {
                    int version = pick.applyAsInt(5) == 0 ? 5 - params.version() : params.version();
                    int interval = version == 2 ? 1 + pick.applyAsInt(2) : 50 + pick.applyAsInt(100);
                    var advert = VrrpAdvert.of(version, pick.applyAsInt(8) == 0 ? 52 : 51, pick.applyAsInt(256),
                            AuthType.NONE, interval, pick.applyAsInt(8) == 0 ? ips("192.0.2.101") : VIPS,
                            version == 2 ? new byte[8] : new byte[0]);
                    e = new VrrpEvent.AdvertReceived("eth0",
                            Packets.ipv4(advert, "192.0.2." + (1 + pick.applyAsInt(9)), pick.applyAsInt(10) == 0 ? 64 : 255), now);
                }
                default -> {
                    now = deadline == Long.MAX_VALUE ? now + 1_000_000 : Math.max(now, deadline);
                    e = new VrrpEvent.TimerDue(now);
                }
            }
            List<VrrpAction> out = engine.handle(e);
            assertInstanceOf(VrrpAction.ScheduleAt.class, out.getLast(), "every answer ends with ScheduleAt");
            assertEquals(1, out.stream().filter(a -> a instanceof VrrpAction.ScheduleAt).count());
            deadline = ((VrrpAction.ScheduleAt) out.getLast()).deadline();
            // after TimerDue nothing is due any more; other events leave a timer that is due now alone
            assertTrue(e instanceof VrrpEvent.TimerDue ? deadline > now : deadline >= now,
                    "deadline " + deadline + " before now " + now + " after " + e);
            for (VrrpAction a : out) {
                if (a instanceof VrrpAction.AddVips) {
                    holds = true;
                } else if (a instanceof VrrpAction.RemoveVips) {
                    holds = false;
                }
            }
            VrrpState state = engine.state("VI_1");
            assertEquals(state == VrrpState.MASTER, holds, "VIPs held exactly while MASTER, state " + state + " after " + e);
            if (started) {
                assertEquals(linkDown || trackerFault, state == VrrpState.FAULT, "FAULT exactly with a fault cause, after " + e);
            }
            int prio = engine.effectivePriority("VI_1");
            assertTrue(prio >= 1 && prio <= 255);
            now += pick.applyAsInt(3) * 100_000L;
            if (deadline != Long.MAX_VALUE && now > deadline) {
                now = deadline;         // timers are never skipped
            }
        }
    }
}
