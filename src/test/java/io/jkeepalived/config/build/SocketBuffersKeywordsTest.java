package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.model.SocketBuffers;
import io.jkeepalived.config.model.SocketBuffers.NetlinkBuffer;
import io.jkeepalived.config.model.SocketBuffers.RxBufsPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The socket buffer keywords of global_defs, read as keepalived 2.2.7 reads them; its -t words (checked by hand). */
class SocketBuffersKeywordsTest {
    private static Built globals(String... lines) {
        var all = new java.util.ArrayList<String>();
        all.add("global_defs {");
        all.addAll(List.of(lines));
        all.add("}");
        return Built.of(all.toArray(String[]::new));
    }

    @Test
    void unsetIsNone() {
        assertEquals(SocketBuffers.NONE, globals().config().globalDefs().socketBuffers());
        assertEquals(3, globals().config().globalDefs().vrrpRxBufsMultiplier());
    }

    @Test
    void netlinkSizesAndForce() {
        var b = globals("  vrrp_netlink_cmd_rcv_bufs 300000", "  vrrp_netlink_monitor_rcv_bufs 4294967295",
                "  vrrp_netlink_monitor_rcv_bufs_force", "  process_monitor_rcv_bufs_force yes",
                "  lvs_netlink_cmd_rcv_bufs 1000", "  lvs_netlink_cmd_rcv_bufs_force off");
        assertEquals(List.of(), b.messages());
        var s = b.config().globalDefs().socketBuffers();
        assertEquals(new NetlinkBuffer(300000, false), s.vrrpNetlinkCmd());
        assertEquals(new NetlinkBuffer(4294967295L, true), s.vrrpNetlinkMonitor());
        assertEquals(new NetlinkBuffer(0, true), s.processMonitor());
        assertEquals(new NetlinkBuffer(1000, false), s.lvsNetlinkCmd());
    }

    @Test
    void badNetlinkValuesAreKeepalivedsErrorsAndLeaveTheDefault() {
        var b = globals("  vrrp_netlink_cmd_rcv_bufs", "  vrrp_netlink_monitor_rcv_bufs -1",
                "  process_monitor_rcv_bufs 4294967296", "  lvs_netlink_cmd_rcv_bufs_force 1");
        assertEquals(List.of("vrrp_netlink_cmd_rcv_bufs size missing",
                "negative number '-1'", "vrrp_netlink_monitor_rcv_bufs size (-1) invalid",
                "number '4294967296' outside unsigned integer range", "process_monitor_rcv_bufs size (4294967296) invalid",
                "Invalid value '1' for global lvs_netlink_cmd_rcv_bufs_force specified"), b.messages());
        assertEquals(SocketBuffers.NONE, b.config().globalDefs().socketBuffers());
    }

    @Test
    void rxBufsPolicy() {
        assertEquals(new RxBufsPolicy.Mtu(), policy("  vrrp_rx_bufs_policy mtu"));
        assertEquals(new RxBufsPolicy.Advert(), policy("  vrrp_rx_bufs_policy ADVERT"));
        assertEquals(new RxBufsPolicy.Size(123456), policy("  vrrp_rx_bufs_policy 123456"));
        // over lines too, as keepalived ORs the bits into one policy
        var b = globals("  vrrp_rx_bufs_policy MTU", "  vrrp_rx_bufs_policy 1000");
        assertEquals(List.of("Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy"), b.messages());
        assertEquals(new RxBufsPolicy.Size(1000), b.config().globalDefs().socketBuffers().vrrpRxPolicy());
    }

    @Test
    void rxBufsPolicyConflictsAreErrorsResolvedAsKeepalived() {
        var b = globals("  vrrp_rx_bufs_policy 5000 MTU");
        assertEquals(List.of("Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy"), b.messages());
        assertEquals(new RxBufsPolicy.Size(5000), b.config().globalDefs().socketBuffers().vrrpRxPolicy());
        b = globals("  vrrp_rx_bufs_policy MTU ADVERT");
        assertEquals(List.of("Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT"), b.messages());
        assertEquals(new RxBufsPolicy.Mtu(), b.config().globalDefs().socketBuffers().vrrpRxPolicy());
        assertEquals(List.of("vrrp_rx_bufs_policy missing"), globals("  vrrp_rx_bufs_policy").messages());
        assertEquals(List.of("invalid number 'lots'", "Invalid vrrp_rx_bufs_policy lots"), globals("  vrrp_rx_bufs_policy lots").messages());
    }

    @Test
    void multiplier() {
        assertEquals(7, globals("  vrrp_rx_bufs_multiplier 7").config().globalDefs().vrrpRxBufsMultiplier());
        var b = globals("  vrrp_rx_bufs_multiplier 0", "  vrrp_rx_bufs_multiplier 2 3");
        assertEquals(List.of("number '0' outside range [1, 4294967295]", "Invalid vrrp_rx_bufs_multiplier 0",
                "Invalid vrrp_rx_bufs_multiplier"), b.messages());
        assertEquals(3, b.config().globalDefs().vrrpRxBufsMultiplier());
    }

    private static RxBufsPolicy policy(String... lines) {
        var b = globals(lines);
        assertEquals(List.of(), b.messages());
        return b.config().globalDefs().socketBuffers().vrrpRxPolicy();
    }
}
