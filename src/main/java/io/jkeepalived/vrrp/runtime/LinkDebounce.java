package io.jkeepalived.vrrp.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * keepalived's interface_up_down_delays (update_interface_flags): a link going down (or up) on an interface with a
 * delay is reported only once it has stayed so for the delay; going back before then cancels it ("Delay timer for X
 * cancelled", silently when the link's flags are back to what they were) and nobody hears of either. Only links seen up
 * once are delayed (a link coming up for the first time is reported at once). Pure: the watcher passes the time in and asks what fell due. Owned by the watcher's thread.
 */
final class LinkDebounce {
    /** Delays in microseconds, down and up, per interface. */
    record Delays(long downMicros, long upMicros) {
    }

    /** A change due to be reported. */
    record Change(String name, boolean up) {
    }

    private record Pending(boolean up, long dueMicros, int fromFlags) {
    }

    static final long NEVER = Long.MAX_VALUE;
    private final Map<String, Delays> delays;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Set<String> seenUp = new HashSet<>();
    private final Map<String, Integer> flags = new HashMap<>();
    private final Consumer<String> log;

    LinkDebounce(Map<String, Delays> delays, Consumer<String> log) {
        this.delays = Map.copyOf(delays);
        this.log = log;
    }

    /** The link's state at start (a link up then counts as seen up). */
    void initial(String name, boolean up, int linkFlags) {
        flags.put(name, linkFlags);
        if (up) {
            seenUp.add(name);
        }
    }

    /**
     * Netlink reports {@code name} {@code nowUp} while the instances know it as {@code known}: true when the change is
     * to be reported now, false when there is nothing to report yet (no change, or one now delayed).
     */
    boolean report(String name, boolean known, boolean nowUp, int linkFlags, long now) {
        Integer before = flags.put(name, linkFlags);
        Pending p = pending.get(name);
        if (p != null) {
            if (p.up() == nowUp) {
                return false;
            }
            pending.remove(name);
            if (linkFlags != p.fromFlags()) {
                log.accept("Delay timer for " + name + " cancelled");
            }
        }
        if (known == nowUp) {
            return false;
        }
        Delays d = delays.get(name);
        long delay = d == null ? 0 : nowUp ? d.upMicros() : d.downMicros();
        if (seenUp.contains(name) && delay > 0) {
            int from = before == null ? 0 : before;
            pending.put(name, new Pending(nowUp, now + delay, from));
            log.accept(name + ": Adding flags change from 0x" + Integer.toHexString(from) + " to 0x"
                    + Integer.toHexString(linkFlags) + " delay by " + delay);
            return false;
        }
        if (nowUp) {
            seenUp.add(name);
        }
        return true;
    }

    /** The delayed changes due at {@code now}, taken. */
    List<Change> due(long now) {
        var out = new ArrayList<Change>();
        pending.entrySet().removeIf(e -> {
            if (e.getValue().dueMicros() > now) {
                return false;
            }
            out.add(new Change(e.getKey(), e.getValue().up()));
            if (e.getValue().up()) {
                seenUp.add(e.getKey());
            }
            return true;
        });
        return out;
    }

    long nextDue() {
        return pending.values().stream().mapToLong(Pending::dueMicros).min().orElse(NEVER);
    }
}
