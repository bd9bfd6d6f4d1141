package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What needs no privilege: a thread may pin itself and lower its own priority. Read back from
 * /proc/thread-self, so only the calling thread is changed (the rest of the JVM is not).
 */
class LoopThreadSettingsTest {

    @Test
    void niceAndAffinityLandOnTheCallingThreadOnly() throws Exception {
        int before = niceOf(Path.of("/proc/self/stat"));
        var answer = new CompletableFuture<List<String>>();
        var refused = new ArrayList<String>();
        Thread.ofPlatform().name("settings-test").start(() -> {
            try {
                // nice 19: allowed to anyone (it only lowers this thread's priority)
                String set = new LoopThreadSettings("vrrp", 0, 19, List.of(0), false, 0).applyHere(refused::add, m -> { });
                answer.complete(List.of(set, Integer.toString(niceOf(Path.of("/proc/thread-self/stat"))),
                        status(Path.of("/proc/thread-self/status"), "Cpus_allowed_list")));
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        var seen = answer.get();
        assertEquals(" nice 19 CPUs 0", seen.get(0));
        assertEquals("19", seen.get(1), "the thread's nice");
        assertEquals("0", seen.get(2), "the thread's CPUs");
        assertEquals(List.of(), refused);
        assertEquals(before, niceOf(Path.of("/proc/self/stat")), "the main thread is untouched");
    }

    @Test
    void niceIsLeftAloneUnderARealtimePriorityAsKeepalived() throws Exception {
        var answer = new CompletableFuture<List<String>>();
        var refused = new ArrayList<String>();
        Thread.ofPlatform().start(() -> {
            try {
                int niceBefore = niceOf(Path.of("/proc/thread-self/stat"));
                String set = new LoopThreadSettings("checker", 5, 19, List.of(), false, 0).applyHere(refused::add, m -> { });
                answer.complete(List.of(set, Integer.toString(niceBefore), Integer.toString(niceOf(Path.of("/proc/thread-self/stat")))));
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        var seen = answer.get();
        assertEquals(seen.get(1), seen.get(2), "nice unchanged: SCHED_RR was asked for");
        assertTrue(seen.get(0).contains("SCHED_RR priority 5") || refused.stream().anyMatch(r -> r.startsWith("checker: cannot raise priority")),
                seen + " " + refused);
    }

    @Test
    void oneRealtimeLimitForTheProcessTheLargerOfTheRealtimeSubsystems() {
        assertEquals(0, LoopThreadSettings.processRealtimeLimit(0, 10_000, 0, 10_000), "none realtime: no limit");
        assertEquals(50_000, LoopThreadSettings.processRealtimeLimit(0, 900_000, 1, 50_000), "VRRP not realtime: its own does not count");
        assertEquals(900_000, LoopThreadSettings.processRealtimeLimit(10, 900_000, 1, 50_000));
    }

    private static int niceOf(Path stat) throws Exception {
        String s = Files.readString(stat);
        return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).trim().split(" ")[19 - 3]);
    }

    private static String status(Path status, String field) throws Exception {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + field);
    }
}
