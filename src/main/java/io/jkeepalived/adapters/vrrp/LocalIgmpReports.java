package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.Sysctl;
import io.jkeepalived.vrrp.port.LogSink;
import java.io.IOException;

/**
 * keepalived's {@code disable_local_igmp}: net.ipv4.igmp_link_local_mcast_reports=0 while the VRRP process runs,
 * so the host sends no IGMP reports for link-local groups such as 224.0.0.18 (from a VMAC they would teach the
 * switches the virtual MAC on a backup's port); put back to 1 at stop when it was 1 (keepalived's
 * set_disable_local_igmp / reset_disable_local_igmp). A kernel without the setting logs and changes nothing.
 */
public final class LocalIgmpReports implements AutoCloseable {
    private static final String SETTING = "igmp_link_local_mcast_reports";
    private static final String PATH = "/proc/sys/net/ipv4/" + SETTING;

    private final boolean changed;
    private final LogSink log;

    private LocalIgmpReports(boolean changed, LogSink log) {
        this.changed = changed;
        this.log = log;
    }

    public static LocalIgmpReports disable(LogSink log) {
        var was = Sysctl.readNet("ipv4", SETTING);
        if (was.isEmpty()) {
            log.log("Unable to read " + PATH);
            return new LocalIgmpReports(false, log);
        }
        if (was.getAsInt() != 1) {
            return new LocalIgmpReports(false, log);
        }
        try {
            Sysctl.writeNet("ipv4", SETTING, 0);
            return new LocalIgmpReports(true, log);
        } catch (IOException e) {
            log.log("Unable to write " + PATH + " - " + e.getMessage());
            return new LocalIgmpReports(false, log);
        }
    }

    @Override
    public void close() {
        if (!changed) {
            return;
        }
        try {
            Sysctl.writeNet("ipv4", SETTING, 1);
        } catch (IOException e) {
            log.log("Unable to write " + PATH + " - " + e.getMessage());
        }
    }
}
