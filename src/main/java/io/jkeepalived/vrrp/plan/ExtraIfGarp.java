package io.jkeepalived.vrrp.plan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * keepalived's garp_extra_if (vrrp_complete_instance + vrrp_send_vmac_update): which VIPs get a GARP/NA at the
 * interval while master. VIPs are added in config order (VIPs, then eVIPs) with the interface they live on. The
 * interval runs only when some VIP is on a VMAC other than the instance's, or, with {@code all}, on any other
 * interface; each run sends for the first VIP of each interface: VMACs always, other interfaces with {@code all},
 * the instance's own interface only with {@code vmac_xmit_base} (its adverts then do not refresh the switches).
 */
final class ExtraIfGarp {
    private final String vrrpInterface;
    private final Set<String> vmacs;
    private final boolean all;
    private final boolean xmitBase;
    private final List<InetAddress> sendFor = new ArrayList<>();
    private final Set<String> done = new HashSet<>();
    private boolean extraVmac;
    private boolean extraInterface;

    /**
     * @param vrrpInterface the instance's interface (its VMAC when it has one)
     * @param vmacs         the interfaces that are our VMACs
     */
    ExtraIfGarp(String vrrpInterface, List<String> vmacs, boolean all, boolean xmitBase) {
        this.vrrpInterface = vrrpInterface;
        this.vmacs = Set.copyOf(vmacs);
        this.all = all;
        this.xmitBase = xmitBase;
    }

    void add(InetAddress vip, String dev) {
        boolean ours = vmacs.contains(dev);
        if (!dev.equals(vrrpInterface)) {
            if (ours) {
                extraVmac = true;
            } else {
                extraInterface = true;
            }
        }
        if ((!ours && !all) || (dev.equals(vrrpInterface) && !xmitBase) || !done.add(dev)) {
            return;
        }
        sendFor.add(vip);
    }

    /** keepalived turns the interval off without an extra VMAC, unless {@code all} and an extra interface. */
    boolean enabled() {
        return extraVmac || (extraInterface && all);
    }

    List<InetAddress> addresses() {
        return List.copyOf(sendFor);
    }
}
