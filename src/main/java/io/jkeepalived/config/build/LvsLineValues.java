package io.jkeepalived.config.build;

import io.jkeepalived.config.model.ForwardingMethod;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Values of LVS lines (virtual_server, real_server, checkers) read keepalived's way, with its words. */
final class LvsLineValues {
    private LvsLineValues() {
    }

    static Optional<ForwardingMethod> forwarding(Words w) {
        var k = w.required(0);
        if (k.isEmpty()) {
            return Optional.empty();
        }
        ForwardingMethod.Kind kind;
        switch (k.get().toUpperCase(Locale.ROOT)) {
            case "NAT" -> kind = ForwardingMethod.Kind.NAT;
            case "DR" -> kind = ForwardingMethod.Kind.DR;
            case "TUN" -> kind = ForwardingMethod.Kind.TUN;
            default -> {
                w.error("PARSER : unknown [" + k.get() + "] routing method for virtual server.");
                return Optional.empty();
            }
        }
        var type = ForwardingMethod.TunnelType.IPIP;
        OptionalInt port = OptionalInt.empty();
        String csum = "";
        for (int i = 1; i < w.count(); i++) {
            var t = w.arg(i).orElse("");
            switch (t) {
                case "type" -> {
                    var v = w.arg(++i).orElse("ipip");
                    type = switch (v) {
                        case "gue" -> ForwardingMethod.TunnelType.GUE;
                        case "gre" -> ForwardingMethod.TunnelType.GRE;
                        default -> ForwardingMethod.TunnelType.IPIP;
                    };
                }
                case "port" -> port = w.intIn(++i, 1, 65535);
                case "nocsum", "csum", "remcsum" -> csum = t;
                default -> w.error("Unknown lvs_method option '" + t + "' - ignoring");
            }
        }
        return Optional.of(new ForwardingMethod(kind, type, port, csum));
    }

    static Optional<Integer> retry(Words w) {
        var v = w.integer(0, 0, Integer.MAX_VALUE);
        return v.isPresent() ? Optional.of((int) v.getAsLong()) : Optional.empty();
    }

    static Optional<Duration> timer(Words w) {
        return w.seconds(0, 0, Integer.MAX_VALUE / 1_000_000.0);
    }

    static Optional<Duration> connectTimeout(Words w) {
        var t = w.required(0);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        var v = w.seconds(t.get(), 0, Integer.MAX_VALUE / 1_000_000.0);
        if (v.isEmpty()) {
            w.error("connect_timeout " + t.get() + " invalid - ignoring");
        }
        return v;
    }

    static Optional<Duration> delayLoop(Words w, String what) {
        var t = w.required(0);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        var v = w.seconds(t.get(), 0.000001, 18446744073709.551614);
        if (v.isEmpty()) {
            w.error(what + " delay loop '" + t.get() + "' invalid - ignoring");
        }
        return v;
    }
}
