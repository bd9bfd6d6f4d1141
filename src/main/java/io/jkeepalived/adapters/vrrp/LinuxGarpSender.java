package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.GarpSender;
import io.jkeepalived.linux.NeighbourAdvertiser;
import io.jkeepalived.linux.SyscallException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** The VRRP loop's GarpSender port over AF_PACKET senders, one per interface. */
public final class LinuxGarpSender implements io.jkeepalived.vrrp.port.GarpSender, AutoCloseable {
    private final Map<String, GarpSender> arp;
    private final Map<String, NeighbourAdvertiser> na;

    public LinuxGarpSender(Map<String, GarpSender> arpByInterface, Map<String, NeighbourAdvertiser> naByInterface) {
        this.arp = Map.copyOf(arpByInterface);
        this.na = Map.copyOf(naByInterface);
    }

    @Override
    public void sendGarp(String interfaceName, List<InetAddress> addresses, int repeat) throws SyscallException {
        GarpSender sender = arp.get(interfaceName);
        if (sender == null) {
            throw new IllegalStateException("no gratuitous ARP sender for " + interfaceName);
        }
        for (int i = 0; i < repeat; i++) {
            for (InetAddress a : addresses) {
                sender.send((Inet4Address) a);
            }
        }
    }

    @Override
    public void sendNa(String interfaceName, List<InetAddress> addresses, int repeat) throws SyscallException {
        NeighbourAdvertiser sender = na.get(interfaceName);
        if (sender == null) {
            throw new IllegalStateException("no neighbour advertiser for " + interfaceName);
        }
        for (int i = 0; i < repeat; i++) {
            for (InetAddress a : addresses) {
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
