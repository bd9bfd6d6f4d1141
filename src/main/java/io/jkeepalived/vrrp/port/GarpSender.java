package io.jkeepalived.vrrp.port;

import java.net.InetAddress;
import java.util.List;

/** Port: gratuitous ARPs (IPv4) and unsolicited neighbour adverts (IPv6) on an interface. */
public interface GarpSender {
    void sendGarp(String interfaceName, List<InetAddress> addresses, int repeat) throws Exception;

    void sendNa(String interfaceName, List<InetAddress> addresses, int repeat) throws Exception;

    /** The addresses were removed: sends still queued for them by a rate limit are dropped. */
    default void forget(List<InetAddress> addresses) {
    }
}
