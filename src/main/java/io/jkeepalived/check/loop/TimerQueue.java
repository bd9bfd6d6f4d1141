package io.jkeepalived.check.loop;

import java.util.PriorityQueue;

/**
 * Deadlines of one event loop, earliest first. Cancelled entries stay until they reach the head (lazy
 * removal keeps cancel O(1), and a check's timeout is cancelled far more often than it fires).
 */
final class TimerQueue {
    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
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

    Entry add(long deadline, Runnable action) {
        var e = new Entry(deadline, sequence++, action);
        heap.add(e);
        return e;
    }

    /** The next live deadline, or Long.MAX_VALUE when none. */
    long nextDeadline() {
        while (!heap.isEmpty() && heap.peek().cancelled) {
            heap.poll();
        }
        return heap.isEmpty() ? Long.MAX_VALUE : heap.peek().deadline;
    }

    /** Runs every live action due at {@code now}; actions may add new timers. */
    int runDue(long now) {
        int ran = 0;
        while (!heap.isEmpty() && heap.peek().deadline <= now) {
            var e = heap.poll();
            if (!e.cancelled) {
                e.cancelled = true;
                e.action.run();
                ran++;
            }
        }
        return ran;
    }

    int size() {
        return heap.size();
    }
}
