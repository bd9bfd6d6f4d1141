package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.AddressText;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RouteExtras;
import io.jkeepalived.linux.Rule;
import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.vrrp.plan.PlannedRoute;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * keepalived's one-line texts of what an instance holds, as its dumps (keepalived.json, keepalived.data) write them:
 * format_ipaddress, format_iproute, format_iprule and cmd_str. Only what jkeepalived installs is written: a route
 * option it does not apply (warned about at start) is not in the text either.
 */
final class VrrpDumpText {
    private VrrpDumpText() {
    }

    /** keepalived's ipaddresstos: the address, and "/LEN" unless a host prefix. */
    static String prefix(InetAddress address, int length) {
        int host = address.getAddress().length * 8;
        return AddressText.of(address) + (length == host ? "" : "/" + length);
    }

    /** format_ipaddress: {@code 192.0.2.1/24 dev eth0 scope global label eth0:1 set}. */
    static String address(VirtualIpSpec vip, String device, Optional<String> vmacParent, boolean set) {
        var sb = new StringBuilder(prefix(vip.address(), vip.prefixLength()));
        boolean v6 = vip.address().getAddress().length == 16;
        if (!v6) {
            vip.broadcast().ifPresent(b -> sb.append(" brd ").append(AddressText.of(b)));
        }
        sb.append(" dev ").append(device);
        vmacParent.ifPresent(p -> sb.append('@').append(p));
        if (vip.useVmac()) {
            sb.append(" use_vmac");
        }
        sb.append(" scope ").append(vip.scope().keyword());
        vip.label().ifPresent(l -> sb.append(" label ").append(l));
        vip.peer().ifPresent(p -> sb.append(" peer ").append(AddressText.of(p)).append('/').append(vip.prefixLength()));
        if (vip.home()) {
            sb.append(" home");
        }
        if (vip.noDad()) {
            sb.append(" -nodad");
        }
        if (vip.mngTmpAddr()) {
            sb.append(" mngtmpaddr");
        }
        if (vip.noPrefixRoute()) {
            sb.append(" noprefixroute");
        }
        if (vip.autoJoin()) {
            sb.append(" autojoin");
        }
        if (vip.noTrack()) {
            sb.append(" no_track");
        }
        vip.trackGroup().ifPresent(g -> sb.append(" track_group ").append(g));
        if (v6) {
            String lft = vip.preferredLifetime().orElse("forever");
            sb.append(lft.equals("0") ? " deprecated" : " preferred_lft " + lft);
        }
        if (set) {
            sb.append(" set");
        }
        return sb.toString();
    }

    /**
     * format_iproute: {@code prepend 198.51.100.0/24 via inet 192.0.2.2 dev eth0 proto 18}. {@code spec} is the line the
     * route came from (metric and scope are written only when configured, as keepalived's mask bits say).
     */
    static String route(PlannedRoute planned, Optional<RouteSpec> spec, IntFunction<String> ifName) {
        Route r = planned.route();
        var sb = new StringBuilder(switch (planned.mode()) {
            case EXCLUSIVE -> "add ";
            case APPEND -> "append ";
            case PREPEND -> "prepend ";
        });
        if (r.type() != Route.RTN_UNICAST) {
            sb.append(routeType(r.type())).append(' ');
        }
        sb.append(r.prefixLength() == 0 ? "default" : prefix(r.destination(), r.prefixLength()));
        r.preferredSource().ifPresent(s -> sb.append(" src ").append(AddressText.of(s)));
        r.gateway().ifPresent(g -> sb.append(" via ").append(g.getAddress().length == 16 ? "inet6 " : "inet ")
                .append(AddressText.of(g)));
        if (r.outputInterface() != 0) {
            sb.append(" dev ").append(ifName.apply(r.outputInterface()));
        }
        if (r.table() != Route.RT_TABLE_MAIN) {
            sb.append(" table ").append(r.table());
        }
        sb.append(" proto ").append(r.protocol());
        if (spec.flatMap(RouteSpec::scope).isPresent()) {
            sb.append(" scope ").append(r.scope());
        }
        if (spec.map(s -> s.metric().isPresent()).orElse(r.metric() != 0)) {
            sb.append(" metric ").append(r.metric());
        }
        RouteExtras x = r.extras();
        if (!r.isIpv6() && x.onlink()) {
            sb.append(" onlink");
        }
        metrics(sb, x);
        x.ttlPropagate().ifPresent(t -> sb.append(" ttl-propagate ").append(t ? "enabled" : "disabled"));
        for (RouteExtras.Nexthop hop : x.nexthops()) {
            sb.append(" nexthop");
            hop.gateway().ifPresent(g -> sb.append(" via inet").append(g.getAddress().length == 16 ? "6 " : " ")
                    .append(AddressText.of(g)));
            if (hop.outputInterface() != 0) {
                sb.append(" dev ").append(ifName.apply(hop.outputInterface()));
            }
            sb.append(" weight ").append(hop.weight());
            if (hop.onlink()) {
                sb.append(" onlink");
            }
        }
        if (spec.map(RouteSpec::noTrack).orElse(false)) {
            sb.append(" no_track");
        }
        spec.flatMap(RouteSpec::trackGroup).ifPresent(g -> sb.append(" track_group ").append(g));
        return sb.toString();
    }

