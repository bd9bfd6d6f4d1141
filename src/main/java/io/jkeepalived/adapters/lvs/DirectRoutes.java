package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.SyscallException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which device reaches a real server directly (DR needs it on-link: the director only rewrites the MAC).
 * A longest-prefix match over the main table; a route through a gateway is not direct.
 */
final class DirectRoutes {
    private final Rtnetlink rtnl;

    DirectRoutes(Rtnetlink rtnl) {
        this.rtnl = rtnl;
    }

    /** A lookup over the routes and links as they are now (one dump each). */
    java.util.function.Function<String, Optional<String>> snapshot() throws SyscallException {
        var routes = rtnl.routes();
        var names = new HashMap<Integer, String>();
        for (var link : rtnl.links()) {
            names.put(link.index(), link.name());
        }
        return ip -> device(ip, routes, names);
    }

    private static Optional<String> device(String ip, java.util.List<Route> routes, Map<Integer, String> names) {
        InetAddress target;
        try {
            target = InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Route best = null;
        for (var r : routes) {
            if (r.table() != Route.RT_TABLE_MAIN || r.type() != Route.RTN_UNICAST || r.outputInterface() == 0
                    || r.destination().getAddress().length != target.getAddress().length) {
                continue;
            }
            if (covers(r.destination(), r.prefixLength(), target) && (best == null || r.prefixLength() > best.prefixLength())) {
                best = r;
            }
        }
        if (best == null || best.gateway().isPresent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(names.get(best.outputInterface()));
    }

    private static boolean covers(InetAddress net, int prefix, InetAddress a) {
        var n = net.getAddress();
        var b = a.getAddress();
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((n[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
