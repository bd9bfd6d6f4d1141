package io.jkeepalived.config.model;

import java.util.Optional;

/**
 * {@code use_vmac [[name] IFNAME] [MAC] [netlink_notify_msg] [group G]} or {@code use_ipvlan ...}.
 * An empty name means keepalived's automatic one (vmac_prefix + "." + VRID).
 */
public record VmacSpec(Kind kind, Optional<String> name, Optional<String> mac, Optional<String> ipvlanAddress,
        Optional<String> ipvlanMode, boolean netlinkNotifyMsg, Optional<String> group) {
    public enum Kind { MACVLAN, IPVLAN }
}
