/**
 * What every layer may use: the monotonic clock, the log, the life-cycle contract of a subsystem and
 * addresses as keepalived prints them. Imports nothing of ours.
 */
package io.jkeepalived.common;
