package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * max_auto_priority on the whole daemon (ProcessSettingsRootTest's VRRP instance and virtual server): the JVM stopped
 * (SIGSTOP) for 2.5 s, each loop wakes late for its timers (VRRP's advert, the checker's delay_loop) and, as keepalived
 * raises each of its processes, goes to SCHED_RR 1: VRRP's loop with its timer and reader, and the checker's loop.
 */
@Tag("root")
@Timeout(120)
class AutoPriorityBothLoopsRootTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_RR = 2;

    @TempDir
    Path dir;

    @Test
    void maxAutoPriorityRaisesBothLoopsWhenTheyWakeLate() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces and SCHED_RR");
        String globals = """
                    max_auto_priority 5
                    min_auto_priority_delay 500000
                """;
        try (var ns = NetNs.create("jkap", "r"); var daemon = new ProcessSettingsRootTest.Running(ns, dir, globals)) {
            daemon.awaitLog("Entering MASTER STATE");
            Thread.sleep(1_500);            // the checker's first checks are on its loop's timers
            assertEquals(SCHED_OTHER, daemon.thread("checker").policy(), "checker loop before");
            Sh.ok("kill", "-STOP", Long.toString(daemon.pid()));
            try {
                Thread.sleep(2_500);
            } finally {
                Sh.ok("kill", "-CONT", Long.toString(daemon.pid()));
            }
            Await.until(Duration.ofSeconds(30), "both loops raised:\n" + daemon.log(),
                    () -> daemon.log().split("Set realtime priority 1", -1).length - 1 == 2);
            assertTrue(daemon.log().contains("A thread timer expired "), daemon.log());
            for (String name : List.of("VRRP-loop", "VRRP-timer", "VRRP-reader", "checker")) {
                var t = daemon.thread(name);
                assertEquals(List.of(SCHED_RR, 1), List.of(t.policy(), t.rtPriority()), name + ": raised one step");
            }
        }
    }
}
