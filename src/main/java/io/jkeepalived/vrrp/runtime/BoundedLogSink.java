package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.port.LogSink;
import io.jkeepalived.common.MonotonicClock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a flood of bad packets from flooding the log: the same line is written at most {@code perWindow}
 * times per window, then counted, and the count is reported once the window is over. State changes
 * ("Entering MASTER STATE", VIPs set/removed, priority 0 sent) always pass. Called from the loop and the reader thread.
 */
final class BoundedLogSink implements LogSink {
    private final Consumer<String> out;
    private final MonotonicClock clock;
    private final int perWindow;
    private final long windowMicros;
    private final Map<String, int[]> seen = new HashMap<>();
    private long windowStart;

    BoundedLogSink(Consumer<String> out, MonotonicClock clock, int perWindow, long windowMicros) {
        this.out = out;
        this.clock = clock;
        this.perWindow = perWindow;
        this.windowMicros = windowMicros;
        this.windowStart = clock.nowMicros();
    }

    @Override
    public synchronized void log(String line) {
        if (alwaysWritten(line)) {
            out.accept(line);
            return;
        }
        long now = clock.nowMicros();
        if (now - windowStart >= windowMicros) {
            flush();
            windowStart = now;
        }
        if (seen.size() > 10_000) {
            flush();
        }
        int[] count = seen.computeIfAbsent(line, k -> new int[1]);
        if (++count[0] <= perWindow) {
            out.accept(line);
        }
    }

    private void flush() {
        seen.forEach((line, count) -> {
            if (count[0] > perWindow) {
                out.accept("(" + (count[0] - perWindow) + " more like this suppressed) " + line);
            }
        });
        seen.clear();
    }

    private static boolean alwaysWritten(String line) {
        return line.contains(" Entering ") || line.contains("VIPs.") || line.contains("sent 0 priority")
                || line.contains("Sending/queueing");
    }
}
