package io.jkeepalived.linux;

import java.util.Locale;

/** An ipvlan's IFLA_IPVLAN_FLAGS ({@code ip link add ... type ipvlan mode l2 bridge|private|vepa}). */
public enum IpvlanFlag {
    BRIDGE(0), PRIVATE(1), VEPA(2);

    final int value;

    IpvlanFlag(int value) {
        this.value = value;
    }

    /** As written in keepalived's configuration and shown by {@code ip -d link}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code bridge}, {@code private} or {@code vepa}; BRIDGE (the kernel's default) when absent. */
    public static IpvlanFlag of(java.util.Optional<String> word) {
        return word.map(w -> valueOf(w.toUpperCase(Locale.ROOT))).orElse(BRIDGE);
    }
}
