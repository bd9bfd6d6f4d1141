package io.jkeepalived.lvs.nft;

import io.jkeepalived.config.load.LvsSettingsInForce;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.lvs.Scheduling;
import java.util.Optional;
import java.util.Set;

/**
 * What the nftables data plane applies of a virtual server's settings, for {@code -d}: the same facts its
 * start-up warnings come from ({@link NftScheduler}, the forwarding methods {@link NftRuleset} carries).
 */
public final class NftCapabilities implements LvsSettingsInForce {
    public static final NftCapabilities INSTANCE = new NftCapabilities();

    private NftCapabilities() {
    }

    @Override
    public Optional<String> scheduler(String lbAlgo) {
        return NftScheduler.of(Scheduling.fromWords(lbAlgo, Set.of())).approximation();
    }

    @Override
    public boolean onePacket() {
        return false; // a flow's datagrams stay on one server (conntrack / the connection map)
    }

    @Override
    public Optional<String> forwarding(ForwardingMethod method) {
        return method.kind() == ForwardingMethod.Kind.TUN
                ? Optional.of("TUN is not available with the nftables data plane; such a server stays out of the pool")
                : Optional.empty();
    }
}
