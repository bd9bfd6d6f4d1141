package io.jkeepalived.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The address family a VRRP instance runs over; decides address size and checksum rules. */
public enum IpFamily {
    IPV4(4), IPV6(16);

    private final int addressLength;

    IpFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    public int addressLength() {
        return addressLength;
    }

    public static IpFamily of(InetAddress address) {
        return switch (address) {
            case Inet4Address a -> IPV4;
            case Inet6Address a -> IPV6;
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }
}
