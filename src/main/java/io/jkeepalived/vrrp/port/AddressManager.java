package io.jkeepalived.vrrp.port;

import java.net.InetAddress;
import java.util.List;

/**
 * Port: adds and removes an instance's virtual addresses (rtnetlink in the Linux adapters). The
 * adapter knows each VIP's full spec (prefix, dev, scope, label) by instance name. {@code accept}
 * false means the VIPs must also get the no_accept drop rule.
 */
public interface AddressManager {
    void add(String instance, List<InetAddress> vips, boolean accept) throws Exception;

    void remove(String instance, List<InetAddress> vips, boolean accept) throws Exception;
}
