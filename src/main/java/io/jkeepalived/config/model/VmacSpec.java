package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.util.Optional;

/**
 * {@code use_vmac [[name] IFNAME] [MAC] [netlink_notify_msg] [group G]} or
 * {@code use_ipvlan [IFNAME] [ADDRESS[/PREFIX]] [bridge|private|vepa]}.
 * An empty name means keepalived's automatic one (vmac_prefix + "." + VRID).
 *
 * @param ipvlanAddress use_ipvlan's address: put on the ipvlan, and the adverts' source unless one is configured
 * @param ipvlanMode    use_ipvlan's flag word (bridge, private, vepa); empty: bridge
 */
public record VmacSpec(Kind kind, Optional<String> name, Optional<String> mac, Optional<IpvlanAddress> ipvlanAddress,
        Optional<String> ipvlanMode, boolean netlinkNotifyMsg, Optional<String> group) {
    public enum Kind { MACVLAN, IPVLAN }

    /** An address with its prefix length (default /32, /128). */
    public record IpvlanAddress(InetAddress address, int prefixLength) {
        public AddressFamily family() {
            return AddressFamily.of(address);
        }
    }

    public VmacSpec withoutIpvlanAddress() {
        return new VmacSpec(kind, name, mac, Optional.empty(), ipvlanMode, netlinkNotifyMsg, group);
    }
}
