package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The netlink sockets' SO_RCVBUF as opened (the kernel doubles what is set): a configured size, SO_RCVBUFFORCE past
 * net.core.rmem_max, a subscription's 1 MiB default and a request socket's kernel default. The generic netlink socket
 * is the one the checker's IPVS requests go over (lvs_netlink_cmd_rcv_bufs); no IPVS is needed to open it.
 */
class NetlinkReceiveBufferTest {
    private static long sysctl(String name) throws Exception {
        // readAllLines: Files.readString goes by the size /proc reports, not the content
        return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/" + name)).get(0).trim());
    }

    private static int rcvbuf(NetlinkSocket s) {
        return new Scratch().getInt(s.fd(), Sys.SOL_SOCKET, Sys.SO_RCVBUF);
    }

    @Test
    void aConfiguredSizeOnTheGenericSocket() throws Exception {
        assumeTrue(sysctl("rmem_max") >= 100_000, "rmem_max below the size");
        try (var s = NetlinkSocket.open(Sys.NETLINK_GENERIC, "NETLINK_GENERIC", 0, false, new ReceiveBuffer(100_000, false))) {
            assertEquals(200_000, rcvbuf(s));
        }
    }

    @Test
    void defaults() throws Exception {
        try (var request = NetlinkSocket.open(0, false, ReceiveBuffer.DEFAULT);
             var monitor = NetlinkSocket.open(FfmNetlinkMonitor.RTMGRP_LINK, true, ReceiveBuffer.DEFAULT)) {
            assertEquals(sysctl("rmem_default"), rcvbuf(request));
            assertEquals(2 * Math.min(NetlinkSocket.MONITOR_BUFFER, sysctl("rmem_max")), rcvbuf(monitor));
        }
    }

    @Test
    void forcedPastRmemMax() throws Exception {
        assumeTrue(Capabilities.ofCurrentProcess().hasNetAdmin(), "SO_RCVBUFFORCE needs CAP_NET_ADMIN");
        long size = sysctl("rmem_max") + 4096;
        try (var s = NetlinkSocket.open(Sys.NETLINK_GENERIC, "NETLINK_GENERIC", 0, false, new ReceiveBuffer(size, true))) {
            assertEquals(2 * size, rcvbuf(s));
        }
    }
}
