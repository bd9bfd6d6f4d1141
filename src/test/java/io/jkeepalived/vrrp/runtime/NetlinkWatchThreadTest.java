package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A watched netlink thread (static routing, deleted virtual routes, tracked processes) that dies is reported, so
 * the VRRP run is restarted instead of silently no longer restoring routes; one that keeps stepping is not.
 */
class NetlinkWatchThreadTest {
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Log log = (level, message) -> errors.add(message);

    @Test
    void aStepThatThrowsAnErrorIsADeathThatNamesTheThread() throws Exception {
        try (var thread = new NetlinkWatchThread(ScriptedPoller.tickingEvery(5), 3, () -> { }, "Static routing monitor error: ", log)) {
            thread.startWatched("VRRP-static-routing", () -> -1, () -> {
                throw new StackOverflowError("a bug in the step");
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (thread.death().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(thread.death().isPresent(), "the dead thread was not reported");
            assertTrue(thread.death().get().describe().startsWith("VRRP-static-routing died: java.lang.StackOverflowError"),
                    thread.death().get().describe());
            assertTrue(errors.stream().anyMatch(e -> e.contains("VRRP-static-routing") && e.contains("will be restarted")),
                    errors.toString());
        }
    }

    @Test
    void aThreadThatKeepsSteppingIsAlive() throws Exception {
        var steps = new AtomicInteger();
        try (var thread = new NetlinkWatchThread(ScriptedPoller.tickingEvery(5), 3, () -> { }, "Virtual routing monitor error: ", log)) {
            thread.startWatched("VRRP-virtual-deleted", () -> -1, steps::incrementAndGet);
            while (steps.get() < 20) {
                Thread.sleep(10);
            }
            assertTrue(thread.death().isEmpty(), () -> thread.death().get().describe());
        }
    }
}
