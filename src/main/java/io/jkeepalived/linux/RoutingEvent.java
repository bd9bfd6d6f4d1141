package io.jkeepalived.linux;

/**
 * What the kernel announced on the route, rule and address multicast groups that matters to what we installed.
 * A removal carries its {@code requester}: the netlink port whose request made it (nlmsg_pid; 0 when the
 * kernel made it on its own, e.g. a link deleted), compared with {@link Rtnetlink#portId()}.
 */
public sealed interface RoutingEvent {
    /** The requester's netlink port (nlmsg_pid), or 0 for the kernel itself and for an overrun. */
    int requester();

    /** RTM_DELROUTE. */
    record RouteRemoved(Route route, int requester) implements RoutingEvent {
    }

    /** RTM_DELRULE. */
    record RuleRemoved(Rule rule, int requester) implements RoutingEvent {
    }

    /** RTM_DELADDR. */
    record AddressRemoved(InterfaceAddress address, int requester) implements RoutingEvent {
    }

    /** The receive queue overflowed (ENOBUFS): events were lost, so compare with the full state. */
    record Overrun() implements RoutingEvent {
        @Override
        public int requester() {
            return 0;
        }
    }
}
