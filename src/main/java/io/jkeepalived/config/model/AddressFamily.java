package io.jkeepalived.config.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 or IPv6, as keepalived tells instances and virtual servers apart. */
public enum AddressFamily {
    INET, INET6;

    public static AddressFamily of(InetAddress a) {
        return a instanceof Inet6Address ? INET6 : INET;
    }
}
