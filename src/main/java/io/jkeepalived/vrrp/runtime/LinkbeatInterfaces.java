package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.LinkbeatMethod;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which interfaces keepalived's linkbeat polls, and how: those of the {@code linkbeat_interfaces} block, and the
 * interface of each instance when {@code linkbeat_use_polling} is set at the top level or (deprecated) in the
 * instance (vrrp_complete_instance). As init_interface_linkbeat, a VMAC is not polled (netlink works for them), nor
 * an interface no instance runs on or tracks. Pure.
 */
final class LinkbeatInterfaces {
    private LinkbeatInterfaces() {
    }

    static Map<String, LinkbeatMethod> of(KeepalivedConfig config, VrrpPlan plan, Set<String> trackedInterfaces,
            Consumer<String> log) {
        var vrrpInterface = new LinkedHashMap<String, String>();
        plan.instances().forEach(p -> vrrpInterface.put(p.name(), p.interfaceName()));
        var vmacs = new HashSet<String>();
        var used = new HashSet<>(trackedInterfaces);
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            spec.interfaceName().ifPresent(used::add);
            String runsOn = vrrpInterface.get(spec.name());
            if (runsOn != null) {
                used.add(runsOn);
                if (spec.vmac().isPresent()) {
                    vmacs.add(runsOn);
                }
            }
        }
        var polled = new LinkedHashMap<String, LinkbeatMethod>();
        config.linkbeatInterfaces().forEach((name, method) -> {
            if (vmacs.contains(name)) {
                log.accept("(" + name + "): linkbeat not supported for vmacs since netlink works");
            } else {
                polled.put(name, method);
            }
        });
        for (VrrpInstanceSpec spec : config.vrrpInstances()) {
            if (!config.root().linkbeatUsePolling() && !spec.linkbeatUsePolling()) {
                continue;
            }
            String name = spec.vmac().isPresent() ? vrrpInterface.get(spec.name()) : spec.interfaceName().orElse(null);
            if (name == null) {
                continue;
            }
            if (vmacs.contains(name)) {
                log.accept("Turning off linkbeat for " + name + " since netlink works for vmacs/ipvlans");
            } else {
                polled.putIfAbsent(name, LinkbeatMethod.AUTO);
            }
        }
        polled.keySet().removeIf(name -> {
            if (used.contains(name)) {
                return false;
            }
            log.accept("Turning off linkbeat for " + name + " since not used for tracking");
            return true;
        });
        return polled;
    }

    /** The interfaces track_interface names (keepalived polls those too: they track instances). */
    static Set<String> tracked(TrackerBook book) {
        var names = new HashSet<String>();
        for (String key : book.trackers()) {
            if (key.startsWith(TrackerBook.interfaceKey(""))) {
                names.add(key.substring(TrackerBook.interfaceKey("").length()));
            }
        }
        return names;
    }
}
