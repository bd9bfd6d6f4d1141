package io.jkeepalived.linux;

import java.util.List;

/**
 * Route netlink requests (NETLINK_ROUTE), synchronous: each call sends one request and waits for the
 * kernel's answer. Failures are {@link SyscallException}s naming the request and carrying the kernel's
 * extended-ack text when it gives one. Not for concurrent use.
 */
public interface Rtnetlink extends AutoCloseable {
    List<Link> links() throws SyscallException;

    List<InterfaceAddress> addresses() throws SyscallException;

    /** RTM_NEWADDR with NLM_F_CREATE|NLM_F_EXCL: fails with EEXIST when already present. */
    void addAddress(InterfaceAddress address) throws SyscallException;

    /** RTM_DELADDR: fails with EADDRNOTAVAIL when absent. */
    void deleteAddress(InterfaceAddress address) throws SyscallException;

    @Override
    void close();
}
