package io.jkeepalived.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** keepalived's automatic realtime raise of a late loop (scheduler.c, increment_process_priority). */
class AutoRealtimePriorityTest {
    private static final long SECOND = 1_000_000;

    @Test
    void aTimerLateByNoMoreThanTheMinimumDelayIsNothing() {
        var auto = new AutoRealtimePriority(10, SECOND, 0);
        assertEquals(Optional.empty(), auto.timerLate(1));
        assertEquals(Optional.empty(), auto.timerLate(SECOND), "keepalived: more than the delay");
        assertEquals(0, auto.current());
    }

    @Test
    void lateRaisesToTheLowestRealtimePriorityThenOneStepAtATimeUpToTheMaximum() {
        var auto = new AutoRealtimePriority(3, 200_000, 0);
        var first = auto.timerLate(2_345_678).orElseThrow();
        assertEquals("A thread timer expired 2.345678 seconds ago", first.expiredLine());
        assertEquals(OptionalInt.of(1), first.raiseTo());
        assertEquals("Set realtime priority 1", first.raisedLine());
        assertEquals(OptionalInt.of(2), auto.timerLate(200_001).orElseThrow().raiseTo());
        assertEquals(OptionalInt.of(3), auto.timerLate(SECOND).orElseThrow().raiseTo());
        var capped = auto.timerLate(3 * SECOND + 5).orElseThrow();
        assertEquals("A thread timer expired 3.000005 seconds ago", capped.expiredLine());
        assertEquals(OptionalInt.empty(), capped.raiseTo(), "max_auto_priority reached");
        assertEquals(3, auto.current());
    }

    @Test
    void aConfiguredRealtimePriorityIsWhereTheRaiseStarts() {
        var auto = new AutoRealtimePriority(99, SECOND, 40);
        assertEquals(OptionalInt.of(41), auto.timerLate(2 * SECOND).orElseThrow().raiseTo());
        var above = new AutoRealtimePriority(5, SECOND, 40);
        assertEquals(OptionalInt.empty(), above.timerLate(2 * SECOND).orElseThrow().raiseTo(), "already above the maximum");
    }

    @Test
    void withoutMaxAutoPriorityTheLateTimerIsOnlyLogged() {
        for (int max : new int[] {0, -1}) {
            var late = new AutoRealtimePriority(max, SECOND, 0).timerLate(1_500_000).orElseThrow();
            assertEquals("A thread timer expired 1.500000 seconds ago", late.expiredLine());
            assertTrue(late.raiseTo().isEmpty(), "max_auto_priority " + max);
        }
    }
}
