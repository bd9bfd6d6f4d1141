package io.jkeepalived.check.plan;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.RealServerSpec;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.VirtualServerAddress;
import io.jkeepalived.config.model.VirtualServerSpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Config records for tests, with keepalived's defaults, written the way the config builder would produce them. */
public final class Specs {
    private Specs() {
    }

    public static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    public static CheckerCommonSpec common(String ip, int port, Duration timeout, int retry, boolean logAll) {
        return new CheckerCommonSpec(ip(ip), port, Optional.empty(), OptionalInt.empty(), Optional.empty(), timeout,
                OptionalInt.empty(), retry, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), false, logAll);
    }

    public static CheckerSpec tcp(String ip, int port, Duration timeout, int retry, boolean logAll) {
        return new CheckerSpec.TcpCheckSpec(common(ip, port, timeout, retry, logAll), SourcePos.NONE);
    }

    public static ScriptSpec script(String... argv) {
        return new ScriptSpec(String.join(" ", argv), List.of(argv), Optional.empty(), Optional.empty(), SourcePos.NONE);
    }

    public static CheckerSpec misc(String ip, Duration timeout, boolean dynamic, String... argv) {
        return new CheckerSpec.MiscCheckSpec(common(ip, 0, timeout, 0, false), script(argv), timeout, dynamic, SourcePos.NONE);
    }

    public static RealServerSpec rs(String ip, int port, int weight, boolean inhibit, Optional<ScriptSpec> up,
                             Optional<ScriptSpec> down, CheckerSpec... checkers) {
        return new RealServerSpec(ip(ip), port, weight, ForwardingMethod.NAT, OptionalInt.empty(), OptionalInt.empty(),
                inhibit, up, down, false, Duration.ofSeconds(1), Optional.empty(), false, List.of(checkers), SourcePos.NONE);
    }

    public static VirtualServerSpec vs(String ip, int port, int quorum, Optional<String> sorryIp, boolean omega,
                                Optional<ScriptSpec> quorumUp, Optional<ScriptSpec> quorumDown, RealServerSpec... servers) {
        return vs(new VirtualServerAddress.IpPort(ip(ip), port), quorum, sorryIp.map(s -> new VirtualServerSpec.SorryServer(
                ip(s), port, false, Optional.empty(), OptionalInt.empty())), omega, quorumUp, quorumDown, servers);
    }

    public static VirtualServerSpec vs(VirtualServerAddress address, int quorum, Optional<VirtualServerSpec.SorryServer> sorry,
                                boolean omega, Optional<ScriptSpec> quorumUp, Optional<ScriptSpec> quorumDown,
                                RealServerSpec... servers) {
        return new VirtualServerSpec(address, "TCP", "wlc", Set.of(), ForwardingMethod.NAT, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), quorum, 0, quorumUp, quorumDown, false, omega, false,
                Duration.ofSeconds(1), Optional.empty(), false, false, 1, sorry, Optional.empty(), List.of(servers), SourcePos.NONE);
    }
}
