package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.Optional;

/** The single-line keywords outside any block: net_namespace, instance, use_pid_dir, child_wait_time ... */
public record RootOptions(Optional<String> netNamespace, Optional<String> netNamespaceIpvs, boolean namespaceWithIpsets,
        boolean usePidDir, Optional<String> instance, Duration childWaitTime, boolean linkbeatUsePolling) {
    public static final RootOptions DEFAULTS = new RootOptions(Optional.empty(), Optional.empty(), false, false,
            Optional.empty(), Duration.ofSeconds(5), false);

    /** keepalived's {@code -s NAME}: the command line's namespace replaces the configuration's. */
    public RootOptions withNetNamespace(String name) {
        return new RootOptions(Optional.of(name), netNamespaceIpvs, namespaceWithIpsets, usePidDir, instance, childWaitTime,
                linkbeatUsePolling);
    }
}
