package io.jkeepalived.linux;

/** What the kernel announced on the route, rule and address multicast groups that matters to what we installed. */
public sealed interface RoutingEvent {
    /** RTM_DELROUTE. */
    record RouteRemoved(Route route) implements RoutingEvent {
    }

    /** RTM_DELRULE. */
    record RuleRemoved(Rule rule) implements RoutingEvent {
    }

    /** RTM_DELADDR. */
    record AddressRemoved(InterfaceAddress address) implements RoutingEvent {
    }

    /** The receive queue overflowed (ENOBUFS): events were lost, so compare with the full state. */
    record Overrun() implements RoutingEvent {
    }
}
