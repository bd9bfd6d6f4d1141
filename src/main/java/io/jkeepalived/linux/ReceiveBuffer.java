package io.jkeepalived.linux;

/**
 * A socket's receive buffer as keepalived's {@code *_rcv_bufs} / {@code *_rcv_bufs_force} set it: SO_RCVBUF of
 * {@code bytes} (the kernel doubles it and caps it at net.core.rmem_max), or SO_RCVBUFFORCE (CAP_NET_ADMIN, no cap)
 * with {@code force}. {@code bytes} 0 means "not configured": the socket keeps its own default size.
 */
public record ReceiveBuffer(long bytes, boolean force) {
    /** keepalived's IF_DEFAULT_BUFSIZE: what a netlink socket with only {@code _force} set gets. */
    static final int KEEPALIVED_NETLINK_DEFAULT = 64 * 1024;
    /** Nothing configured. */
    public static final ReceiveBuffer DEFAULT = new ReceiveBuffer(0, false);

    public ReceiveBuffer {
        if (bytes < 0 || bytes > 0xffff_ffffL) {
            throw new IllegalArgumentException("receive buffer " + bytes + " is not an unsigned 32-bit size");
        }
    }

    /**
     * The size to set on a socket whose own default is {@code socketDefault} (0: the kernel's); 0 = leave it alone.
     * A forced buffer without a size is keepalived's 64 KiB on a socket without a default of its own.
     */
    long effectiveBytes(int socketDefault) {
        if (bytes > 0) {
            return bytes;
        }
        if (socketDefault > 0) {
            return socketDefault;
        }
        return force ? KEEPALIVED_NETLINK_DEFAULT : 0;
    }

    /** Sets it on {@code s} (before bind, as keepalived does); no call when {@link #effectiveBytes} is 0. */
    void applyTo(NativeSocket s, int socketDefault) throws SyscallException {
        long size = effectiveBytes(socketDefault);
        if (size == 0) {
            return;
        }
        // setsockopt takes an int: keepalived passes its unsigned as is, so do we (the kernel reads it as u32 for SO_RCVBUF)
        int value = (int) size;
        if (force) {
            s.setInt(Sys.SOL_SOCKET, Sys.SO_RCVBUFFORCE, value, "SOL_SOCKET, SO_RCVBUFFORCE, " + size);
        } else {
            s.setInt(Sys.SOL_SOCKET, Sys.SO_RCVBUF, value, "SOL_SOCKET, SO_RCVBUF, " + size);
        }
    }
}
