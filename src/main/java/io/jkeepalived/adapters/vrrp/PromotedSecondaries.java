package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.Sysctl;
import io.jkeepalived.vrrp.port.LogSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * keepalived's {@code promote_secondaries}: net.ipv4.conf.IF.promote_secondaries=1 on the instances' interfaces
 * while we run, so that deleting an interface's primary address promotes the VIPs of its subnet instead of
 * deleting them with it; put back to 0 at stop on the interfaces where we turned it on (one that was 1 already is
 * left alone, as keepalived's set_promote_secondaries / reset_promote_secondaries do).
 */
public final class PromotedSecondaries implements AutoCloseable {
    private final List<String> changed;
    private final LogSink log;

    private PromotedSecondaries(List<String> changed, LogSink log) {
        this.changed = changed;
        this.log = log;
    }

    public static PromotedSecondaries set(Collection<String> interfaces, LogSink log) {
        var changed = new ArrayList<String>();
        for (String ifname : interfaces) {
            if (Sysctl.read("ipv4", ifname, "promote_secondaries").orElse(-1) == 1) {
                continue;
            }
            try {
                Sysctl.write("ipv4", ifname, "promote_secondaries", 1);
                changed.add(ifname);
            } catch (IOException e) {
                log.log("Unable to set promote_secondaries on " + ifname + ": " + e.getMessage());
            }
        }
        return new PromotedSecondaries(List.copyOf(changed), log);
    }

    @Override
    public void close() {
        for (String ifname : changed) {
            try {
                Sysctl.write("ipv4", ifname, "promote_secondaries", 0);
            } catch (IOException e) {
                log.log("Unable to reset promote_secondaries on " + ifname + ": " + e.getMessage());
            }
        }
    }
}
