package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** quorum / quorum_max and fork_delay / terminate_delay, on a simulated clock (microseconds). */
class ProcessQuorumTest {
    @Test
    void upWithinTheQuorumRange() {
        var q = new ProcessQuorum(2, 3, 0, 0);
        assertFalse(q.start(1));
        assertEquals(Optional.of(true), q.changed(+1, 0));
        assertEquals(Optional.empty(), q.changed(+1, 0), "3 is still within [2, 3]");
        assertEquals(Optional.of(false), q.changed(+1, 0), "4 is above quorum_max");
        assertEquals(Optional.of(true), q.changed(-1, 0));
    }

    @Test
    void terminateDelayHidesARestartAndReportsALongerAbsence() {
        var q = new ProcessQuorum(1, Integer.MAX_VALUE, 0, 2_000_000);
        assertTrue(q.start(1));
        assertEquals(Optional.empty(), q.changed(-1, 1_000_000));
        assertEquals(3_000_000, q.dueAt());
        assertEquals(Optional.empty(), q.changed(+1, 2_000_000), "back within terminate_delay: never down");
        assertEquals(ProcessQuorum.NEVER, q.dueAt());
        assertEquals(Optional.empty(), q.changed(-1, 5_000_000));
        assertEquals(Optional.empty(), q.due(6_999_999));
        assertEquals(Optional.of(false), q.due(7_000_000));
    }

    @Test
    void forkDelayWaitsBeforeUp() {
        var q = new ProcessQuorum(1, Integer.MAX_VALUE, 500_000, 0);
        assertFalse(q.start(0));
        assertEquals(Optional.empty(), q.changed(+1, 0));
        assertEquals(Optional.of(true), q.due(500_000));
        assertEquals(Optional.of(false), q.changed(-1, 600_000), "no terminate_delay: down at once");
    }
}
