package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.AuthType;
import java.util.ArrayList;
import java.util.List;

/**
 * What keepalived's vrrp_strict changes in an instance (vrrp_complete_instance): no authentication,
 * no preempt_delay, 3 down-timer adverts, no lower-priority GARPs, lower_prio_no_advert on,
 * higher_prio_send_advert off, and "state MASTER" only for the address owner. Accept mode defaults
 * (no explicit accept/no_accept) are the coordinator's: owner or not strict -> accept.
 */
public final class StrictMode {
    private StrictMode() {
    }

    public record Applied(InstanceParams params, List<String> warnings) {
    }

    public static Applied apply(InstanceParams p) {
        List<String> warnings = new ArrayList<>();
        var b = p.toBuilder();
        if (p.authType() != AuthType.NONE) {
            warnings.add("(" + p.name() + ") Strict mode does not support authentication. Ignoring.");
            b.auth(AuthType.NONE, new byte[0]);
        }
        if (p.preemptDelayMicros() != 0) {
            warnings.add("(" + p.name() + ") preempt_delay is incompatible with strict mode - resetting");
            b.preemptDelayMicros(0);
        }
        if (p.downTimerAdverts() != 3) {
            warnings.add("(" + p.name() + ") down_timer_adverts is incompatible with strict mode - resetting");
            b.downTimerAdverts(3);
        }
        if (p.initialMaster() != p.owner()) {
            warnings.add("(" + p.name() + ") State MASTER must match being address owner");
            b.initialMaster(p.owner());
        }
        GarpParams g = p.garp();
        if (g.lowerPrioRepeat() != 0 || g.lowerPrioDelayMicros() != 0) {
            warnings.add("(" + p.name() + ") Strict mode requires no repeat garps. resetting");
            b.garp(new GarpParams(g.masterDelayMicros(), g.masterRepeat(), g.masterRefreshMicros(),
                    g.masterRefreshRepeat(), 0, 0));
        }
        if (!p.lowerPrioNoAdvert()) {
            warnings.add("(" + p.name() + ") Strict mode requires no lower priority advert. resetting");
            b.lowerPrioNoAdvert(true);
        }
        if (p.higherPrioSendAdvert()) {
            warnings.add("(" + p.name() + ") strict mode requires higher_prio_send_advert to be clear. resetting");
            b.higherPrioSendAdvert(false);
        }
        return new Applied(b.build(), List.copyOf(warnings));
    }
}
