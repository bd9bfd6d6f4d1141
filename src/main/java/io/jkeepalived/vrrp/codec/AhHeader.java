package io.jkeepalived.vrrp.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The IPsec AH header (RFC 2402 section 2) keepalived puts between the IPv4 header and a VRRPv2 packet
 * when {@code auth_type AH}: next header 112, payload length 4 (a 96-bit ICV), SPI = the sender's IPv4
 * source address, a sequence number that grows by one per advert from 1, and the first 12 bytes of
 * HMAC-MD5 keyed with the 8-byte (zero padded) password.
 */
public record AhHeader(int nextHeader, int payloadLength, int reserved, long spi, long sequence, byte[] icv) {
    public static final int LENGTH = 24;
    public static final int ICV_LENGTH = 12;
    public static final int PAYLOAD_LENGTH_96 = 4;

    public AhHeader {
        icv = icv.clone();
    }

    @Override
    public byte[] icv() {
        return icv.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AhHeader h && nextHeader == h.nextHeader && payloadLength == h.payloadLength
                && reserved == h.reserved && spi == h.spi && sequence == h.sequence && Arrays.equals(icv, h.icv);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi * 31 + sequence) * 31 + Arrays.hashCode(icv);
    }

    @Override
    public String toString() {
        return "AhHeader[spi 0x" + Long.toHexString(spi) + " seq " + sequence + " icv " + HexFormat.of().formatHex(icv) + "]";
    }
}
