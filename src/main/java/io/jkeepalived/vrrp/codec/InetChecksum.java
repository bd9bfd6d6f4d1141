package io.jkeepalived.vrrp.codec;

/** The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words. */
public final class InetChecksum {
    private InetChecksum() {
    }

    /** Adds {@code len} bytes at {@code off} to a running (unfolded) sum; an odd last byte is padded with 0. */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    public static long add16(long sum, int word) {
        return sum + (word & 0xffff);
    }

    /** Folds a running sum and complements it: the value to put in the checksum field (0 if all is right). */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
