package io.jkeepalived.vrrp.codec;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Computes keepalived's AH integrity check value: HMAC-MD5, keyed with the 8-byte zero-padded
 * password, over the IPv4 header with tos, fragment offset and header checksum zeroed (TTL too when
 * unicast - keepalived keeps it for multicast), then the AH header with its ICV zeroed, then the VRRP
 * packet; truncated to 96 bits. One instance per sender/receiver; reuses its buffers.
 */
public final class AhIcv {
    private static final int BLOCK = 64;
    private final MessageDigest md5;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] digest = new byte[16];
    private final byte[] scratchHeader = new byte[60 + AhHeader.LENGTH];

    public AhIcv(byte[] key8) {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available in this JDK: " + e.getMessage(), e);
        }
        // HMAC (RFC 2104) by hand: javax.crypto.Mac.doFinal allocates its result on every call, this does not
        byte[] key = key8.length > BLOCK ? md5.digest(key8) : key8;
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
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
        try {
            md5.update(innerPad, 0, BLOCK);
            md5.update(scratchHeader, 0, hdr);
            md5.update(pkt, off + hdr, len - hdr);
            md5.digest(digest, 0, digest.length);
            md5.update(outerPad, 0, BLOCK);
            md5.update(digest, 0, digest.length);
            md5.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(digest, 0, out, outOff, AhHeader.ICV_LENGTH);
    }
}
