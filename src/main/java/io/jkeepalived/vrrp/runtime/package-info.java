/**
 * keepalived's VRRP child, running: VrrpSubsystem opens the adapters and starts VrrpLoop (the thread
 * that owns the engine), the link watcher, the trackers (vrrp_script, track_file, track_interface) and the
 * notifier; ReloadDiff decides what a reload carries over (unchanged instances and sync groups, MASTER or
 * BACKUP) and ReloadHold / HoldingPorts carry it with no priority 0, no VIP removal and no notify.
 */
package io.jkeepalived.vrrp.runtime;
