package io.jkeepalived.vrrp.codec;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes keepalived's AH integrity check value: HMAC-MD5, keyed with the 8-byte zero-padded
 * password, over the IPv4 header with tos, fragment offset and header checksum zeroed (TTL too when
 * unicast - keepalived keeps it for multicast), then the AH header with its ICV zeroed, then the VRRP
 * packet; truncated to 96 bits. One instance per sender/receiver; reuses its buffers.
 */
public final class AhIcv {
    private final Mac mac;
    private final byte[] digest = new byte[16];
    private final byte[] scratchHeader = new byte[60 + AhHeader.LENGTH];

    public AhIcv(byte[] key8) {
        try {
            mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key8.length == 0 ? new byte[1] : key8, "HmacMD5"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available in this JDK: " + e.getMessage(), e);
        }
    }

    /**
     * Computes the ICV of an IPv4+AH+VRRP packet into {@code out[outOff..outOff+12)}.
     *
     * @param pkt     the packet; its ICV field may hold anything (it is treated as zero)
     * @param ihl     IPv4 header length in bytes
     * @param len     packet length
     * @param unicast whether TTL is a mutable field too
     */
    public void compute(byte[] pkt, int off, int ihl, int len, boolean unicast, byte[] out, int outOff) {
        int hdr = ihl + AhHeader.LENGTH;
        System.arraycopy(pkt, off, scratchHeader, 0, hdr);
        scratchHeader[1] = 0;          // tos
        scratchHeader[6] = 0;          // flags + fragment offset
        scratchHeader[7] = 0;
        scratchHeader[10] = 0;         // header checksum
        scratchHeader[11] = 0;
        if (unicast) {
            scratchHeader[8] = 0;      // ttl
        }
        java.util.Arrays.fill(scratchHeader, ihl + 12, hdr, (byte) 0);
        mac.update(scratchHeader, 0, hdr);
        mac.update(pkt, off + hdr, len - hdr);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(digest, 0, out, outOff, AhHeader.ICV_LENGTH);
    }
}
