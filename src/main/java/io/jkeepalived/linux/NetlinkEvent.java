package io.jkeepalived.linux;

/** What the kernel announced on the rtnetlink multicast groups. */
public sealed interface NetlinkEvent {
    /** RTM_NEWLINK: a link appeared or changed (up/down, carrier, name, MAC…). */
    record LinkChanged(Link link) implements NetlinkEvent {
    }

    /** RTM_DELLINK. */
    record LinkRemoved(Link link) implements NetlinkEvent {
    }

    record AddressAdded(InterfaceAddress address) implements NetlinkEvent {
    }

    record AddressRemoved(InterfaceAddress address) implements NetlinkEvent {
    }

    /** The socket's receive queue overflowed (ENOBUFS): events were lost, so re-read the full state. */
    record Overrun() implements NetlinkEvent {
    }
}
