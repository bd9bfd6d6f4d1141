package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.adapters.vrrp.GarpPacer.Intervals;
import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * keepalived's GARP/NA intervals per interface: a garp_group gives its intervals to the interfaces it names
 * (the first group naming an interface wins; a group without any interval was dropped by the config), and
 * global_defs' vrrp_garp_interval / vrrp_gna_interval apply to every other interface.
 */
public final class GarpRateLimits {
    private final Map<String, Intervals> byInterface;
    private final Intervals others;

    private GarpRateLimits(Map<String, Intervals> byInterface, Intervals others) {
        this.byInterface = Map.copyOf(byInterface);
        this.others = others;
    }

    public static GarpRateLimits of(KeepalivedConfig config) {
        var byInterface = new LinkedHashMap<String, Intervals>();
        for (GarpGroupSpec g : config.garpGroups()) {
            if (g.garpInterval().isZero() && g.gnaInterval().isZero()) {
                continue;
            }
            var intervals = new Intervals(micros(g.garpInterval()), micros(g.gnaInterval()));
            g.interfaces().forEach(i -> byInterface.putIfAbsent(i, intervals));
        }
        var d = config.globalDefs();
        return new GarpRateLimits(byInterface, new Intervals(micros(d.vrrpGarpInterval()), micros(d.vrrpGnaInterval())));
    }

    GarpPacer pacer() {
        return new GarpPacer(byInterface, others);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
