package io.jkeepalived.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The VRRP multicast groups (RFC 5798 5.1.1.2 / 5.1.2.2) and address helpers. */
public final class VrrpAddresses {
    public static final Inet4Address MCAST_V4 = (Inet4Address) literal(new byte[] {(byte) 224, 0, 0, 18});
    public static final Inet6Address MCAST_V6 = (Inet6Address) literal(
            new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});

    private VrrpAddresses() {
    }

    public static InetAddress multicastGroup(IpFamily family) {
        return family == IpFamily.IPV4 ? MCAST_V4 : MCAST_V6;
    }

    /** keepalived's inet_inaddrcmp: unsigned comparison of the address bytes; -1, 0 or 1. */
    public static int compare(InetAddress a, InetAddress b) {
        int c = java.util.Arrays.compareUnsigned(a.getAddress(), b.getAddress());
        return Integer.signum(c);
    }

    private static InetAddress literal(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
