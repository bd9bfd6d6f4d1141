/**
 * The ports the VRRP runtime drives: sockets (VrrpTransport), VIPs (AddressManager), gratuitous ARP/NA
 * (GarpSender), notifications (Notifier) and log lines (LogSink). Implementations live in adapters.vrrp;
 * tests use fakes.
 */
package io.jkeepalived.vrrp.port;
