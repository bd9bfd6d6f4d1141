package io.jkeepalived.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Raw address bytes to an address of the same family. {@link InetAddress#getByAddress(byte[])} turns an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) into an IPv4 one, which then disagrees with the prefix length,
 * gateway or family it arrived with; kernel dumps and packets can carry such addresses.
 */
public final class InetBytes {
    private InetBytes() {
    }

    /** 4 bytes give an IPv4 address, 16 bytes always an IPv6 one; any other length is refused. */
    public static InetAddress of(byte[] raw) {
        try {
            return switch (raw.length) {
                case 4 -> InetAddress.getByAddress(raw);
                case 16 -> Inet6Address.getByAddress(null, raw, -1);
                default -> throw new IllegalArgumentException("address of " + raw.length + " bytes (4 or 16 expected)");
            };
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes", e);
        }
    }
}