    /** The route metrics in format_iproute's order: rtt, rttvar and rto_min in time units, the others as numbers. */
    private static void metrics(StringBuilder sb, RouteExtras x) {
        Map<Integer, Long> m = x.metrics();
        time(sb, x, "rtt", 4, 8);
        time(sb, x, "rttvar", 5, 4);
        if (m.containsKey(13)) {
            long v = m.get(13);
            sb.append(" rto_min").append(locked(x, 13) ? " lock " : " ")
                    .append(v >= 1000 ? io.jkeepalived.common.JsonWriter.formatG(v / 1000.0) + "s" : v + "ms");
        }
        if (m.containsKey(12) && (m.get(12) & 1) != 0) {
            sb.append(" features ecn");
        }
        int[][] plain = {{RouteExtras.RTAX_MTU, 1}, {RouteExtras.RTAX_WINDOW, 0}, {RouteExtras.RTAX_SSTHRESH, 1},
            {RouteExtras.RTAX_CWND, 1}, {RouteExtras.RTAX_ADVMSS, 1}, {RouteExtras.RTAX_REORDERING, 1},
            {RouteExtras.RTAX_HOPLIMIT, 0}, {RouteExtras.RTAX_INITCWND, 0}, {RouteExtras.RTAX_INITRWND, 0},
            {RouteExtras.RTAX_QUICKACK, 0}, {RouteExtras.RTAX_FASTOPEN_NO_COOKIE, 0}};
        for (int[] p : plain) {
            Long v = m.get(p[0]);
            if (v != null) {
                sb.append(' ').append(metricName(p[0])).append(' ').append(p[1] == 1 && locked(x, p[0]) ? "lock " : "").append(v);
            }
        }
    }

    private static void time(StringBuilder sb, RouteExtras x, String name, int rtax, int perMilli) {
        Long v = x.metrics().get(rtax);
        if (v == null) {
            return;
        }
        sb.append(' ').append(name).append(locked(x, rtax) ? " lock " : " ");
        sb.append(v >= 1000L * perMilli ? io.jkeepalived.common.JsonWriter.formatG(v / (1000.0 * perMilli)) + "s"
                : io.jkeepalived.common.JsonWriter.formatG(v / (double) perMilli) + "ms");
    }

    private static boolean locked(RouteExtras x, int rtax) {
        return (x.locks() & (1 << rtax)) != 0;
    }

    private static String metricName(int rtax) {
        return switch (rtax) {
            case RouteExtras.RTAX_MTU -> "mtu";
            case RouteExtras.RTAX_WINDOW -> "window";
            case RouteExtras.RTAX_SSTHRESH -> "ssthresh";
            case RouteExtras.RTAX_CWND -> "cwnd";
            case RouteExtras.RTAX_ADVMSS -> "advmss";
            case RouteExtras.RTAX_REORDERING -> "reordering";
            case RouteExtras.RTAX_HOPLIMIT -> "hoplimit";
            case RouteExtras.RTAX_INITCWND -> "initcwnd";
            case RouteExtras.RTAX_INITRWND -> "initrwnd";
            case RouteExtras.RTAX_QUICKACK -> "quickack";
            default -> "fastopen_no_cookie";
        };
    }

    /** iproute2's route type names (keepalived's get_rttables_rtntype). */
    static String routeType(int type) {
        return switch (type) {
            case 2 -> "local";
            case 3 -> "broadcast";
            case 4 -> "anycast";
            case 5 -> "multicast";
            case 6 -> "blackhole";
            case 7 -> "unreachable";
            case 8 -> "prohibit";
            case 9 -> "throw";
            case 10 -> "nat";
            case 11 -> "xresolve";
            default -> Integer.toString(type);
        };
    }

    /** format_iprule: {@code from 192.0.2.0/24 priority 100 tos 0x0 protocol 18 lookup 100}. */
    static String rule(Rule r) {
        var sb = new StringBuilder();
        if (r.source().isEmpty() && r.destination().isEmpty() && r.ipv6()) {
            sb.append("inet6 ");
        }
        sb.append("from ").append(r.source().map(a -> prefix(a, r.sourceLength())).orElse("all"));
        r.destination().ifPresent(a -> sb.append(" to ").append(prefix(a, r.destinationLength())));
        sb.append(" priority ").append(r.priority());
        sb.append(" tos 0x0");
        r.fwmark().ifPresent(m -> {
            sb.append(" fwmark 0x").append(Long.toHexString(m));
            r.fwmask().ifPresent(k -> {
                if (k != 0xffffffffL) {
                    sb.append("/0x").append(Long.toHexString(k));
                }
            });
        });
        r.inputInterface().ifPresent(i -> sb.append(" iif ").append(i));
        r.outputInterface().ifPresent(o -> sb.append(" oif ").append(o));
        sb.append(" protocol ").append(r.protocol());
        sb.append(switch (r.action()) {
            case Rule.FR_ACT_TO_TBL -> " lookup " + r.table();
            case Rule.FR_ACT_NOP -> " nop";
            default -> " type " + routeType(r.action());
        });
        return sb.toString();
    }

    /** cmd_str: each word in single quotes, the program by its real path (keepalived resolves it at start). */
    static String command(List<String> argv) {
        var words = new java.util.ArrayList<>(ScriptRunner.withProgramPath(argv));
        try {
            words.set(0, Path.of(words.getFirst()).toRealPath().toString());
        } catch (IOException | RuntimeException e) {
            // a program that is not there (yet): as written
        }
        var sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }
}
