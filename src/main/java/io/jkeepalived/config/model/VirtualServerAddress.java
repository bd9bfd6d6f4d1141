package io.jkeepalived.config.model;

import io.jkeepalived.common.AddressText;

import java.net.InetAddress;

/** What a {@code virtual_server} line names: an address and port, a firewall mark, or a virtual_server_group. */
public sealed interface VirtualServerAddress {

    record IpPort(InetAddress address, int port) implements VirtualServerAddress {
        @Override
        public String toString() {
            var a = AddressText.of(address);
            return (address instanceof java.net.Inet6Address ? "[" + a + "]" : a) + ":" + port;
        }
    }

    record Fwmark(long mark, AddressFamily family) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "FWM " + mark;
        }
    }

    record Group(String name) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "group " + name;
        }
    }
}
