package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.VrrpPacket;

/** What happens to the VRRP engine. {@code now} is microseconds on the loop's monotonic clock. */
public sealed interface VrrpEvent {
    long now();

    /** The daemon has started: instances enter BACKUP (or FAULT) as in keepalived's vrrp_init_state. */
    record Start(long now) implements VrrpEvent {
    }

    /**
     * A structurally valid advert (see VrrpCodec) arrived on {@code interfaceName}; the packet carries
     * the source address and TTL / hop limit.
     */
    record AdvertReceived(String interfaceName, VrrpPacket packet, long now) implements VrrpEvent {
    }

    /** The deadline the engine last asked for (ScheduleAt) has come. */
    record TimerDue(long now) implements VrrpEvent {
    }

    /**
     * The loop is handling its events {@code lateMicros} after the deadline the engine last asked for (the host was
     * too busy, the process stopped): keepalived's thread timeout handler, for timer_expired_backup. Comes before the
     * events queued meanwhile, the late TimerDue among them.
     */
    record TimerLate(long lateMicros, long now) implements VrrpEvent {
    }

    /** The interface went down or came up. */
    record LinkChanged(String interfaceName, boolean up, long now) implements VrrpEvent {
    }

    /**
     * A tracker (track_script, track_interface, track_file ...) of an instance changed.
     *
     * @param priorityDelta what this tracker now adds to the base priority (weights already applied)
     * @param fault         true when the tracker puts the instance in FAULT (weight 0 and failed)
     */
    record TrackerChanged(String instance, String tracker, int priorityDelta, boolean fault, long now)
            implements VrrpEvent {
    }

    /**
     * The kernel reported one of the instance's tracked VIPs, E-VIPs, virtual routes or virtual rules deleted
     * (keepalived's netlink reflector, set_vrrp_backup): a MASTER goes BACKUP and soon tries MASTER again.
     * Ignored unless the instance is MASTER, so our own removals (which leave MASTER first) never count.
     *
     * @param report keepalived's -D line for a deleted address ("Netlink reflector reports IP ... removed from
     *               eth0"), logged only when the deletion counts; empty for routes and rules (keepalived logs none)
     */
    record VirtualDeleted(String instance, String report, long now) implements VrrpEvent {
    }

    /** The daemon stops: masters send priority 0 and release their VIPs; everyone notifies STOP. */
    record Shutdown(long now) implements VrrpEvent {
    }
}
