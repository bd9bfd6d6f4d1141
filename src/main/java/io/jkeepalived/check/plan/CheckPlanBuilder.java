package io.jkeepalived.check.plan;

import io.jkeepalived.check.engine.CheckPlan;
import io.jkeepalived.check.engine.CheckerPlan;
import io.jkeepalived.check.engine.RealServerPlan;
import io.jkeepalived.check.engine.VirtualServerPlan;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.VirtualServerAddress;
import io.jkeepalived.config.model.VirtualServerGroupSpec;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.PoolPlanBuilder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Translates the configuration's virtual servers into the check engine's plan: keepalived's display names,
 * the data-plane services of each virtual server (group members expanded), and one {@link CheckerPlan} per
 * configured checker.
 */
public final class CheckPlanBuilder {
    /** FILE_CHECK re-reads its file this often (keepalived uses inotify). */
    static final Duration FILE_POLL = Duration.ofSeconds(1);

    /** The global_defs settings the checker uses. */
    public record Globals(String routerId, boolean checkerLogAllFailures, boolean rsInitNotifies, boolean noCheckerEmails) {
        public static Globals of(KeepalivedConfig config, String hostName) {
            var g = config.globalDefs();
            return new Globals(g.routerId().orElse(hostName), g.checkerLogAllFailures(), g.rsInitNotifies(), g.noCheckerEmails());
        }
    }

    private final CheckerCatalog factory;
    private final Consumer<String> warnings;

    public CheckPlanBuilder(CheckerCatalog factory, Consumer<String> warnings) {
        this.factory = factory;
        this.warnings = warnings;
    }

    public CheckSetup build(List<VirtualServerSpec> virtualServers, List<VirtualServerGroupSpec> groups, Globals globals) {
        var plans = new ArrayList<VirtualServerPlan>();
        var bindings = new ArrayList<CheckerBinding>();
        var groupUse = new java.util.HashMap<String, Integer>();
        for (var vs : virtualServers) {
            String protocol = vs.protocol().toLowerCase();
            var haAddresses = new LinkedHashSet<String>();
            var services = PoolPlanBuilder.members(vs, groups, haAddresses, warnings);
            if (services.isEmpty() && vs.address() instanceof VirtualServerAddress.Group) {
                continue;
            }
            String display = vs.describe();
            if (vs.address() instanceof VirtualServerAddress.Group g) {
                // keepalived numbers the virtual servers of one group 0, 1, ... and shows that as the port
                int member = groupUse.merge(g.name(), 1, Integer::sum) - 1;
                display = "[" + g.name() + "]:" + member;
            } else {
                display = services.getFirst().display();
            }
            var realServers = new ArrayList<RealServerPlan>();
            for (var rs : vs.realServers()) {
                String rsDisplay = new RealServer(rs.address().getHostAddress(), rs.port()).display(protocol);
                var checkerPlans = new ArrayList<CheckerPlan>();
                for (var spec : rs.checkers()) {
                    var binding = new CheckerBinding(spec, rs, vs, rsDisplay, display);
                    if (!factory.supports(spec)) {
                        warnings.accept(spec.keyword() + " for service " + rsDisplay + " of VS " + display
                                + " is not supported by this build; it will report the server down");
                    }
                    bindings.add(binding);
                    checkerPlans.add(checkerPlan(binding));
                }
                realServers.add(new RealServerPlan(new RealServer(rs.address().getHostAddress(), rs.port()), rs.weight(),
                        rs.inhibitOnFailure(), rs.notifyUp(), rs.notifyDown(),
                        rs.smtpAlert(), checkerPlans));
            }
            var sorry = vs.sorryServer().map(s -> RealServerPlan.sorry(
                    new RealServer(s.address().getHostAddress(), s.port() != 0 ? s.port() : vsPort(vs)), s.weight().orElse(1), s.inhibit()));
            plans.add(new VirtualServerPlan(display, protocol, services, vs.quorum(), vs.hysteresis(),
                    vs.quorumUp(), vs.quorumDown(), vs.omega(),
                    vs.haSuspend(), haAddresses, vs.smtpAlert(), sorry, realServers));
        }
        var plan = new CheckPlan(plans, globals.routerId(), globals.checkerLogAllFailures(), globals.rsInitNotifies(),
                globals.noCheckerEmails());
        return new CheckSetup(plan, bindings);
    }

    private static int vsPort(VirtualServerSpec vs) {
        return vs.address() instanceof VirtualServerAddress.IpPort ip ? ip.port() : 0;
    }

    private CheckerPlan checkerPlan(CheckerBinding binding) {
        var spec = binding.spec();
        var c = spec.common();
        var words = factory.words(binding);
        return switch (spec) {
            case CheckerSpec.FileCheckSpec f ->
                    new CheckerPlan(words, FILE_POLL, FILE_POLL, 0, Duration.ZERO, false, false, FILE_POLL, true);
            case CheckerSpec.MiscCheckSpec m -> new CheckerPlan(words, c.delayLoop(), c.delayBeforeRetry(), c.retry(),
                    c.warmup(), c.alpha(), c.logAllFailures(), m.timeout().isZero() ? c.delayLoop() : m.timeout(), false);
            // keepalived's HTTP_GET checks one url per delay_loop until all have passed, unless fast_recovery
            case CheckerSpec.HttpGetSpec h -> new CheckerPlan(words, c.delayLoop(), c.delayBeforeRetry(), c.retry(),
                    c.warmup(), c.alpha(), c.logAllFailures(), c.connectTimeout(), false,
                    h.fastRecovery() ? 0 : h.urls().size());
            default -> new CheckerPlan(words, c.delayLoop(), c.delayBeforeRetry(), c.retry(), c.warmup(), c.alpha(),
                    c.logAllFailures(), c.connectTimeout(), false);
        };
    }

    public static Optional<String> hostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
