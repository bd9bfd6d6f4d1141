package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.LinkbeatMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** linkbeat_interfaces and linkbeat_use_polling as keepalived 2.2.7's parsers read them, with its words. */
class LinkbeatKeywordsTest {
    @Test
    void theBlockNamesInterfacesAndOptionallyTheirMethod() {
        var b = Built.of("linkbeat_interfaces {", "  eth0", "  eth1 MII", "  eth2 ETHTOOL", "  eth3 IOCTL", "}");
        assertEquals(Map.of("eth0", LinkbeatMethod.AUTO, "eth1", LinkbeatMethod.MII, "eth2", LinkbeatMethod.ETHTOOL,
                "eth3", LinkbeatMethod.IOCTL), b.config().linkbeatInterfaces());
        assertEquals(List.of(), b.messages());
    }

    @Test
    void anUnknownInterfaceIsFatalAndAnUnknownMethodAnError() {
        var b = Built.of("linkbeat_interfaces {", "  eth0 RADIO", "  eth1 MII extra", "  nosuch0", "}");
        assertTrue(b.has("extra characters RADIO in linkbeat interface", 2), b.findings().toString());
        assertTrue(b.has("extra characters MII in linkbeat interface", 3), b.findings().toString());
        assertTrue(b.has("unknown interface nosuch0 specified for linkbeat interface", 4), b.findings().toString());
        assertEquals(Map.of("eth0", LinkbeatMethod.AUTO, "eth1", LinkbeatMethod.MII), b.config().linkbeatInterfaces());
    }

    @Test
    void pollingAtTheTopAndDeprecatedInAnInstance() {
        var b = Built.of("linkbeat_use_polling", "vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 1",
                "  linkbeat_use_polling", "  virtual_ipaddress {", "    192.0.2.100", "  }", "}");
        assertTrue(b.config().root().linkbeatUsePolling());
        assertTrue(b.config().vrrpInstances().get(0).linkbeatUsePolling());
        assertTrue(b.has("(VI_1) 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block", 5),
                b.findings().toString());
        var none = Built.of("vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 1", "  virtual_ipaddress {",
                "    192.0.2.100", "  }", "}");
        assertEquals(false, none.config().root().linkbeatUsePolling());
        assertEquals(false, none.config().vrrpInstances().get(0).linkbeatUsePolling());
    }
}
