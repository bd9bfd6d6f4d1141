package io.jkeepalived.config.model;

import io.jkeepalived.common.AddressText;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One address line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or
 * {@code static_ipaddress}: {@code IP[/MASK] [brd IP|+|-] [dev IF] [scope S] [label L] [peer IP] ...}.
 *
 * @param prefixLength   as written, or 32/128 when no mask was given
 * @param broadcast      {@code brd IP}; {@code brd +} / {@code brd -} are in {@link #broadcastMode}
 * @param broadcastMode  "" (none), "+", "-" or "ip"
 * @param dev            the interface; empty means the instance's interface (or default_interface)
 * @param scope          global (0), site (200), link (253), host (254), nowhere (255)
 */
public record VirtualIpSpec(
        InetAddress address,
        int prefixLength,
        Optional<InetAddress> broadcast,
        String broadcastMode,
        Optional<String> dev,
        Scope scope,
        Optional<String> label,
        Optional<InetAddress> peer,
        boolean home,
        boolean noDad,
        boolean mngTmpAddr,
        boolean noPrefixRoute,
        boolean autoJoin,
        Optional<String> preferredLifetime,
        boolean useVmac,
        boolean noTrack,
        Optional<String> trackGroup,
        SourcePos pos) {

    /** Address scopes by keepalived's (and iproute2's) names. */
    public enum Scope {
        GLOBAL(0), SITE(200), LINK(253), HOST(254), NOWHERE(255);

        public final int value;

        Scope(int value) {
            this.value = value;
        }

        public String keyword() {
            return name().toLowerCase();
        }
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** Same identity as keepalived uses to match addresses across reloads: address, prefix, dev, label. */
    public String key() {
        return AddressText.of(address) + "/" + prefixLength + " dev " + dev.orElse("") + " label " + label.orElse("");
    }
}
