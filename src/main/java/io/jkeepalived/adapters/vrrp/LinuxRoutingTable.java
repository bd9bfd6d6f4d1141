package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.Errno;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.Rule;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.vrrp.plan.PlannedRoute;
import io.jkeepalived.vrrp.port.RoutingTable;

/**
 * RoutingTable over one rtnetlink request socket. EEXIST on add and ESRCH/ENOENT/EADDRNOTAVAIL/ENODEV on remove mean
 * the kernel already is as asked. Callers on several threads share the socket, so each call holds its lock.
 */
public final class LinuxRoutingTable implements RoutingTable {
    private final Rtnetlink rtnetlink;

    public LinuxRoutingTable(Rtnetlink rtnetlink) {
        this.rtnetlink = rtnetlink;
    }

    @Override
    public synchronized void add(PlannedRoute route) throws SyscallException {
        try {
            rtnetlink.addRoute(route.route(), route.mode());
        } catch (SyscallException e) {
            ignoreUnless(e, Errno.EEXIST);
        }
    }

    @Override
    public synchronized void remove(PlannedRoute route) throws SyscallException {
        try {
            rtnetlink.deleteRoute(route.route());
        } catch (SyscallException e) {
            ignoreUnless(e, Errno.ESRCH, Errno.ENOENT, Errno.ENODEV);
        }
    }

    @Override
    public synchronized void add(Rule rule) throws SyscallException {
        try {
            rtnetlink.addRule(rule);
        } catch (SyscallException e) {
            ignoreUnless(e, Errno.EEXIST);
        }
    }

    @Override
    public synchronized void remove(Rule rule) throws SyscallException {
        try {
            rtnetlink.deleteRule(rule);
        } catch (SyscallException e) {
            ignoreUnless(e, Errno.ENOENT, Errno.ESRCH);
        }
    }

    @Override
    public synchronized void add(InterfaceAddress address) throws SyscallException {
        try {
            rtnetlink.addAddress(address);
        } catch (SyscallException e) {
            ignoreUnless(e, Errno.EEXIST);
        }
    }

    @Override
    public synchronized void remove(InterfaceAddress address) throws SyscallException {
        try {
            rtnetlink.deleteAddress(address);
        } catch (SyscallException e) {
            ignoreUnless(e, Errno.EADDRNOTAVAIL, Errno.ENOENT, Errno.ENODEV);
        }
    }

    /** Rethrows {@code e} unless its errno is one of {@code fine}. */
    private static void ignoreUnless(SyscallException e, int... fine) throws SyscallException {
        for (int errno : fine) {
            if (e.errno() == errno) {
                return;
            }
        }
        throw e;
    }
}
