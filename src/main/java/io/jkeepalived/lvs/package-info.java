/**
 * The LVS engine, pure: the pool as immutable records ({@link io.jkeepalived.lvs.Pool}, services, destinations,
 * scheduling, persistence, forwarding, timeouts), the desired pool the check engine edits through
 * {@link io.jkeepalived.lvs.PoolEditor}, the {@link io.jkeepalived.lvs.Reconciler} (desired vs observed → the ops
 * that differ, new servers before old ones leave), the {@link io.jkeepalived.lvs.DataPlane} port, and the
 * {@link io.jkeepalived.lvs.LvsController} that drives a data plane from the owner's loop (no clock, no threads).
 */
package io.jkeepalived.lvs;
