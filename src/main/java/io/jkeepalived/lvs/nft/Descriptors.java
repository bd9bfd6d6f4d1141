package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.Persistence;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Scheduling;
import io.jkeepalived.lvs.ServiceSettings;
import io.jkeepalived.lvs.VirtualService;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The comments on our map elements: what a service or destination is, in words we read back. nftables
 * keeps element comments (up to 128 bytes) and shows them in {@code -j list}; that is how a restart, or
 * a drift check, learns what is programmed without any file of ours.
 * Service: {@code v=tcp,192.0.2.100,80 s=wrr f=SCHED_2 p=300,24 pe=sip}; fwmark {@code v=fwm,5,6};
 * destination: {@code r=198.51.100.11,80 w=3 u=0 l=0 m=DR}.
 */
final class Descriptors {
    private Descriptors() {
    }

    record ServiceText(VirtualService key, ServiceSettings settings) {
    }

    static String service(VirtualService key, ServiceSettings settings) {
        var sb = new StringBuilder("v=");
        switch (key) {
            case VirtualService.Address a -> sb.append(a.protocol()).append(',').append(a.ip()).append(',').append(a.port());
            case VirtualService.Fwmark f -> sb.append("fwm,").append(Integer.toUnsignedString(f.mark())).append(',').append(f.ipv6() ? 6 : 4);
        }
        var s = settings.scheduling();
        sb.append(" s=").append(s.name());
        if (!s.flags().isEmpty()) {
            sb.append(" f=").append(s.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        }
        settings.persistence().ifPresent(p -> {
            sb.append(" p=").append(p.timeoutSeconds()).append(',').append(p.prefixLength());
            p.engine().ifPresent(e -> sb.append(" pe=").append(e));
        });
        return sb.toString();
    }

    static Optional<ServiceText> parseService(String text) {
        var f = fields(text);
        try {
            var v = f.get("v").split(",");
            VirtualService key = v[0].equals("fwm")
                    ? new VirtualService.Fwmark(Integer.parseUnsignedInt(v[1]), v[2].equals("6"))
                    : new VirtualService.Address(v[1], Integer.parseInt(v[2]), v[0]);
            var flags = EnumSet.noneOf(Scheduling.Flag.class);
            if (f.containsKey("f")) {
                for (var name : f.get("f").split(",")) {
                    flags.add(Scheduling.Flag.valueOf(name));
                }
            }
            Optional<Persistence> persistence = Optional.empty();
            if (f.containsKey("p")) {
                var p = f.get("p").split(",");
                persistence = Optional.of(new Persistence(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                        Optional.ofNullable(f.get("pe"))));
            }
            return Optional.of(new ServiceText(key, new ServiceSettings(new Scheduling(f.get("s"), flags), persistence)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String destination(Destination d) {
        return "r=" + d.server().ip() + "," + d.server().port() + " w=" + d.weight() + " u=" + d.upperThreshold()
                + " l=" + d.lowerThreshold() + " m=" + d.forwarding().method();
    }

    static Optional<Destination> parseDestination(String text) {
        var f = fields(text);
        try {
            var r = f.get("r").split(",");
            var method = Forwarding.Method.valueOf(f.get("m"));
            var forwarding = method == Forwarding.Method.DR ? Forwarding.DR : Forwarding.NAT;
            return Optional.of(new Destination(new RealServer(r[0], Integer.parseInt(r[1])), forwarding,
                    Integer.parseInt(f.get("w")), Integer.parseInt(f.get("u")), Integer.parseInt(f.get("l"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A server alone (the DR all-map: servers that left keep their number). */
    static String server(RealServer s) {
        return "r=" + s.ip() + "," + s.port();
    }

    static Optional<RealServer> parseServer(String text) {
        try {
            var r = fields(text).get("r").split(",");
            return Optional.of(new RealServer(r[0], Integer.parseInt(r[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> fields(String text) {
        var map = new HashMap<String, String>();
        for (var word : text.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                map.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return map;
    }
}
