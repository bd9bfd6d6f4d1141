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

    /** Every route of every table (both families). */
    List<Route> routes() throws SyscallException;

    /** RTM_NEWROUTE with NLM_F_CREATE|NLM_F_EXCL. */
    void addRoute(Route route) throws SyscallException;

    void deleteRoute(Route route) throws SyscallException;

    /** RTM_NEWROUTE with NLM_F_CREATE and the flags of {@code mode} (keepalived prepends by default). */
    void addRoute(Route route, RouteAddMode mode) throws SyscallException;

    /** Every policy-routing rule (both families). */
    List<Rule> rules() throws SyscallException;

    /** RTM_NEWRULE with NLM_F_CREATE|NLM_F_EXCL: fails with EEXIST when an identical rule is there. */
    void addRule(Rule rule) throws SyscallException;

    /** RTM_DELRULE: fails with ENOENT when absent. */
    void deleteRule(Rule rule) throws SyscallException;

    /**
     * Creates a macvlan (mode private, as keepalived's {@code use_vmac}) named {@code name} on link
     * {@code parentIndex} with {@code mac} (e.g. 00:00:5e:00:01:33), left down; returns its index.
     */
    int addMacvlan(String name, int parentIndex, String mac) throws SyscallException;

    /**
     * Creates an ipvlan in mode l2 with {@code flag} (as keepalived's {@code use_ipvlan}) named {@code name} on link
     * {@code parentIndex}, enslaved to {@code vrfIndex} unless 0, left down; returns its index.
     */
    int addIpvlan(String name, int parentIndex, int vrfIndex, IpvlanFlag flag) throws SyscallException;

    /** Sets or clears IFF_UP ({@code ip link set up/down}). */
    void setLinkUp(int index, boolean up) throws SyscallException;

    void deleteLink(int index) throws SyscallException;

    /**
     * This socket's netlink port: the kernel's notifications of changes requested here carry it (nlmsg_pid, see
     * {@link RoutingEvent#requester}), which tells our own removals from someone else's.
     */
    int portId();

    @Override
    void close();
}
