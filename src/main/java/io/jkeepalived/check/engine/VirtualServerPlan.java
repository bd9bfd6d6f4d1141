package io.jkeepalived.check.engine;

import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.lvs.VirtualService;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A virtual_server as the engine needs it.
 *
 * @param display       keepalived's words: {@code [192.0.2.100]:tcp:80}, {@code FWM 5} or {@code [GROUP]:0}
 * @param protocol      tcp / udp / sctp, used to print real servers
 * @param services      the data-plane services it stands for (one, or every member of a virtual_server_group)
 * @param haAddresses   the addresses whose presence enables checking when {@code haSuspend}
 */
public record VirtualServerPlan(String display, String protocol, List<VirtualService> services, int quorum,
                                int hysteresis, Optional<ScriptSpec> quorumUp, Optional<ScriptSpec> quorumDown,
                                boolean omega, boolean haSuspend, Set<String> haAddresses, boolean smtpAlert,
                                Optional<RealServerPlan> sorryServer, List<RealServerPlan> realServers) {
    public VirtualServerPlan {
        services = List.copyOf(services);
        haAddresses = Set.copyOf(haAddresses);
        realServers = List.copyOf(realServers);
    }
}
