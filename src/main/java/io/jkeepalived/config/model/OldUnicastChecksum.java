package io.jkeepalived.config.model;

/**
 * keepalived's unicast_chksum_compat for a VRRPv3 IPv4 unicast instance: keepalived up to 1.3.5 summed the
 * multicast group, not the peer, as the pseudo-header destination of the checksum.
 */
public enum OldUnicastChecksum {
    /** Not configured: the RFC checksum, switching to the old one when a peer's advert only passes with it. */
    DETECT,
    /** {@code old_unicast_checksum never}: the RFC checksum only. */
    NEVER,
    /** {@code old_unicast_checksum}: the old checksum, sent and expected. */
    CONFIGURED
}
