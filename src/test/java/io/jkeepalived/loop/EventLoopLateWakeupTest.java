package io.jkeepalived.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** max_auto_priority's measure on the checker's loop: how late the loop woke for its earliest timer. */
@Timeout(30)
class EventLoopLateWakeupTest {
    @Test
    void aLoopHeldBusyPastItsTimerReportsHowLateItWokeOnce() throws Exception {
        var late = new CopyOnWriteArrayList<Long>();
        var fired = new CountDownLatch(1);
        try (var loop = new EventLoop()) {
            loop.onLateWakeup(late::add);
            var thread = Thread.ofPlatform().start(loop::run);
            loop.execute(() -> {
                loop.scheduleAfter(TimeUnit.MILLISECONDS.toNanos(20), fired::countDown);
                try {
                    Thread.sleep(400);          // a task that keeps the loop from its 20 ms timer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(fired.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            loop.stop();
            thread.join(5_000);
        }
        assertEquals(1, late.size(), "one late wake-up: " + late);
        assertTrue(late.getFirst() >= TimeUnit.MILLISECONDS.toNanos(300), "about 380 ms late: " + late.getFirst() + " ns");
    }

    @Test
    void timersOnTimeAreNotReported() throws Exception {
        var late = new CopyOnWriteArrayList<Long>();
        var fired = new CountDownLatch(5);
        try (var loop = new EventLoop()) {
            loop.onLateWakeup(n -> {
                if (n > TimeUnit.MILLISECONDS.toNanos(200)) {
                    late.add(n);
                }
            });
            var thread = Thread.ofPlatform().start(loop::run);
            for (int i = 1; i <= 5; i++) {
                loop.execute(() -> loop.scheduleAfter(TimeUnit.MILLISECONDS.toNanos(30), fired::countDown));
            }
            assertTrue(fired.await(10, TimeUnit.SECONDS));
            loop.stop();
            thread.join(5_000);
        }
        assertEquals(0, late.size(), "no wake-up 200 ms late: " + late);
    }
}
