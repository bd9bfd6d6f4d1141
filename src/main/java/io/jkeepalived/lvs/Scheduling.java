package io.jkeepalived.lvs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A service's scheduler ({@code lvs_sched}) and its flags.
 *
 * @param name  rr, wrr, lc, wlc, lblc, lblcr, dh, sh, mh, sed, nq, fo, ovf, twos
 */
public record Scheduling(String name, Set<Flag> flags) {

    /** keepalived's scheduler flags as IPVS knows them; {@code sh-port}/{@code mh-port} are SCHED_2, the fallbacks SCHED_1. */
    public enum Flag {
        /** {@code ops}: one-packet scheduling (each UDP datagram scheduled on its own). */
        ONE_PACKET,
        SCHED_1,
        SCHED_2,
        SCHED_3
    }

    public Scheduling {
        name = name.toLowerCase(Locale.ROOT);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public static Scheduling of(String name) {
        return new Scheduling(name, Set.of());
    }

    /** From keepalived's words: ops, flag-1..3, sh-port, sh-fallback, mh-port, mh-fallback. */
    public static Scheduling fromWords(String name, Set<String> words) {
        var flags = EnumSet.noneOf(Flag.class);
        for (var w : words) {
            switch (w) {
                case "ops" -> flags.add(Flag.ONE_PACKET);
                case "flag-1", "sh-fallback", "mh-fallback" -> flags.add(Flag.SCHED_1);
                case "flag-2", "sh-port", "mh-port" -> flags.add(Flag.SCHED_2);
                case "flag-3" -> flags.add(Flag.SCHED_3);
                default -> throw new IllegalArgumentException("unknown scheduler flag " + w);
            }
        }
        return new Scheduling(name, flags);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** The hash of sh/mh covers the source port too (sh-port, mh-port). */
    public boolean hashesPort() {
        return (name.equals("sh") || name.equals("mh")) && has(Flag.SCHED_2);
    }

    /** ipvsadm's words, e.g. {@code wrr} or {@code sh (sh-port,sh-fallback)}. */
    public String display() {
        if (flags.isEmpty()) {
            return name;
        }
        var words = new java.util.ArrayList<String>();
        String prefix = name.equals("mh") ? "mh-" : name.equals("sh") ? "sh-" : "flag-";
        if (has(Flag.SCHED_1)) {
            words.add(prefix.equals("flag-") ? "flag-1" : prefix + "fallback");
        }
        if (has(Flag.SCHED_2)) {
            words.add(prefix.equals("flag-") ? "flag-2" : prefix + "port");
        }
        if (has(Flag.SCHED_3)) {
            words.add("flag-3");
        }
        if (has(Flag.ONE_PACKET)) {
            words.add("ops");
        }
        return name + " (" + String.join(",", words) + ")";
    }
}
