/**
 * What every layer may use: the monotonic clock, the log and
 * addresses as keepalived prints them. Imports nothing of ours.
 */
package io.jkeepalived.common;
