package io.jkeepalived.config.model;

/**
 * global_defs' socket receive buffers: {@code vrrp_rx_bufs_policy} for the VRRP sockets (an instance's
 * {@code kernel_rx_buf_size} wins over it) and the netlink sockets' {@code *_rcv_bufs} / {@code *_rcv_bufs_force}.
 */
public record SocketBuffers(RxBufsPolicy vrrpRxPolicy, NetlinkBuffer vrrpNetlinkCmd, NetlinkBuffer vrrpNetlinkMonitor,
        NetlinkBuffer processMonitor, NetlinkBuffer lvsNetlinkCmd, NetlinkBuffer lvsNetlinkMonitor) {
    public static final SocketBuffers NONE = new SocketBuffers(RxBufsPolicy.NONE, NetlinkBuffer.NONE, NetlinkBuffer.NONE,
            NetlinkBuffer.NONE, NetlinkBuffer.NONE, NetlinkBuffer.NONE);

    /** A netlink socket's SO_RCVBUF ({@code size} 0: not configured), SO_RCVBUFFORCE with {@code force}. */
    public record NetlinkBuffer(long size, boolean force) {
        public static final NetlinkBuffer NONE = new NetlinkBuffer(0, false);
    }

    /** vrrp_rx_bufs_policy: how big a VRRP socket's buffer is per instance on it without kernel_rx_buf_size. */
    public sealed interface RxBufsPolicy {
        RxBufsPolicy NONE = new Unset();

        /** The kernel's default. */
        record Unset() implements RxBufsPolicy {
        }

        /** vrrp_rx_bufs_multiplier times the interface's MTU. */
        record Mtu() implements RxBufsPolicy {
        }

        /** vrrp_rx_bufs_multiplier times the advert's length (IP header and AH included). */
        record Advert() implements RxBufsPolicy {
        }

        /** A fixed number of bytes. */
        record Size(long bytes) implements RxBufsPolicy {
        }
    }
}
