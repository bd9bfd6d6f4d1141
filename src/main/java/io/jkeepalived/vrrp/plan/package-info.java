/**
 * Configuration to engine: VrrpParamsFromConfig maps the config model onto the engine's parameters, and
 * VrrpPlan decides, before any socket exists, which sockets are shared (SocketKey), which VIPs go where and
 * which interfaces are watched, from the config and the host's interfaces (HostInterfaces).
 */
package io.jkeepalived.vrrp.plan;
