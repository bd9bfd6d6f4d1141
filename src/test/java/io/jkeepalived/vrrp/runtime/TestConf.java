package io.jkeepalived.vrrp.runtime;

/**
 * keepalived.conf text for one vrrp_instance VI_1 on VRID 51, read by both jkeepalived and keepalived.
 *
 * @param flavour "v2-pass" (VRRPv2, auth PASS), "v3" (VRRPv3 IPv4) or "v3-ipv6" (VRRPv3 IPv6)
 */
record TestConf(String flavour, String ifname, int priority, String extra) {
    static final String VIP4 = "192.0.2.100";
    static final String VIP6 = "2001:db8::100";

    boolean ipv6() {
        return flavour.equals("v3-ipv6");
    }

    String vip() {
        return ipv6() ? VIP6 : VIP4;
    }

    TestConf with(String moreLines) {
        return new TestConf(flavour, ifname, priority, extra + moreLines);
    }

    String render() {
        return "global_defs {\n    router_id jkd_" + ifname + "\n}\n"
                + "vrrp_instance VI_1 {\n"
                + "    state BACKUP\n"
                + "    interface " + ifname + "\n"
                + "    virtual_router_id 51\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + (flavour.startsWith("v3") ? "    version 3\n" : "")
                + (flavour.equals("v2-pass") ? "    authentication {\n        auth_type PASS\n        auth_pass jkdpass\n    }\n" : "")
                + extra
                + "    virtual_ipaddress {\n        " + vip() + (ipv6() ? "/64" : "/24") + "\n    }\n"
                + "}\n";
    }
}
