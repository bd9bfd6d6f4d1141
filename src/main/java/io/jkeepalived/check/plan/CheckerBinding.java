package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.RealServerSpec;
import io.jkeepalived.config.model.VirtualServerSpec;

/**
 * One configured checker with what it checks, in the engine's checker order.
 *
 * @param rsDisplay keepalived's words for the real server, e.g. {@code [192.0.2.11]:tcp:80}
 * @param vsDisplay keepalived's words for the virtual server
 */
public record CheckerBinding(CheckerSpec spec, RealServerSpec realServer, VirtualServerSpec virtualServer,
                             String rsDisplay, String vsDisplay) {
}
