/**
 * keepalived's VRRP child, running: VrrpSubsystem opens the adapters and starts VrrpLoop (the thread
 * that owns the engine), the link watcher, the trackers (vrrp_script, track_file, track_interface) and the
 * notifier; ReloadHold / HoldingPorts carry unchanged MASTERs across a reload.
 */
package io.jkeepalived.vrrp.runtime;
