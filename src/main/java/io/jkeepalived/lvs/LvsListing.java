package io.jkeepalived.lvs;

import java.util.List;
import java.util.Map;

/**
 * The kernel's view in ipvsadm's words ({@code ipvsadm -L -n} and {@code --stats}), for the SIGUSR1/SIGUSR2
 * dumps and the log: what operators already read. Counters a data plane does not keep show as {@code -}.
 */
public final class LvsListing {
    private LvsListing() {
    }

    /** {@code ipvsadm -L -n}: services, servers, forwarding, weights, active/inactive connections. */
    public static String table(String dataPlane, Pool pool, List<ServiceStats> stats) {
        var byService = index(stats);
        var sb = new StringBuilder();
        sb.append("LVS data plane: ").append(dataPlane).append('\n');
        sb.append("Prot LocalAddress:Port Scheduler Flags\n");
        sb.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (var s : pool.services().values()) {
            sb.append(serviceLine(s)).append('\n');
            var st = byService.get(s.key());
            for (var d : s.destinations().values()) {
                var ds = st == null ? null : st.destinations().stream().filter(x -> x.server().equals(d.server())).findFirst().orElse(null);
                sb.append(String.format("  -> %-28s %-7s %-6d %-10s %-10s", address(d.server().ip(), d.server().port()),
                        d.forwarding().display(), d.weight(), count(ds == null ? -1 : ds.activeConnections()),
                        count(ds == null ? -1 : ds.inactiveConnections())).stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code ipvsadm -L -n --stats}. */
    public static String stats(List<ServiceStats> stats) {
        var sb = new StringBuilder();
        sb.append("Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n");
        sb.append("  -> RemoteAddress:Port\n");
        for (var s : stats) {
            sb.append(String.format("%-36s %s", protoAndAddress(s.service()), counters(s.totals()))).append('\n');
            for (var d : s.destinations()) {
                sb.append(String.format("  -> %-31s %s", address(d.server().ip(), d.server().port()), counters(d.counters()))).append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<VirtualService, ServiceStats> index(List<ServiceStats> stats) {
        var map = new java.util.HashMap<VirtualService, ServiceStats>();
        for (var s : stats) {
            map.put(s.service(), s);
        }
        return map;
    }

    static String serviceLine(Service s) {
        var sb = new StringBuilder(protoAndAddress(s.key())).append(' ').append(s.settings().scheduling().display());
        s.settings().persistence().ifPresent(p -> {
            sb.append(" persistent ").append(p.timeoutSeconds());
            boolean v6 = s.key().ipv6();
            if (p.prefixLength() < (v6 ? 128 : 32)) {
                sb.append(" mask ").append(v6 ? Integer.toString(p.prefixLength()) : mask(p.prefixLength()));
            }
            p.engine().ifPresent(e -> sb.append(" pe ").append(e));
        });
        return sb.toString();
    }

    private static String protoAndAddress(VirtualService key) {
        return switch (key) {
            case VirtualService.Address a -> a.protocol().toUpperCase(java.util.Locale.ROOT) + "  " + address(a.ip(), a.port());
            case VirtualService.Fwmark f -> "FWM  " + Integer.toUnsignedString(f.mark()) + (f.ipv6() ? " IPv6" : "");
        };
    }

    private static String address(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static String mask(int prefix) {
        long m = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (m >> 24) + "." + ((m >> 16) & 255) + "." + ((m >> 8) & 255) + "." + (m & 255);
    }

    private static String counters(ServiceStats.Counters c) {
        return String.format("%8s %8s %8s %8s %8s", count(c.connections()), count(c.packetsIn()), count(c.packetsOut()),
                count(c.bytesIn()), count(c.bytesOut()));
    }

    private static String count(long v) {
        return v < 0 ? "-" : Long.toString(v);
    }
}
