package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrp_mcast_group4/6 and mcast_dst_ip decide the group of each socket, as keepalived does. */
class MulticastGroupsTest {
    @TempDir
    Path dir;

    KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigTest.load(f, "", false, new DiagnosticSink());
    }

    static String instance(String name, int vrid, String extra) {
        return "vrrp_instance " + name + " {\n interface lo\n virtual_router_id " + vrid + "\n" + extra
                + " virtual_ipaddress {\n  192.0.2." + (100 + vrid) + "\n }\n}\n";
    }

    @Test
    void theDefaultGlobalAndPerInstanceGroups() throws Exception {
        var plan = VrrpPlan.of(load(instance("DEFAULT", 1, "")), VrrpPlanTest.host());
        assertEquals(InetAddress.getByName("224.0.0.18"), plan.socketOf().get("DEFAULT").multicastGroup());

        plan = VrrpPlan.of(load("global_defs {\n vrrp_mcast_group4 224.0.0.19\n vrrp_mcast_group6 ff02::13\n}\n"
                + instance("GLOBAL", 1, "") + instance("OWN", 2, " mcast_dst_ip 224.0.100.19\n")
                + instance("V6", 3, " native_ipv6\n").replace("192.0.2.103", "2001:db8::103")), VrrpPlanTest.host());
        assertEquals(InetAddress.getByName("224.0.0.19"), plan.socketOf().get("GLOBAL").multicastGroup());
        assertEquals(InetAddress.getByName("224.0.100.19"), plan.socketOf().get("OWN").multicastGroup());
        assertEquals(InetAddress.getByName("ff02::13"), plan.socketOf().get("V6").multicastGroup());
        assertNotEquals(plan.socketOf().get("GLOBAL"), plan.socketOf().get("OWN"), "one socket per group, as keepalived's sockpool");
        assertEquals("VRRP sockpool: [ifindex(  1), family(IPv6), proto(112), fd(9,9) multicast, address(ff02::13)]",
                plan.socketOf().get("V6").logLine(9));
        assertEquals(InetAddress.getByName("ff02::13"), plan.socketOf().get("V6").spec().multicastGroup());
    }

    @Test
    void aDestinationOfTheWrongFamilyOrNotMulticastFallsBackToTheGlobalGroup() throws Exception {
        var plan = VrrpPlan.of(load("global_defs {\n vrrp_mcast_group4 224.0.0.19\n}\n"
                + instance("WRONG_FAMILY", 1, " mcast_dst_ip ff02::13\n") + instance("UNICAST_ADDR", 2, " mcast_dst_ip 192.0.2.7\n")),
                VrrpPlanTest.host());
        assertEquals(InetAddress.getByName("224.0.0.19"), plan.socketOf().get("WRONG_FAMILY").multicastGroup());
        assertEquals(InetAddress.getByName("224.0.0.19"), plan.socketOf().get("UNICAST_ADDR").multicastGroup());
    }
}
