package io.jkeepalived.linux;

import java.io.IOException;

/**
 * A Linux call failed. The message names the call, its arguments and the kernel's reason, e.g.
 * {@code setsockopt(fd=7, IPPROTO_IP, IP_ADD_MEMBERSHIP, 224.0.0.18 on eth0): No such device (ENODEV)}.
 */
public final class SyscallException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String call;
    private final int errno;

    public SyscallException(String call, String arguments, int errno, String reason) {
        super(call + "(" + arguments + "): " + reason);
        this.call = call;
        this.errno = errno;
    }

    /** The C function (or netlink request) that failed, e.g. {@code setsockopt}. */
    public String call() {
        return call;
    }

    /** The positive errno value; 0 when the failure was not an errno (e.g. a short write). */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name such as {@code ENODEV}, or {@code errno N} when unknown. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
