package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lvs_timeouts} for NAT connections: conntrack keeps them, so IPVS's timeouts become conntrack timeout
 * objects ({@code ct timeout}, CONFIG_NF_CONNTRACK_TIMEOUT) set on new connections to our services in the nat
 * base chains (after conntrack made the entry, before it is confirmed): IPVS tcp → established; tcpfin (IPVS's FIN_WAIT) → fin_wait and
 * time_wait (where conntrack keeps a connection after a FIN); udp → unreplied and replied. Only the values
 * configured are set; the rest keep conntrack's defaults. The rules are a fixed text with numbers only.
 */
public final class NftTimeouts {
    private static final Pattern OBJECT = Pattern.compile("ct timeout (jk_(?:tcp|udp)[46]) \\{[^}]*?policy = \\{([^}]*)\\}");
    private static final Pattern VALUE = Pattern.compile("(\\w+) : (\\d+)");

    private NftTimeouts() {
    }

    /**
     * The commands that (re)create the timeout objects; nothing when no value is set. Their rules are in the
     * NAT skeleton's base chains ({@link #rules}): a filter chain may not look up the dispatch maps, whose
     * chains hold {@code dnat}.
     */
    static String objects(Timeouts t) {
        var sb = new StringBuilder();
        for (var o : objectsOf(t)) {
            var header = "ct timeout " + NftNames.NAT_TABLE + " " + o.name() + " { protocol " + o.protocol() + "; l3proto " + o.l3()
                    + "; policy = { ";
            // libnftables 1.0.6 has no "destroy": add (a no-op when it exists), delete, add again with the new policy
            sb.append("add ").append(header).append(o.policy().getFirst()).append(" }; }\n");
            sb.append("delete ct timeout ").append(NftNames.NAT_TABLE).append(' ').append(o.name()).append('\n');
            sb.append("add ").append(header).append(String.join(", ", o.policy())).append(" }; }\n");
        }
        return sb.toString();
    }

    /** The rules, first in each nat base chain, that give new connections to our services their timeouts. */
    static List<String> rules(Timeouts t) {
        var out = new ArrayList<String>();
        for (var o : objectsOf(t)) {
            var family = o.l3().equals("ip") ? "4" : "6";
            out.add(o.l3() + " daddr . meta l4proto . th dport @nat" + family + " ct timeout set \"" + o.name() + "\"");
            out.add("meta nfproto ipv" + family + " meta mark @natmark" + family + " ct timeout set \"" + o.name() + "\"");
        }
        return out;
    }

    private record TimeoutObject(String name, String protocol, String l3, List<String> policy) {
    }

    private static List<TimeoutObject> objectsOf(Timeouts t) {
        var tcp = new ArrayList<String>();
        if (t.tcp() > 0) {
            tcp.add("established: " + t.tcp());
        }
        if (t.tcpFin() > 0) {
            tcp.add("fin_wait: " + t.tcpFin());
            tcp.add("time_wait: " + t.tcpFin());
        }
        var udp = new ArrayList<String>();
        if (t.udp() > 0) {
            udp.add("unreplied: " + t.udp());
            udp.add("replied: " + t.udp());
        }
        var out = new ArrayList<TimeoutObject>();
        for (var family : List.of("4", "6")) {
            var l3 = family.equals("4") ? "ip" : "ip6";
            if (!tcp.isEmpty()) {
                out.add(new TimeoutObject("jk_tcp" + family, "tcp", l3, tcp));
            }
            if (!udp.isEmpty()) {
                out.add(new TimeoutObject("jk_udp" + family, "udp", l3, udp));
            }
        }
        return out;
    }

    /** The timeouts our objects hold in nft's listing of the NAT table; empty when there are none. */
    public static Optional<Timeouts> parse(String natText) {
        if (natText == null) {
            return Optional.empty();
        }
        int tcp = 0;
        int fin = 0;
        int udp = 0;
        boolean any = false;
        Matcher m = OBJECT.matcher(natText);
        while (m.find()) {
            any = true;
            var v = VALUE.matcher(m.group(2));
            while (v.find()) {
                int n = Integer.parseInt(v.group(2));
                switch (v.group(1)) {
                    case "established" -> tcp = n;
                    case "fin_wait" -> fin = n;
                    case "replied" -> udp = n;
                    default -> {
                    }
                }
            }
        }
        return any ? Optional.of(new Timeouts(tcp, fin, udp)) : Optional.empty();
    }
}
