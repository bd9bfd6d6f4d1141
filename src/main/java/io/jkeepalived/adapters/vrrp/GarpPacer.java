package io.jkeepalived.adapters.vrrp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * keepalived's per-interface GARP/NA rate limits (vrrp_garp_interval, vrrp_gna_interval, garp_group): after a
 * gratuitous ARP on an interface the next one waits the interval, and so for unsolicited NAs. A send that
 * comes too soon is queued once per address (keepalived's garp_gna_pending flag: repeats of a queued address
 * fold into one) and goes out when the interface's interval has passed, in the order the addresses were
 * first announced (keepalived walks its VIP lists, not a queue). Pure: time is passed in.
 */
final class GarpPacer {
    enum Kind { ARP, NA }

    /** One gratuitous ARP or unsolicited NA for {@code address} on {@code dev}. */
    record Send(Kind kind, String dev, InetAddress address) {
    }

    /** Intervals in microseconds; 0 = no limit. */
    record Intervals(long garpMicros, long gnaMicros) {
        static final Intervals NONE = new Intervals(0, 0);

        long of(Kind kind) {
            return kind == Kind.ARP ? garpMicros : gnaMicros;
        }
    }

    private final Map<String, Intervals> byInterface;
    private final Intervals others;
    private final Map<String, Long> nextTime = new HashMap<>();  // key: kind + dev
    private final Set<Send> pending = new HashSet<>();
    private final Map<InetAddress, Integer> rank = new HashMap<>();  // first-announced order

    /** {@code byInterface}: garp_group intervals; {@code others}: global_defs' for every other interface. */
    GarpPacer(Map<String, Intervals> byInterface, Intervals others) {
        this.byInterface = Map.copyOf(byInterface);
        this.others = others;
    }

    static GarpPacer unlimited() {
        return new GarpPacer(Map.of(), Intervals.NONE);
    }

    boolean limits() {
        return others.garpMicros() > 0 || others.gnaMicros() > 0
                || byInterface.values().stream().anyMatch(i -> i.garpMicros() > 0 || i.gnaMicros() > 0);
    }

    long interval(Kind kind, String dev) {
        return byInterface.getOrDefault(dev, others).of(kind);
    }

    /** Whether {@code s} may go out now (and it is counted as sent); if not it is queued. */
    boolean offer(Send s, long nowMicros) {
        rank.putIfAbsent(s.address(), rank.size());
        long interval = interval(s.kind(), s.dev());
        if (interval <= 0) {
            return true;
        }
        Long next = nextTime.get(key(s));
        if (next != null && nowMicros < next) {
            pending.add(s);
            return false;
        }
        nextTime.put(key(s), nowMicros + interval);
        return true;
    }

    /**
     * Stamps the interval from the moment {@code s} really left (keepalived's timer_add_now after send_arp): a send
     * delayed after {@link #offer} or {@link #due} said yes must not shorten the gap to the next one.
     */
    void sent(Send s, long nowMicros) {
        long interval = interval(s.kind(), s.dev());
        if (interval > 0) {
            nextTime.merge(key(s), nowMicros + interval, Math::max);
        }
    }

    /** The queued sends whose interface's interval has passed, in address order, each counted as sent. */
    List<Send> due(long nowMicros) {
        var out = new ArrayList<Send>();
        var inOrder = pending.stream().sorted(Comparator.comparing((Send s) -> rank.get(s.address()))
                .thenComparing(Send::kind)).toList();
        for (Send s : inOrder) {
            Long next = nextTime.get(key(s));
            if (next == null || nowMicros >= next) {
                pending.remove(s);
                nextTime.put(key(s), nowMicros + interval(s.kind(), s.dev()));
                out.add(s);
            }
        }
        return out;
    }

    /** When the first queued send may go, if any is queued. */
    OptionalLong nextDue() {
        return pending.stream().mapToLong(s -> nextTime.getOrDefault(key(s), Long.MIN_VALUE)).min();
    }

    /** Forgets queued sends for addresses that were removed (keepalived drops them when leaving MASTER). */
    void drop(Collection<InetAddress> addresses) {
        pending.removeIf(s -> addresses.contains(s.address()));
    }

    private static String key(Send s) {
        return s.kind() + " " + s.dev();
    }
}
