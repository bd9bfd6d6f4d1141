package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.util.ArrayList;
import java.util.List;

/**
 * A LAN for VRRP daemons: namespaces {@code a} and {@code b} (the routers, interfaces jkda / jkdb with
 * 192.0.2.1 / .2) and {@code c} (a client, jkdc, 192.0.2.3), each joined by a veth pair to a bridge in
 * namespace {@code lan}. A link going down on a router does not take the carrier of the other router.
 * Everything is named jkd-PID-* and removed by {@link #close()}.
 */
final class VrrpTestLan implements AutoCloseable {
    final NetNs a;
    final NetNs b;
    final NetNs c;
    final NetNs lan;
    private final List<NetNs> all = new ArrayList<>();

    VrrpTestLan(String tag) {
        try {
            lan = track(NetNs.create("jkd", tag + "l"));
            a = track(NetNs.create("jkd", tag + "a"));
            b = track(NetNs.create("jkd", tag + "b"));
            c = track(NetNs.create("jkd", tag + "c"));
            lan.bridge("jkdbr");
            int i = 1;
            for (NetNs ns : List.of(a, b, c)) {
                ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
                String ifname = ifname(ns);
                ns.exec("ip", "link", "add", ifname, "type", "veth", "peer", "name", "jkdp" + i, "netns", lan.name());
                lan.exec("ip", "link", "set", "jkdp" + i, "master", "jkdbr");
                lan.exec("ip", "link", "set", "jkdp" + i, "up");
                ns.exec("ip", "link", "set", ifname, "up");
                ns.addr(ifname, "192.0.2." + i + "/24");
                ns.addr(ifname, "2001:db8::" + i + "/64");
                i++;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private NetNs track(NetNs ns) {
        all.add(ns);
        return ns;
    }

    String ifname(NetNs ns) {
        return ns == a ? "jkda" : ns == b ? "jkdb" : "jkdc";
    }

    boolean hasAddress(NetNs ns, String address) {
        String family = address.contains(":") ? "-6" : "-4";
        return Sh.run(ns.inside("ip", family, "addr", "show", "dev", ifname(ns)), 10).out().contains(address + "/");
    }

    void linkDown(NetNs ns) {
        ns.exec("ip", "link", "set", ifname(ns), "down");
    }

    void linkUp(NetNs ns) {
        ns.exec("ip", "link", "set", ifname(ns), "up");
    }

    @Override
    public void close() {
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (RuntimeException e) {
                // keep removing the others
            }
        }
    }
}
