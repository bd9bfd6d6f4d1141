package io.jkeepalived.loop;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * Deadlines of one event loop. Arbitrary deadlines go to a heap; deadlines of the form "now + a fixed
 * delay" (every check's timeout, every re-check after delay_loop) go to a FIFO lane per delay, where they
 * arrive already sorted, so adding and cancelling them is O(1) - with ten thousand servers the heap would
 * otherwise be the loop's main cost. Cancelled entries are dropped when they reach the head.
 */
final class TimerQueue {
    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    /** Few lanes (one per distinct delay and use): a linear scan beats a map lookup with boxing. */
    private Lane[] laneArray = new Lane[0];
    private long sequence;

    static final class Entry implements Comparable<Entry>, Reactor.Timer {
        final long deadline;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Entry(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Entries of one fixed delay, in (nearly) deadline order. */
    private static final class Lane {
        final long key;
        final ArrayDeque<Entry> entries = new ArrayDeque<>();

        Lane(long key) {
            this.key = key;
        }
    }

    Entry add(long deadline, Runnable action) {
        var e = new Entry(deadline, sequence++, action);
        heap.add(e);
        return e;
    }

    /**
     * Adds an entry due at {@code deadline}, which is a fixed delay after some recent time; {@code laneKey}
     * names the delay (and its use). Entries arrive nearly in deadline order; one that arrives behind a
     * later one runs when that one does - late by the inversion (a connect's duration), which does not
     * accumulate because each entry keeps its own deadline.
     */
    Entry addInLane(long laneKey, long deadline, Runnable action) {
        Lane lane = null;
        for (var l : laneArray) {
            if (l.key == laneKey) {
                lane = l;
                break;
            }
        }
        if (lane == null) {
            lane = new Lane(laneKey);
            laneArray = java.util.Arrays.copyOf(laneArray, laneArray.length + 1);
            laneArray[laneArray.length - 1] = lane;
        }
        var e = new Entry(deadline, sequence++, action);
        lane.entries.add(e);
        return e;
    }

    /** The next live deadline, or Long.MAX_VALUE when none. */
    long nextDeadline() {
        while (!heap.isEmpty() && heap.peek().cancelled) {
            heap.poll();
        }
        long next = heap.isEmpty() ? Long.MAX_VALUE : heap.peek().deadline;
        for (var lane : laneArray) {
            var q = lane.entries;
            while (!q.isEmpty() && q.peekFirst().cancelled) {
                q.pollFirst();
            }
            if (!q.isEmpty() && q.peekFirst().deadline < next) {
                next = q.peekFirst().deadline;
            }
        }
        return next;
    }

    /** Runs every live action due at {@code now}; actions may add new timers. */
    int runDue(long now) {
        int ran = 0;
        while (!heap.isEmpty() && heap.peek().deadline <= now) {
            ran += fire(heap.poll());
        }
        for (var lane : laneArray) {
            var q = lane.entries;
            while (!q.isEmpty() && q.peekFirst().deadline <= now) {
                ran += fire(q.pollFirst());
            }
        }
        return ran;
    }

    private static int fire(Entry e) {
        if (e.cancelled) {
            return 0;
        }
        e.cancelled = true;
        e.action.run();
        return 1;
    }

    int size() {
        int n = heap.size();
        for (var lane : laneArray) {
            n += lane.entries.size();
        }
        return n;
    }
}
