package io.jkeepalived.vrrp.codec;

/**
 * Why a received packet is not used. {@link #counter()} names the keepalived statistics counter it
 * increments (as in {@code keepalived.stats} / SNMP), or is empty when keepalived counts nothing.
 * {@link #dropOnly()} marks keepalived's VRRP_PACKET_DROP (ignored silently as "not for us") as
 * opposed to VRRP_PACKET_KO (a bad packet).
 */
public enum RejectReason {
    /** Too short for its headers, length not matching naddr, or IP total length not the received length. */
    PACKET_LENGTH("packet_len_err", false),
    /** IPv4 header unusable: not version 4, header length below 20, or protocol neither VRRP nor AH. */
    IP_HEADER("packet_len_err", false),
    /** TTL / hop limit not 255 on a multicast instance. */
    IP_TTL("ip_ttl_err", false),
    /** VRRP version not 2 or 3, or not the instance's version. */
    VERSION("vers_err", false),
    /** VRRP type not ADVERTISEMENT (1). */
    INVALID_TYPE("invalid_type_rcvd", false),
    /** VRRPv2 advert interval differs from ours (keepalived drops these to avoid two masters). */
    ADVERT_INTERVAL("advert_interval_err", true),
    /** Number of addresses or an address differs from the instance's VIPs, or multicast/unicast mismatch. */
    ADDR_LIST("addr_list_err", false),
    /** v2 auth type is not 0, 1 or 2. */
    INVALID_AUTHTYPE("invalid_authtype", false),
    /** Auth type (or presence of an AH header) differs from the instance's. */
    AUTHTYPE_MISMATCH("authtype_mismatch", false),
    /** Wrong password, wrong AH ICV or SPI, or a replayed AH sequence number. */
    AUTH_FAILURE("auth_failure", false),
    /** AH header protecting something other than VRRP. */
    AH_NOT_VRRP("", true),
    /** VRRP checksum wrong. */
    CHECKSUM("chk_err", false),
    /**
     * check_unicast_src: the source is no configured unicast_peer. keepalived counts nothing; we count it
     * beside its counters (InstanceStats.unicastSourceErr).
     */
    UNICAST_SOURCE("", false);

    private final String counter;
    private final boolean dropOnly;

    RejectReason(String counter, boolean dropOnly) {
        this.counter = counter;
        this.dropOnly = dropOnly;
    }

    public String counter() {
        return counter;
    }

    public boolean dropOnly() {
        return dropOnly;
    }
}
