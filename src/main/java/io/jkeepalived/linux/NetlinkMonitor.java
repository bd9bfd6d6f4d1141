package io.jkeepalived.linux;

import java.util.function.Consumer;

/**
 * Link and address change notifications (RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR) on a
 * non-blocking socket: register {@link #fd()} with the event loop's {@link EventPoller} and call
 * {@link #drain} when it is readable.
 */
public interface NetlinkMonitor extends AutoCloseable {
    int fd();

    /** Delivers every pending event; returns how many. */
    int drain(Consumer<NetlinkEvent> events) throws SyscallException;

    @Override
    void close();
}
