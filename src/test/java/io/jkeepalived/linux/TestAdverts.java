package io.jkeepalived.linux;

import java.net.InetAddress;

/**
 * Hand-built VRRP adverts for driving the real keepalived (the project's codec lives in the vrrp package;
 * these tests must not depend on it). RFC 3768 5.1 (v2) and RFC 5798 5.1 (v3).
 */
final class TestAdverts {
    private TestAdverts() {
    }

    /** v2, auth none, advert_int 1 s, checksum over the VRRP message. */
    static byte[] v2(int vrid, int priority, InetAddress... vips) {
        var p = new byte[8 + 4 * vips.length + 8];
        p[0] = 0x21;
        p[1] = (byte) vrid;
        p[2] = (byte) priority;
        p[3] = (byte) vips.length;
        p[4] = 0;
        p[5] = 1;
        for (int i = 0; i < vips.length; i++) {
            System.arraycopy(vips[i].getAddress(), 0, p, 8 + 4 * i, 4);
        }
        int sum = checksum(p, 0, p.length, 0);
        p[6] = (byte) (sum >> 8);
        p[7] = (byte) sum;
        return p;
    }

    /** v3 with max advert interval 100 cs; checksum left 0 (IPv6: the kernel fills it via IPV6_CHECKSUM). */
    static byte[] v3(int vrid, int priority, InetAddress... vips) {
        int alen = vips[0].getAddress().length;
        var p = new byte[8 + alen * vips.length];
        p[0] = 0x31;
        p[1] = (byte) vrid;
        p[2] = (byte) priority;
        p[3] = (byte) vips.length;
        p[4] = 0;
        p[5] = 100;
        for (int i = 0; i < vips.length; i++) {
            System.arraycopy(vips[i].getAddress(), 0, p, 8 + alen * i, alen);
        }
        return p;
    }

    static int checksum(byte[] b, int off, int len, int initial) {
        long sum = initial;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xff;
            int lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
