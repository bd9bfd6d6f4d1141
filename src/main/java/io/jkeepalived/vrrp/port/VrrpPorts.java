package io.jkeepalived.vrrp.port;

/** The ports one VRRP loop drives. */
public record VrrpPorts(VrrpTransport transport, AddressManager addresses, GarpSender garp, Notifier notifier,
                        LogSink log) {
}
