package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.Sh;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's JSON and STATS_CLEAR signals, sent to this very JVM, must not end it once ignored. */
class IgnoredSignalsTest {
    @Test
    void realTimeSignalsNoLongerKillTheProcess() throws Exception {
        assertTrue(IgnoredSignals.ignore(IgnoredSignals.JSON));
        assertTrue(IgnoredSignals.ignore(IgnoredSignals.STATS_CLEAR));
        long self = ProcessHandle.current().pid();
        // Without the ignore, the default action of these signals terminates this test JVM (the run fails).
        assertEquals(0, Sh.run(List.of("kill", "-36", Long.toString(self)), 10).exit());
        assertEquals(0, Sh.run(List.of("kill", "-63", Long.toString(self)), 10).exit());
        Thread.sleep(200);
        assertTrue(ProcessHandle.current().isAlive());
        assertTrue(!IgnoredSignals.ignore(65), "signal 65 does not exist: the kernel refuses");
    }
}
