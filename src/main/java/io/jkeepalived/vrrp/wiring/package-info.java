/**
 * Glue between the VRRP engine and the rest: config model to engine parameters
 * (VrrpParamsFromConfig) and the loop's ports over the Linux adapters (LinuxVrrpTransport,
 * LinuxAddressManager, LinuxGarpSender). The daemon's VrrpSubsystem assembles them.
 */
package io.jkeepalived.vrrp.wiring;
