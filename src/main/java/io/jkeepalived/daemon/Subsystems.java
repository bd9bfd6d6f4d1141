package io.jkeepalived.daemon;

import io.jkeepalived.check.runtime.CheckerSubsystem;
import io.jkeepalived.vrrp.runtime.VrrpSubsystem;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.util.List;
import java.util.Optional;

/** Which subsystems a configuration and command line call for, keepalived's rules for starting its children. */
public final class Subsystems {
    private Subsystems() {
    }

    /** VRRP, then the checker: the order keepalived starts its children in. */
    public static List<SubsystemFactory> standard() {
        return List.of(vrrp(), checker());
    }

    /** keepalived's syslog idents of its VRRP and checker children. */
    public static final String VRRP_IDENT = "Keepalived_vrrp";
    public static final String CHECKER_IDENT = "Keepalived_healthcheckers";

    /**
     * keepalived's make_syslog_ident: the network namespace, then the config's {@code instance NAME}, are appended
     * ({@code Keepalived_vrrp_NAMESPACE_INSTANCE}).
     */
    public static String ident(String base, KeepalivedConfig config) {
        var root = config.root();
        return base + root.netNamespace().map(n -> "_" + n).orElse("") + root.instance().map(i -> "_" + i).orElse("");
    }

    /** Runs unless -C alone was asked for, when there is a vrrp_instance (or --all). */
    public static SubsystemFactory vrrp() {
        return (config, options, log) -> options.runVrrp() && (!config.vrrpInstances().isEmpty() || options.allSubsystems())
                ? Optional.of(new VrrpSubsystem(config, options.dontReleaseVrrp(), options.logDetail(),
                        log.as(ident(VRRP_IDENT, config))))
                : Optional.empty();
    }

    /** Runs when checkers were asked for ({@code -C} or no {@code -P}) and there is a virtual server, or {@code --all}. */
    public static SubsystemFactory checker() {
        return (config, options, log) -> options.runChecker() && (options.allSubsystems() || !config.virtualServers().isEmpty())
                ? Optional.of(new CheckerSubsystem(config, !options.dontReleaseIpvs(), options.lvsBackend(),
                        log.as(ident(CHECKER_IDENT, config))))
                : Optional.empty();
    }
}
