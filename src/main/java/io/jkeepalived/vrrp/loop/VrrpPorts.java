package io.jkeepalived.vrrp.loop;

/** The ports one VRRP loop drives. */
public record VrrpPorts(VrrpTransport transport, AddressManager addresses, GarpSender garp, Notifier notifier,
                        LogSink log) {
}
