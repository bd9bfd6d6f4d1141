/**
 * Runs a VrrpEngine for real: VrrpLoop (one loop thread, a deadline timer thread, a reader thread) and
 * the ports it drives (VrrpTransport, AddressManager, GarpSender, Notifier, LogSink, MonotonicClock).
 * No FFM types here; the Linux implementations are in io.jkeepalived.vrrp.wiring.
 */
package io.jkeepalived.vrrp.loop;
