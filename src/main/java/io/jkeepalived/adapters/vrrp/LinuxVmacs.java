package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.Link;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.linux.Sysctl;
import io.jkeepalived.vrrp.plan.Vmac;
import io.jkeepalived.vrrp.port.LogSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Makes keepalived's VMACs and ipvlans (use_ipvlan: mode l2, see {@link #createIpvlan}): a private-mode macvlan with the virtual MAC on the instance's interface (an existing
 * macvlan of that name with the right MAC is reused, one with another MAC is replaced, anything else is refused),
 * IPv6 address generation off (RFC 5798 7.4: no link-local from the virtual MAC) and for IPv4 instances IPv6 off,
 * then up; an IPv6 VMAC gets the base's link-local address (the adverts' source). For IPv4 the sysctls of keepalived's set_interface_parameters: on the VMAC arp_ignore=1, accept_local=1,
 * rp_filter=0, promote_secondaries=1; on the base interface arp_ignore=1 and arp_filter=1 (so the base does not
 * answer ARP for the VIP), put back as they were when the last VMAC on it goes.
 */
public final class LinuxVmacs {
    private final Rtnetlink rtnetlink;
    private final LogSink log;
    private final Map<String, Vmac> made = new LinkedHashMap<>();
    private final Map<String, int[]> savedArp = new LinkedHashMap<>();    // base -> {arp_ignore, arp_filter}

    public LinuxVmacs(Rtnetlink rtnetlink, LogSink log) {
        this.rtnetlink = rtnetlink;
        this.log = log;
    }

    public void create(List<Vmac> vmacs) throws SyscallException, IOException {
        for (Vmac v : vmacs) {
            create(v);
        }
    }

    private void create(Vmac v) throws SyscallException, IOException {
        List<Link> links = rtnetlink.links();
        Link parent = find(links, v.parent()).orElseThrow(() -> new SyscallException("RTM_NEWLINK", v.name() + " link "
                + v.parent(), io.jkeepalived.linux.Errno.ENODEV, "(" + v.instance() + ") interface " + v.parent()
                + " does not exist"));
        Optional<Link> existing = find(links, v.name());
        if (v.ipvlan().isPresent()) {
            createIpvlan(v, v.ipvlan().get(), parent, existing, links);
            return;
        }
        if (existing.isPresent()) {
            Link e = existing.get();
            if (!e.kind().equals(Optional.of("macvlan"))) {
                throw new IOException("VMAC " + v.name() + " conflicts with existing interface (" + e.kind().orElse("no kind") + ")");
            }
            if (!e.mac().equalsIgnoreCase(v.mac())) {
                log.log("(" + v.instance() + ") Removing old VMAC interface " + v.name() + " due to conflicting interface");
                rtnetlink.deleteLink(e.index());
                existing = Optional.empty();
            }
        }
        int index = existing.isPresent() ? existing.get().index() : rtnetlink.addMacvlan(v.name(), parent.index(), v.mac());
        made.put(v.name(), v);
        log.log("(" + v.instance() + "): Success creating VMAC interface " + v.name());
        Sysctl.write("ipv6", v.name(), "addr_gen_mode", 1);
        if (!v.ipv6()) {
            Sysctl.write("ipv6", v.name(), "disable_ipv6", 1);
            Sysctl.write("ipv4", v.name(), "arp_ignore", 1);
            Sysctl.write("ipv4", v.name(), "accept_local", 1);
            Sysctl.write("ipv4", v.name(), "rp_filter", 0);
            Sysctl.write("ipv4", v.name(), "promote_secondaries", 1);
            quietBase(v.parent());
        }
        rtnetlink.setLinkUp(index, true);
        if (v.ipv6() && !v.xmitBase()) {
            // as keepalived: the base's link-local on the VMAC too, so adverts leave from it with the virtual MAC
            var linkLocal = rtnetlink.addresses().stream().filter(a -> a.interfaceIndex() == parent.index()
                    && a.address() instanceof java.net.Inet6Address a6 && a6.isLinkLocalAddress()).findFirst();
            if (linkLocal.isPresent()) {
                try {
                    rtnetlink.addAddress(new io.jkeepalived.linux.InterfaceAddress(index, linkLocal.get().address(), 64,
                            Optional.empty(), io.jkeepalived.linux.InterfaceAddress.RT_SCOPE_LINK,
                            io.jkeepalived.linux.InterfaceAddress.IFA_F_NODAD, Optional.empty()));
                } catch (SyscallException e) {
                    if (e.errno() != io.jkeepalived.linux.Errno.EEXIST) {
                        log.log("(" + v.instance() + ") adding link-local address to " + v.name() + " failed: " + e.getMessage());
                    }
                }
            } else {
                log.log("(" + v.instance() + ") " + v.parent() + " has no link-local address to give " + v.name());
            }
        }
    }

