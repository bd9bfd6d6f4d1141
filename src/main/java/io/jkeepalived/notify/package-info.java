/**
 * Everything that tells the world about a state change: the script runner, notify FIFOs and
 * keepalived's alert mails (smtp_alert).
 */
package io.jkeepalived.notify;
