package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.common.AddressText;
import io.jkeepalived.common.Log;
import io.jkeepalived.linux.GarpSender;
import io.jkeepalived.linux.NeighbourAdvertiser;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The loop's GarpSender port over one AF_PACKET sender per interface: each address goes out on the
 * interface its VIP lives on ({@code dev}), with keepalived's -D lines "Sending gratuitous ARP on eth0 for
 * 192.0.2.1" / "Sending unsolicited Neighbour Advert on eth0 for 2001:db8::1".
 */
public final class AnnouncingGarpSender implements io.jkeepalived.vrrp.port.GarpSender, AutoCloseable {
    private final Map<String, GarpSender> arp;
    private final Map<String, NeighbourAdvertiser> na;
    private final Map<InetAddress, String> deviceOf;
    private final Log log;

    public AnnouncingGarpSender(Map<String, GarpSender> arp, Map<String, NeighbourAdvertiser> na, Map<InetAddress, String> deviceOf,
                         Log log) {
        this.arp = Map.copyOf(arp);
        this.na = Map.copyOf(na);
        this.deviceOf = Map.copyOf(deviceOf);
        this.log = log;
    }

    @Override
    public void sendGarp(String interfaceName, List<InetAddress> addresses, int repeat) throws Exception {
        for (int i = 0; i < repeat; i++) {
            for (InetAddress a : addresses) {
                String dev = deviceOf.getOrDefault(a, interfaceName);
                GarpSender sender = arp.get(dev);
                if (sender == null) {
                    log.error("Error sending gratuitous ARP on " + dev + " for " + a.getHostAddress() + ": no sender");
                    continue;
                }
                log.detail("Sending gratuitous ARP on " + dev + " for " + a.getHostAddress());
                sender.send((Inet4Address) a);
            }
        }
    }

    @Override
    public void sendNa(String interfaceName, List<InetAddress> addresses, int repeat) throws Exception {
        for (int i = 0; i < repeat; i++) {
            for (InetAddress a : addresses) {
                String dev = deviceOf.getOrDefault(a, interfaceName);
                NeighbourAdvertiser sender = na.get(dev);
                if (sender == null) {
                    log.error("VRRP: Error sending ndisc unsolicited neighbour advert on " + dev + " for " + AddressText.of(a));
                    continue;
                }
                log.detail("Sending unsolicited Neighbour Advert on " + dev + " for " + AddressText.of(a));
                sender.send((Inet6Address) a);
            }
        }
    }

    @Override
    public void close() {
        arp.values().forEach(GarpSender::close);
        na.values().forEach(NeighbourAdvertiser::close);
    }
}
