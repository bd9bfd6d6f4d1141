package io.jkeepalived.testsupport;

/** CLOCK_MONOTONIC read by another program (python3's time.monotonic_ns), to check what the daemon calls monotonic. */
public final class KernelClock {
    private KernelClock() {
    }

    public static long monotonicMicros() {
        var r = Sh.run(java.util.List.of("python3", "-c", "import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000)"), 30);
        if (r.exit() != 0) {
            throw new IllegalStateException("python3 could not read CLOCK_MONOTONIC: " + r.out());
        }
        return Long.parseLong(r.out().trim());
    }
}
