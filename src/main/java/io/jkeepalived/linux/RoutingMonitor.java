package io.jkeepalived.linux;

import java.util.function.Consumer;

/**
 * Route, rule and address removals (RTMGRP_IPV4/IPV6_ROUTE, RTNLGRP_IPV4/IPV6_RULE, RTMGRP_IPV4/IPV6_IFADDR) on a
 * non-blocking socket: register {@link #fd()} with an {@link EventPoller} and call {@link #drain} when readable.
 * Additions are not reported: only a removal asks for something to be put back.
 */
public interface RoutingMonitor extends AutoCloseable {
    int fd();

    /** Delivers every pending removal; returns how many events. */
    int drain(Consumer<RoutingEvent> events) throws SyscallException;

    @Override
    void close();
}
