package io.jkeepalived.architecture.violations.linux;

import io.jkeepalived.architecture.violations.vrrp.engine.ClockReadingEngine;

/** A deliberate violation: linux importing an engine (and so a cycle with it). */
public final class KernelCall {
    private KernelCall() {
    }

    public static long call(ClockReadingEngine engine) {
        return engine.hashCode();
    }
}
