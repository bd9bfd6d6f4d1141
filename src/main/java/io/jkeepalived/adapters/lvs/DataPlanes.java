package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.lvs.LoggingDataPlane;
import java.util.function.Consumer;

/**
 * Chooses the data plane at start: IPVS when the kernel has it (asking for the IPVS family loads {@code ip_vs}
 * through its module alias, as keepalived's modprobe would), otherwise one that programs nothing and says
 * why. One log line names the choice and the reason.
 */
public final class DataPlanes {
    private DataPlanes() {
    }

    public static DataPlane open(Consumer<String> info, Consumer<String> warning) {
        try {
            var ipvs = IpvsDataPlane.open();
            info.accept("LVS data plane: ipvs (the kernel's IPVS, over generic netlink)");
            return ipvs;
        } catch (SyscallException e) {
            String why = IpvsKernel.absent(e) ? "this kernel has no IPVS" : "IPVS cannot be opened: " + e.getMessage();
            return new LoggingDataPlane(warning, why);
        }
    }
}
