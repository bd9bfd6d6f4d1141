package io.jkeepalived.config.load;

import io.jkeepalived.config.model.ForwardingMethod;
import java.util.Optional;

/**
 * What the LVS data plane in use does with a virtual server's settings, so {@code -d} shows only what is in
 * force on this backend. The facts are the data plane's (IPVS applies everything; the nftables data plane
 * says what it approximates or cannot carry); the dump only asks.
 */
public interface LvsSettingsInForce {

    /** Empty when {@code lb_algo} runs as configured; else what runs instead, in words for the dump. */
    Optional<String> scheduler(String lbAlgo);

    /** Whether one-packet scheduling ({@code ops}) is applied. */
    boolean onePacket();

    /** Empty when the forwarding method is applied; else why not. */
    Optional<String> forwarding(ForwardingMethod method);

    /** IPVS: everything as configured. */
    LvsSettingsInForce AS_CONFIGURED = new LvsSettingsInForce() {
        @Override
        public Optional<String> scheduler(String lbAlgo) {
            return Optional.empty();
        }

        @Override
        public boolean onePacket() {
            return true;
        }

        @Override
        public Optional<String> forwarding(ForwardingMethod method) {
            return Optional.empty();
        }
    };
}
