package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.config.model.LinkbeatMethod;
import io.jkeepalived.linux.LinkProbe;
import io.jkeepalived.linux.LinkProbe.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * keepalived's linkbeat (vrrp_if.c): the link of some interfaces is read by ioctl every second instead of heard
 * from netlink. The first read of an interface finds the method it answers (init_linkbeat_status: MII, else ethtool,
 * else the flags alone; a configured method that does not answer falls back the same way, said once); every read
 * then takes that method's answer and the interface flags (up needs IFF_UP and IFF_RUNNING). An interface that
 * does not exist is down and has its method found again once it does. Owned by the {@link LinkWatcher}'s thread;
 * the time is passed in.
 */
final class Linkbeat implements AutoCloseable {
    static final long INTERVAL_MICROS = 1_000_000;
    static final long NEVER = Long.MAX_VALUE;

    /** One interface's link as read. */
    record Polled(String name, boolean up) {
    }

    private final Map<String, LinkbeatMethod> configured;
    private final Map<String, LinkbeatMethod> found = new HashMap<>();
    private final LinkProbe probe;
    private final Consumer<String> log;
    private long nextDue;

    /** Polls {@code interfaces} (with their configured methods) through {@code probe}, the first round at {@code now}. */
    Linkbeat(Map<String, LinkbeatMethod> interfaces, LinkProbe probe, Consumer<String> log, long now) {
        this.configured = new LinkedHashMap<>(interfaces);
        this.probe = probe;
        this.log = log;
        this.nextDue = interfaces.isEmpty() ? NEVER : now + INTERVAL_MICROS;
    }

    /** None polled: netlink tells of every link. */
    static Linkbeat none() {
        return new Linkbeat(Map.of(), null, s -> { }, 0);
    }

    boolean polls(String name) {
        return configured.containsKey(name);
    }

    Set<String> names() {
        return configured.keySet();
    }

    /** The method found for {@code name}, once read (the data dump's "NIC support ..." line in keepalived). */
    java.util.Optional<LinkbeatMethod> method(String name) {
        return java.util.Optional.ofNullable(found.get(name));
    }

    long nextDue() {
        return nextDue;
    }

    /** Every polled interface read, when a round is due at {@code now}; the next round a second later. */
    List<Polled> due(long now) {
        if (now < nextDue) {
            return List.of();
        }
        nextDue = now + INTERVAL_MICROS;
        var out = new ArrayList<Polled>(configured.size());
        for (String name : configured.keySet()) {
            out.add(new Polled(name, read(name)));
        }
        return out;
    }

    /** One read of {@code name}'s link (if_linkbeat_refresh_thread). */
    boolean read(String name) {
        Reading flags = probe.flags(name);
        if (flags == Reading.ABSENT) {
            found.remove(name);
            return false;
        }
        LinkbeatMethod method = found.get(name);
        boolean up;
        if (method == null) {
            up = find(name);
        } else {
            // keepalived counts a probe that fails after working as up, and lets the flags decide
            up = switch (method) {
                case MII -> probe.mii(name) != Reading.DOWN;
                case ETHTOOL -> probe.ethtool(name) != Reading.DOWN;
                case IOCTL, AUTO -> true;
            };
        }
        // the flags of a failed SIOCGIFFLAGS other than ENODEV count as up, as in keepalived's if_ioctl_flags
        return up && flags != Reading.DOWN;
    }

    /** init_linkbeat_status: the first method that answers, and its answer. */
    private boolean find(String name) {
        LinkbeatMethod wanted = configured.get(name);
        LinkbeatMethod method = wanted;
        boolean up = false;
        if (method == LinkbeatMethod.AUTO || method == LinkbeatMethod.MII) {
            Reading r = probe.mii(name);
            method = answers(r) ? LinkbeatMethod.MII : LinkbeatMethod.AUTO;
            up = r == Reading.UP;
        }
        if (method == LinkbeatMethod.AUTO || method == LinkbeatMethod.ETHTOOL) {
            Reading r = probe.ethtool(name);
            if (answers(r)) {
                method = LinkbeatMethod.ETHTOOL;
                up = r == Reading.UP;
            } else if (method == LinkbeatMethod.ETHTOOL && answers(r = probe.mii(name))) {
                method = LinkbeatMethod.MII;
                up = r == Reading.UP;
            } else {
                method = LinkbeatMethod.AUTO;
            }
        }
        if (method == LinkbeatMethod.AUTO || method == LinkbeatMethod.IOCTL) {
            method = LinkbeatMethod.IOCTL;
            up = true;
        }
        found.put(name, method);
        if (wanted != LinkbeatMethod.AUTO && wanted != method) {
            log.accept("(" + name + "): Configured linkbeat type " + wanted + " not supported, using " + method);
        }
        return up;
    }

    private static boolean answers(Reading r) {
        return r == Reading.UP || r == Reading.DOWN;
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
    }
}
