package io.jkeepalived.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TimerQueueTest {
    @Test
    void heapAndLanesFireInDeadlineOrderAndSkipCancelled() {
        var q = new TimerQueue();
        var fired = new ArrayList<String>();
        q.add(30, () -> fired.add("heap30"));
        q.addInLane(10, 15, () -> fired.add("lane15"));
        var cancelled = q.addInLane(10, 18, () -> fired.add("cancelled"));
        q.addInLane(10, 25, () -> fired.add("lane25"));
        q.add(5, () -> fired.add("heap5"));
        cancelled.cancel();
        assertEquals(5, q.nextDeadline());
        assertEquals(1, q.runDue(5));
        assertEquals(15, q.nextDeadline());
        q.runDue(20);
        assertEquals(25, q.nextDeadline(), "the cancelled entry is dropped");
        q.runDue(26);
        q.runDue(100);
        assertEquals(List.of("heap5", "lane15", "lane25", "heap30"), fired);
        assertEquals(Long.MAX_VALUE, q.nextDeadline());
    }

    @Test
    void anEntryBehindALaterOneKeepsItsOwnDeadline() {
        var q = new TimerQueue();
        var fired = new ArrayList<Long>();
        q.addInLane(1, 110, () -> fired.add(110L));
        q.addInLane(1, 105, () -> fired.add(105L)); // arrived after a later one
        assertEquals(110, q.nextDeadline());
        q.runDue(110);
        assertEquals(List.of(110L, 105L), fired, "runs with the head, late by the inversion only");
    }

    @Test
    void actionsMayScheduleMore() {
        var q = new TimerQueue();
        var fired = new ArrayList<Integer>();
        q.add(1, () -> {
            fired.add(1);
            q.add(2, () -> fired.add(2));
        });
        q.runDue(1);
        q.runDue(2);
        assertEquals(List.of(1, 2), fired);
    }
}
