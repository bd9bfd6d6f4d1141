package io.jkeepalived.architecture.violations.vrrp.engine;

import io.jkeepalived.architecture.violations.daemon.Upper;
import io.jkeepalived.architecture.violations.linux.KernelCall;
import java.lang.foreign.MemorySegment;

/** A deliberate violation of every rule: reads the clock, starts a thread, calls the kernel, uses FFM, imports upward. */
public final class ClockReadingEngine {
    public long now() {
        return System.nanoTime();
    }

    public void spawn() {
        Thread.ofPlatform().start(() -> { });
    }

    public long kernel() {
        return KernelCall.call(this) + MemorySegment.NULL.address() + Upper.VALUE;
    }
}
