package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VRRP socket's receive buffer as keepalived's vrrp_create_sockpool sizes it: the sum over the instances on it of
 * kernel_rx_buf_size, else vrrp_rx_bufs_policy's size, multiplier x advert length or multiplier x MTU (lo: 65536).
 */
class ReceiveBufferPlanTest {
    @TempDir
    Path dir;

    private int buffer(String globals, String... instances) throws Exception {
        var text = new StringBuilder("global_defs {\n").append(globals).append("}\n");
        for (int i = 0; i < instances.length; i++) {
            text.append("vrrp_instance I").append(i).append(" {\n interface lo\n virtual_router_id ").append(i + 1)
                    .append("\n priority 100\n").append(instances[i]).append("}\n");
        }
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        KeepalivedConfig config = ConfigTest.load(f, "", false, new DiagnosticSink());
        var host = VrrpPlanTest.host();
        var plan = VrrpPlan.of(config, host);
        var keys = new HashSet<>(plan.socketOf().values());
        assertEquals(1, keys.size(), "one shared socket");
        return VrrpPlan.receiveBuffer(config, plan.socketOf(), keys.iterator().next(), host);
    }

    private static final String TWO_VIPS = " virtual_ipaddress {\n  192.0.2.100\n  192.0.2.101\n }\n";
    private static final String V3 = " version 3\n" + TWO_VIPS;

    @Test
    void nothingSetKeepsTheKernelDefault() throws Exception {
        assertEquals(0, buffer("", TWO_VIPS, TWO_VIPS));
    }

    @Test
    void aFixedSizeCountsOncePerInstance() throws Exception {
        assertEquals(2 * 70000, buffer(" vrrp_rx_bufs_policy 70000\n", TWO_VIPS, TWO_VIPS));
    }

    @Test
    void kernelRxBufSizeWinsOverThePolicyForItsInstance() throws Exception {
        assertEquals(50000 + 70000, buffer(" vrrp_rx_bufs_policy 70000\n", TWO_VIPS + " kernel_rx_buf_size 50000\n",
                TWO_VIPS));
    }

    @Test
    void mtuTimesTheMultiplier() throws Exception {
        assertEquals(3 * 65536, buffer(" vrrp_rx_bufs_policy MTU\n", TWO_VIPS));
        assertEquals(2 * 5 * 65536, buffer(" vrrp_rx_bufs_policy mtu\n vrrp_rx_bufs_multiplier 5\n", TWO_VIPS, TWO_VIPS));
    }

    @Test
    void advertLengthTimesTheMultiplier() throws Exception {
        // VRRPv2 IPv4: IP header 20 + VRRP header 8 + auth data 8 + 2 x 4
        assertEquals(3 * 44, buffer(" vrrp_rx_bufs_policy ADVERT\n", TWO_VIPS));
        // VRRPv3 IPv4: no auth data
        assertEquals(10 * 36, buffer(" vrrp_rx_bufs_policy ADVERT\n vrrp_rx_bufs_multiplier 10\n", V3));
        // VRRPv2 with AH: the AH header (24) too
        assertEquals(3 * 68, buffer(" vrrp_rx_bufs_policy ADVERT\n",
                " authentication {\n  auth_type AH\n  auth_pass secret\n }\n" + TWO_VIPS));
    }

    @Test
    void ipv6AdvertHasNoIpHeaderInIt() throws Exception {
        // IPv6 raw sockets deliver no IP header: VRRP header 8 + 16 per address
        assertEquals(3 * (8 + 16), buffer(" vrrp_rx_bufs_policy ADVERT\n",
                " version 3\n virtual_ipaddress {\n  2001:db8::1\n }\n"));
    }

    @Test
    void aSizeOverridesMtuAndMtuOverridesAdvert() throws Exception {
        assertEquals(4000, buffer(" vrrp_rx_bufs_policy 4000 MTU\n", TWO_VIPS));
        assertEquals(3 * 65536, buffer(" vrrp_rx_bufs_policy MTU ADVERT\n", TWO_VIPS));
    }
}
