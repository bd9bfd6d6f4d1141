package io.jkeepalived.linux;

/**
 * keepalived's linkbeat probes (vrrp_if.c): asking a network interface for its link by ioctl rather than hearing it
 * from netlink. Each probe answers UP, DOWN or that it cannot tell (the driver does not support it, or there is no
 * such interface); choosing between them is the caller's business.
 */
public interface LinkProbe extends AutoCloseable {
    /** What one probe found. */
    enum Reading {
        UP, DOWN,
        /** The driver does not answer this probe (EOPNOTSUPP and the like). */
        UNSUPPORTED,
        /** There is no interface of that name (ENODEV). */
        ABSENT
    }

    /** SIOCGMIIPHY then SIOCGMIIREG of BMCR and BMSR (twice: the link bit latches low): the PHY's link status. */
    Reading mii(String ifname);

    /** SIOCETHTOOL ETHTOOL_GLINK: the driver's link (the carrier for most, veth included). */
    Reading ethtool(String ifname);

    /** SIOCGIFFLAGS: UP when both IFF_UP and IFF_RUNNING are set. */
    Reading flags(String ifname);

    @Override
    void close();
}
