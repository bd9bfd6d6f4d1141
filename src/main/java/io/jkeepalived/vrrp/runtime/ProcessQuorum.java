package io.jkeepalived.vrrp.runtime;

import java.util.Optional;

/**
 * One vrrp_track_process's verdict: up while the number of matching processes is within [quorum, quorum_max].
 * Gaining the quorum waits {@code fork_delay}, losing it {@code terminate_delay}; a change back within the delay
 * cancels it (a restarted daemon inside terminate_delay never shows as down). Time is passed in, in microseconds.
 */
final class ProcessQuorum {
    static final long NEVER = Long.MAX_VALUE;

    private final int quorum;
    private final int quorumMax;
    private final long gainDelay;
    private final long lossDelay;
    private int count;
    private boolean up;
    private long dueAt = NEVER;

    ProcessQuorum(int quorum, int quorumMax, long gainDelayMicros, long lossDelayMicros) {
        this.quorum = quorum;
        this.quorumMax = quorumMax;
        this.gainDelay = gainDelayMicros;
        this.lossDelay = lossDelayMicros;
    }

    /** The count found by the scan at start (no delay applies); returns whether the tracker is up. */
    boolean start(int initialCount) {
        count = initialCount;
        up = within();
        return up;
    }

    /** A matching process appeared (+1) or went (-1); returns the new verdict when it changes now. */
    Optional<Boolean> changed(int delta, long now) {
        count = Math.max(0, count + delta);
        boolean want = within();
        if (want == up) {
            dueAt = NEVER;
            return Optional.empty();
        }
        long delay = want ? gainDelay : lossDelay;
        if (delay == 0) {
            up = want;
            dueAt = NEVER;
            return Optional.of(up);
        }
        if (dueAt == NEVER) {
            dueAt = now + delay;
        }
        return Optional.empty();
    }

    /** At or after {@link #dueAt()}: the delayed verdict, if it still differs. */
    Optional<Boolean> due(long now) {
        if (now < dueAt) {
            return Optional.empty();
        }
        dueAt = NEVER;
        if (within() == up) {
            return Optional.empty();
        }
        up = within();
        return Optional.of(up);
    }

    long dueAt() {
        return dueAt;
    }

    int count() {
        return count;
    }

    boolean up() {
        return up;
    }

    private boolean within() {
        return count >= quorum && count <= quorumMax;
    }
}
