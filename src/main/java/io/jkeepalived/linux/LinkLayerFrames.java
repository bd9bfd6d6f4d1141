package io.jkeepalived.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * The Ethernet frames keepalived sends when it takes over an address, byte for byte (golden copies captured
 * from keepalived 2.2.7 are in the tests).
 *
 * <pre>
 * Gratuitous ARP (RFC 5227 announcement, as an ARP request):
 *   dst ff:ff:ff:ff:ff:ff | src MAC | 0x0806
 *   htype 1 | ptype 0x0800 | hlen 6 | plen 4 | op 1 (request)
 *   sha MAC | spa VIP | tha ff:ff:ff:ff:ff:ff | tpa VIP                  42 bytes
 *
 * Unsolicited neighbour advertisement (RFC 4861 4.4, 7.2.6):
 *   dst 33:33:00:00:00:01 | src MAC | 0x86dd
 *   IPv6: version 6, payload 32, next header 58, hop limit 255, src VIP, dst ff02::1
 *   ICMPv6: type 136, code 0, checksum, flags O (0x20000000), target VIP,
 *           option 2 (target link-layer address), length 1, MAC             86 bytes
 * </pre>
 */
final class LinkLayerFrames {
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private LinkLayerFrames() {
    }

    static byte[] gratuitousArp(byte[] mac, Inet4Address vip) {
        byte[] ip = vip.getAddress();
        var f = new byte[42];
        System.arraycopy(BROADCAST, 0, f, 0, 6);
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = 0x08;
        f[13] = 0x06;
        f[15] = 1;
        f[16] = 0x08;
        f[18] = 6;
        f[19] = 4;
        f[21] = 1;
        System.arraycopy(mac, 0, f, 22, 6);
        System.arraycopy(ip, 0, f, 28, 4);
        System.arraycopy(BROADCAST, 0, f, 32, 6);
        System.arraycopy(ip, 0, f, 38, 4);
        return f;
    }

    static byte[] unsolicitedNeighbourAdvertisement(byte[] mac, Inet6Address vip) {
        byte[] target = vip.getAddress();
        var f = new byte[14 + 40 + 32];
        System.arraycopy(ALL_NODES_MAC, 0, f, 0, 6);
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        int ip = 14;
        f[ip] = 0x60;
        f[ip + 5] = 32; // payload length
        f[ip + 6] = 58; // ICMPv6
        f[ip + 7] = (byte) 255; // hop limit: receivers drop NDP with anything else
        System.arraycopy(target, 0, f, ip + 8, 16);
        System.arraycopy(ALL_NODES, 0, f, ip + 24, 16);
        int icmp = ip + 40;
        f[icmp] = (byte) 136;
        f[icmp + 4] = 0x20; // Override
        System.arraycopy(target, 0, f, icmp + 8, 16);
        f[icmp + 24] = 2; // target link-layer address option
        f[icmp + 25] = 1; // in units of 8 bytes
        System.arraycopy(mac, 0, f, icmp + 26, 6);
        int sum = icmpv6Checksum(f, ip + 8, ip + 24, icmp, 32);
        f[icmp + 2] = (byte) (sum >> 8);
        f[icmp + 3] = (byte) sum;
        return f;
    }

    /** RFC 4443 2.3: the ones' complement sum over the IPv6 pseudo-header and the ICMPv6 message. */
    static int icmpv6Checksum(byte[] f, int src, int dst, int icmp, int length) {
        long sum = 0;
        for (int i = 0; i < 16; i += 2) {
            sum += word(f, src + i) + word(f, dst + i);
        }
        sum += length + 58;
        for (int i = 0; i < length; i += 2) {
            sum += i + 1 < length ? word(f, icmp + i) : (f[icmp + i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
