package io.jkeepalived.config.model;

import io.jkeepalived.common.AddressText;

import io.jkeepalived.config.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code virtual_server IP PORT | fwmark N | group NAME { ... }} with keepalived's defaults:
 * lvs_sched wlc, lvs_method NAT, protocol TCP, quorum 1, hysteresis 0, delay_loop 60 s, weight 1.
 *
 * @param protocol            TCP, UDP or SCTP (ignored for fwmark services)
 * @param persistenceTimeout  empty = no persistence; 360 s when the keyword had no value
 * @param schedulerFlags      flag-1/2/3, sh-port, sh-fallback, mh-port, mh-fallback, ops
 */
public record VirtualServerSpec(
        VirtualServerAddress address,
        String protocol,
        String scheduler,
        Set<String> schedulerFlags,
        ForwardingMethod forwardingMethod,
        Optional<Duration> persistenceTimeout,
        Optional<String> persistenceGranularity,
        Optional<String> persistenceEngine,
        Optional<AddressFamily> ipFamily,
        int quorum,
        int hysteresis,
        Optional<ScriptSpec> quorumUp,
        Optional<ScriptSpec> quorumDown,
        boolean alpha,
        boolean omega,
        boolean haSuspend,
        Duration delayLoop,
        Optional<String> virtualhost,
        boolean smtpAlert,
        boolean inhibitOnFailure,
        int defaultWeight,
        Optional<SorryServer> sorryServer,
        Optional<String> snmpName,
        List<RealServerSpec> realServers,
        SourcePos pos) {

    public VirtualServerSpec {
        schedulerFlags = Set.copyOf(schedulerFlags);
        realServers = List.copyOf(realServers);
    }

    /** {@code sorry_server IP [PORT]} with sorry_server_inhibit / sorry_server_lvs_method. */
    public record SorryServer(java.net.InetAddress address, int port, boolean inhibit,
            Optional<ForwardingMethod> forwardingMethod, OptionalInt weight) {
    }

    /** keepalived's name for the service in log lines: {@code [192.0.2.1]:tcp:80}, {@code FWM 1}, {@code group X}. */
    public String describe() {
        return switch (address) {
            case VirtualServerAddress.IpPort ip -> "[" + AddressText.of(ip.address()) + "]:" + protocol.toLowerCase() + ":" + ip.port();
            case VirtualServerAddress.Fwmark f -> "FWM " + f.mark();
            case VirtualServerAddress.Group g -> "group " + g.name();
        };
    }
}
