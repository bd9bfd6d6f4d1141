package io.jkeepalived.vrrp.codec;

/** What the decoder found out about a packet's VRRP checksum. */
public enum ChecksumStatus {
    /** v2: the checksum over the VRRP packet is right. */
    V2_OK,
    /** v3: right with the pseudo-header (RFC 5798 5.2.8). */
    PSEUDO_HEADER_OK,
    /** v3 over IPv4: wrong with the pseudo-header but right without it (keepalived's v3_checksum_as_v2). */
    AS_V2_OK,
    /** v3: right neither way. (A bad v2 checksum is rejected by the decoder itself.) */
    BAD
}
