package io.jkeepalived.config.model;

import io.jkeepalived.common.AddressText;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code real_server IP [PORT] { ... }} with values inherited from its virtual_server resolved.
 *
 * @param port    0 when omitted (fwmark services)
 * @param weight  IPVS weight (the virtual_server's {@code weight}, else 1)
 */
public record RealServerSpec(
        InetAddress address,
        int port,
        int weight,
        ForwardingMethod forwardingMethod,
        OptionalInt upperThreshold,
        OptionalInt lowerThreshold,
        boolean inhibitOnFailure,
        Optional<ScriptSpec> notifyUp,
        Optional<ScriptSpec> notifyDown,
        boolean alpha,
        Duration delayLoop,
        Optional<String> virtualhost,
        boolean smtpAlert,
        List<CheckerSpec> checkers,
        SourcePos pos) {
    public RealServerSpec {
        checkers = List.copyOf(checkers);
    }

    /** keepalived's words: {@code [192.0.2.11]:tcp:80}. */
    public String describe(String protocol) {
        var a = AddressText.of(address);
        return "[" + a + "]:" + protocol.toLowerCase() + ":" + port;
    }
}
