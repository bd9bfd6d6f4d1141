/**
 * keepalived's VRRP child process inside the jkeepalived daemon: VrrpSubsystem (the Subsystem the daemon
 * starts for -P or a config with vrrp_instances) and its helpers - VrrpPlan (config + host interfaces to
 * engine parameters, shared sockets and rtnetlink VIPs), AnnouncingGarpSender, VrrpNotifier / NotifyFifo /
 * ScriptLauncher (notify scripts, FIFO, SMTP), TrackerBook / TrackerRunner / LinkWatcher (vrrp_script,
 * track_file, track_interface, link state), BoundedLogSink (rate-limited receive errors) and ReloadHold /
 * HoldingPorts (SIGHUP without flapping unchanged masters).
 */
package io.jkeepalived.daemon.vrrp;