    /**
     * keepalived's netlink_link_add_ipvlan: an existing ipvlan of that name is taken over (a restart finds its own),
     * anything else of that name is refused; a new one joins its parent's VRF, if any; IPv6 off on it unless the
     * instance needs it; up; then its address.
     * No ARP sysctls: an ipvlan has its parent's MAC, and the kernel gives each address to one ipvlan only.
     */
    private void createIpvlan(Vmac v, Vmac.Ipvlan ipvlan, Link parent, Optional<Link> existing, List<Link> links)
            throws SyscallException, IOException {
        if (existing.isPresent() && !existing.get().kind().equals(Optional.of("ipvlan"))) {
            throw new IOException("IPVLAN " + v.name() + " conflicts with existing interface ("
                    + existing.get().kind().orElse("no kind") + ")");
        }
        int index;
        try {
            index = existing.isPresent() ? existing.get().index()
                    : rtnetlink.addIpvlan(v.name(), parent.index(), vrfOf(parent, links), ipvlan.flag());
        } catch (SyscallException e) {
            // as keepalived: logged, and the instance stays in FAULT (VrrpPlan finds no such link)
            log.log("(" + v.instance() + "): Unable to create ipvlan interface " + v.name() + ": " + e.getMessage());
            return;
        }
        made.put(v.name(), v);
        log.log("(" + v.instance() + "): Success creating ipvlan interface " + v.name());
        Sysctl.write("ipv6", v.name(), "disable_ipv6", ipvlan.ipv6() ? 0 : 1);
        rtnetlink.setLinkUp(index, true);
        if (ipvlan.address().isPresent()) {
            var a = ipvlan.address().get();
            boolean v6 = a.address() instanceof java.net.Inet6Address;
            try {
                rtnetlink.addAddress(new io.jkeepalived.linux.InterfaceAddress(index, a.address(), a.prefixLength(),
                        Optional.empty(), io.jkeepalived.linux.InterfaceAddress.RT_SCOPE_UNIVERSE,
                        v6 ? io.jkeepalived.linux.InterfaceAddress.IFA_F_NODAD : 0, Optional.empty()));
            } catch (SyscallException e) {
                if (e.errno() != io.jkeepalived.linux.Errno.EEXIST) {
                    log.log(v.instance() + ": Failed to add interface address to " + v.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** arp_ignore=1, arp_filter=1 on the base, saving what was there the first time. */
    private void quietBase(String base) throws IOException {
        if (savedArp.containsKey(base)) {
            return;
        }
        OptionalInt ignore = Sysctl.read("ipv4", base, "arp_ignore");
        OptionalInt filter = Sysctl.read("ipv4", base, "arp_filter");
        savedArp.put(base, new int[] {ignore.orElse(0), filter.orElse(0)});
        Sysctl.write("ipv4", base, "arp_ignore", 1);
        Sysctl.write("ipv4", base, "arp_filter", 1);
    }

    /** Deletes the VMACs except those of {@code keptInstances} (a reload keeps them MASTER), restores the bases. */
    public void remove(Collection<String> keptInstances) {
        var basesInUse = new ArrayList<String>();
        for (Vmac v : List.copyOf(made.values())) {
            if (keptInstances.contains(v.instance())) {
                basesInUse.add(v.parent());
                continue;
            }
            try {
                Optional<Link> l = find(rtnetlink.links(), v.name());
                if (l.isPresent()) {
                    rtnetlink.deleteLink(l.get().index());
                }
                made.remove(v.name());
            } catch (SyscallException e) {
                log.log("(" + v.instance() + ") cannot remove VMAC interface " + v.name() + ": " + e.getMessage());
            }
        }
        for (var e : List.copyOf(savedArp.entrySet())) {
            if (basesInUse.contains(e.getKey())) {
                continue;
            }
            try {
                Sysctl.write("ipv4", e.getKey(), "arp_ignore", e.getValue()[0]);
                Sysctl.write("ipv4", e.getKey(), "arp_filter", e.getValue()[1]);
                savedArp.remove(e.getKey());
            } catch (IOException ex) {
                log.log("cannot restore arp_ignore/arp_filter on " + e.getKey() + ": " + ex.getMessage());
            }
        }
    }

    /** The index of the VRF {@code link} is enslaved to, 0 when none (a bridge or bond master is not one). */
    private static int vrfOf(Link link, List<Link> links) {
        return links.stream().filter(l -> l.index() == link.masterIndex() && l.kind().equals(Optional.of("vrf")))
                .findFirst().map(Link::index).orElse(0);
    }

    private static Optional<Link> find(List<Link> links, String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
