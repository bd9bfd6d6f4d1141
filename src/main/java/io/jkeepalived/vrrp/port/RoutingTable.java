package io.jkeepalived.vrrp.port;

import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Rule;
import io.jkeepalived.vrrp.plan.PlannedRoute;

/**
 * Port: puts routes, rules and addresses into the kernel and takes them out (rtnetlink in the Linux adapters).
 * Adding what is already there and removing what is gone are not errors, as in keepalived.
 */
public interface RoutingTable {
    void add(PlannedRoute route) throws Exception;

    void remove(PlannedRoute route) throws Exception;

    void add(Rule rule) throws Exception;

    void remove(Rule rule) throws Exception;

    void add(InterfaceAddress address) throws Exception;

    void remove(InterfaceAddress address) throws Exception;
}
