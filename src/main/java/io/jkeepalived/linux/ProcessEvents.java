package io.jkeepalived.linux;

import java.util.function.Consumer;

/**
 * The kernel's process events (fork, exec, comm, exit) on a non-blocking netlink connector socket: register
 * {@link #fd()} with an {@link EventPoller} and call {@link #drain} when readable. The kernel sends them only in the
 * initial network namespace, where the socket is opened (see {@link Linux#openProcessEvents}).
 */
public interface ProcessEvents extends AutoCloseable {
    int fd();

    /** Delivers every pending event; returns how many. */
    int drain(Consumer<ProcessEvent> events) throws SyscallException;

    @Override
    void close();
}
