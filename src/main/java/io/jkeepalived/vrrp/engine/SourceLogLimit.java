package io.jkeepalived.vrrp.engine;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a rejected advert from one source is logged: the first one, then at most one per interval,
 * so a host that floods us cannot flood the log. Remembers a bounded number of sources (the least recently
 * logged is forgotten first). Time is passed in (microseconds); engine-owned, not thread-safe.
 */
final class SourceLogLimit {
    static final long DEFAULT_INTERVAL_MICROS = 60_000_000L;

    private final long intervalMicros;
    private final Map<InetAddress, Seen> sources;

    private static final class Seen {
        long loggedAt;
        long suppressed;
    }

    SourceLogLimit(long intervalMicros, int maxSources) {
        this.intervalMicros = intervalMicros;
        this.sources = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Seen> eldest) {
                return size() > maxSources;
            }
        };
    }

    /**
     * @return -1 when this one is not to be logged, else how many from the source were not logged since its
     *         last logged line
     */
    long admit(InetAddress source, long now) {
        Seen seen = sources.get(source);
        if (seen == null) {
            seen = new Seen();
            seen.loggedAt = now;
            sources.put(source, seen);
            return 0;
        }
        if (now - seen.loggedAt < intervalMicros) {
            seen.suppressed++;
            return -1;
        }
        long suppressed = seen.suppressed;
        seen.loggedAt = now;
        seen.suppressed = 0;
        return suppressed;
    }
}
