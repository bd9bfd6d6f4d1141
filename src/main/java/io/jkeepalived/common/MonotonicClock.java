package io.jkeepalived.common;

/** Microseconds on a monotonic clock: the only time source of the VRRP loop. */
@FunctionalInterface
public interface MonotonicClock {
    long nowMicros();

    /** System.nanoTime based. */
    static MonotonicClock system() {
        return () -> System.nanoTime() / 1_000;
    }
}
