/**
 * keepalived's health-checker child, running: CheckerDaemon owns the check engine on one event loop,
 * CheckScheduler starts each checker when due and ActionRunner carries the engine's actions out (data
 * plane, log lines, notify scripts, FIFOs, mails). CheckerSubsystem is its life cycle under the daemon.
 */
package io.jkeepalived.check.runtime;
