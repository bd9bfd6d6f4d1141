package io.jkeepalived.vrrp.codec;

/**
 * keepalived's AH anti-replay state for one instance: the highest sequence number seen (or sent) and
 * whether the counter has cycled. Owned by the instance's event loop.
 */
public final class AhReplayGuard {
    private long sequence;
    private boolean cycled;

    public long sequence() {
        return sequence;
    }

    public void sequence(long value) {
        sequence = value & 0xffffffffL;
    }

    public boolean cycled() {
        return cycled;
    }

    public void cycled(boolean value) {
        cycled = value;
    }
}
