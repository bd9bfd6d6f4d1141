package io.jkeepalived.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 item 5, stuck-but-alive: a loop busy on one step for longer than its bound is reported once, with
 * the stuck thread's stack, as the component's death; a loop blocked waiting for input never is.
 */
@Timeout(20)
class ThreadWatchStallTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<ThreadWatch.Death> deaths = new CopyOnWriteArrayList<>();
    private final ThreadWatch watch = new ThreadWatch(deaths::add, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aLoopWaitingForInputIsAliveHoweverLongItWaits() {
        var beat = watch.heartbeat("loop", Duration.ofSeconds(1));
        beat.working();
        beat.waiting();
        advance(Duration.ofHours(1));
        assertTrue(watch.alive());
        assertEquals(List.of(), watch.unhealthy());
    }

    @Test
    void theBoundIsThreePeriodsButNeverUnderFiveSeconds() {
        var slowWatch = new ThreadWatch(d -> { }, now::get);
        var fast = watch.heartbeat("fast", Duration.ofMillis(10));
        var slow = slowWatch.heartbeat("slow", Duration.ofSeconds(3));
        fast.working();
        slow.working();
        advance(Duration.ofMillis(4_900));
        assertTrue(watch.alive());
        advance(Duration.ofMillis(200));
        assertFalse(watch.alive(), "fast: 5.1 s busy, bound 5 s");
        assertTrue(slowWatch.alive(), "slow: 5.1 s busy, bound 9 s");
        advance(Duration.ofSeconds(4));
        assertFalse(slowWatch.alive(), "slow: 9.1 s busy");
    }

    @Test
    void aStepBusyTooLongIsADeathWithTheStuckThreadsStack() throws Exception {
        var beat = watch.heartbeat("VRRP-loop", Duration.ofSeconds(1));
        var release = new CountDownLatch(1);
        var entered = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().name("stuck-one").start(() -> beat.step(() -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        entered.await();
        advance(Duration.ofSeconds(4));
        assertTrue(watch.alive(), "4 s busy is within the 5 s bound");
        advance(Duration.ofSeconds(2));
        assertEquals(List.of("VRRP-loop is stuck: "), watch.unhealthy().stream().map(l -> l.substring(0, 20)).toList());
        assertFalse(watch.alive());
        assertEquals(1, deaths.size(), "reported once");
        var d = deaths.getFirst();
        assertEquals("VRRP-loop", d.thread());
        assertInstanceOf(ThreadWatch.Stalled.class, d.cause());
        assertTrue(d.describe().contains("no progress for 6.0 s"), d.describe());
        assertTrue(d.describe().contains("CountDownLatch.await"), "where it is stuck: " + d.describe());
        release.countDown();
        t.join();
        assertFalse(watch.alive(), "a stall stays a death: the component is replaced, not trusted again");
    }

    @Test
    void stepsCountProgress() {
        var beat = watch.heartbeat("loop", Duration.ofSeconds(1));
        beat.step(() -> { });
        beat.step(() -> { });
        assertEquals(2, beat.steps());
    }
}
