package io.jkeepalived.vrrp.codec;

/**
 * Which pseudo-header destination a VRRPv3 IPv4 unicast instance sums (keepalived's unicast_chksum_compat):
 * the peer (RFC 5798), or the multicast group 224.0.0.18 as keepalived up to 1.3.5 did.
 */
public enum UnicastChecksum {
    /** The peer; an advert that passes only with the group switches the instance to the group (keepalived's default). */
    RFC_DETECT_OLD,
    /** The peer, never switching ({@code old_unicast_checksum never}). */
    RFC_ONLY,
    /** The group, sent and expected ({@code old_unicast_checksum}, or switched to). */
    OLD
}
