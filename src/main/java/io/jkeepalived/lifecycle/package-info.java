/**
 * The life-cycle contract of a subsystem (VRRP, checker): start, stop, reload with a new configuration,
 * dumps and liveness, which the daemon supervises. Between the runtimes and the configuration they take.
 */
package io.jkeepalived.lifecycle;
