package io.jkeepalived.vrrp.engine;

import java.net.InetAddress;
import java.util.List;

/** What the VRRP engine asks its ports to do, in order. */
public sealed interface VrrpAction {

    /** Send an advert for the instance with this priority (0 = "I am stopping"). */
    record SendAdvert(String instance, int priority) implements VrrpAction {
    }

    /** Add the virtual addresses; {@code accept} false means: also drop traffic to them (no_accept). */
    record AddVips(String instance, List<InetAddress> vips, boolean accept) implements VrrpAction {
    }

    record RemoveVips(String instance, List<InetAddress> vips, boolean accept) implements VrrpAction {
    }

    /** Why gratuitous ARPs / NAs are sent. */
    enum GarpReason { MASTER_BURST, MASTER_DELAYED, REFRESH, LOWER_PRIO, LOWER_PRIO_DELAYED, EXTRA_IF }

    /** Gratuitous ARPs for IPv4 addresses, {@code repeat} per address. */
    record SendGarp(String instance, List<InetAddress> addresses, int repeat, GarpReason reason) implements VrrpAction {
    }

    /** Unsolicited neighbour adverts for IPv6 addresses, {@code repeat} per address. */
    record SendNa(String instance, List<InetAddress> addresses, int repeat, GarpReason reason) implements VrrpAction {
    }

    enum NotifyTarget { INSTANCE, GROUP }

    /**
     * The notify state word keepalived passes to scripts (MASTER_RX_LOWER_PRI runs notify_master_rx_lower_pri).
     * DELETED is never the engine's: the runtime announces an instance a reload removed with it (notify_deleted).
     */
    enum NotifyState { MASTER, BACKUP, FAULT, STOP, DELETED, MASTER_RX_LOWER_PRI }

    /** Run the notify scripts: {@code notify <target> <name> <state> <priority>}. */
    record RunNotify(NotifyTarget target, String name, NotifyState state, int priority) implements VrrpAction {
    }

    /** A log line in keepalived's words, e.g. "(VI_1) Entering MASTER STATE". */
    record Log(String line) implements VrrpAction {
    }

    /**
     * The effective priority changed (trackers): keepalived's MASTER_PRIORITY / BACKUP_PRIORITY notify-FIFO line
     * when {@code notify_priority_changes} is on.
     */
    record PriorityChanged(String instance, VrrpState state, int priority) implements VrrpAction {
    }

    /** An instance changed state (for metrics, status API, split-brain detection). */
    record Transition(String instance, VrrpState from, VrrpState to, String reason, long at) implements VrrpAction {
    }

    /**
     * Beyond keepalived: while MASTER we heard another router advertising as master with a lower (or
     * equal, lower-address) priority - it could not hear us, so for a while the VRID had two masters
     * (typically a healed partition). keepalived only logs "Received advert ... lower priority".
     */
    record SplitBrain(String instance, java.net.InetAddress otherMaster, int otherPriority, int ourPriority, long at)
            implements VrrpAction {
    }

    /** Deliver TimerDue at this time (microseconds); Long.MAX_VALUE = nothing to wait for. */
    record ScheduleAt(long deadline) implements VrrpAction {
    }
}
