package io.jkeepalived.vrrp.plan;

import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.SyscallException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** The host's links and addresses at start, as rtnetlink reports them: where instances find ifindex and source. */
public record HostInterfaces(List<Link> links, List<InterfaceAddress> addresses) {
    public HostInterfaces {
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
    }

    public static HostInterfaces read(Rtnetlink rtnetlink) throws SyscallException {
        return new HostInterfaces(rtnetlink.links(), rtnetlink.addresses());
    }

    public Optional<Link> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Link> link(int index) {
        return links.stream().filter(l -> l.index() == index).findFirst();
    }

    /** keepalived's choice of source: the first primary (not secondary) IPv4 address of the interface. */
    public Optional<InetAddress> primaryIpv4(int index) {
        return addresses.stream()
                .filter(a -> a.interfaceIndex() == index && a.address() instanceof Inet4Address
                        && (a.flags() & InterfaceAddress.IFA_F_SECONDARY) == 0)
                .map(InterfaceAddress::address).findFirst();
    }

    /** For IPv6 keepalived uses the interface's link-local address. */
    public Optional<InetAddress> linkLocalIpv6(int index) {
        return addresses.stream()
                .filter(a -> a.interfaceIndex() == index && a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress())
                .map(InterfaceAddress::address).findFirst();
    }
}
