package io.jkeepalived.linux;

import java.util.Optional;

/**
 * A network interface as rtnetlink reports it (RTM_NEWLINK).
 *
 * @param flags IFF_* bits; see {@link #isUp()} and {@link #isRunning()}
 * @param mac link-layer address as {@code aa:bb:cc:dd:ee:ff}, empty when the link has none
 * @param kind IFLA_INFO_KIND ("veth", "macvlan", "bridge", "dummy" …), empty for plain devices
 * @param masterIndex IFLA_MASTER (the bridge/bond), 0 when none
 */
public record Link(int index, String name, int flags, OperState operState, String mac, int mtu, Optional<String> kind,
        int masterIndex) {
    public static final int IFF_UP = 0x1;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    /** Administratively up ({@code ip link set up}). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Up and carrier present: what keepalived treats as the interface being usable. */
    public boolean isRunning() {
        return (flags & IFF_RUNNING) != 0;
    }

    /** RFC 2863 operational state (IFLA_OPERSTATE). */
    public enum OperState {
        UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

        static OperState of(int value) {
            var all = values();
            return value >= 0 && value < all.length ? all[value] : UNKNOWN;
        }
    }
}
