package io.jkeepalived.linux;

/** Linux errno values the adapters test for, and the symbolic names used in error messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EADDRNOTAVAIL = 99;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ENETUNREACH = 101;
    public static final int ESRCH = 3;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EINPROGRESS = 115;

    private Errno() {
    }

    /** The C library's text for an errno, e.g. "Connection refused" for 111. */
    public static String text(int errno) {
        return Libc.strerror(errno);
    }

    /** The symbolic name of an errno value (x86_64/aarch64 numbering, which agree), e.g. 19 → ENODEV. */
    public static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 5 -> "EIO";
            case 6 -> "ENXIO";
            case 7 -> "E2BIG";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 19 -> "ENODEV";
            case 20 -> "ENOTDIR";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE";
            case 24 -> "EMFILE";
            case 25 -> "ENOTTY";
            case 28 -> "ENOSPC";
            case 32 -> "EPIPE";
            case 34 -> "ERANGE";
            case 38 -> "ENOSYS";
            case 61 -> "ENODATA";
            case 71 -> "EPROTO";
            case 90 -> "EMSGSIZE";
            case 91 -> "EPROTOTYPE";
            case 92 -> "ENOPROTOOPT";
            case 93 -> "EPROTONOSUPPORT";
            case 94 -> "ESOCKTNOSUPPORT";
            case 95 -> "EOPNOTSUPP";
            case 97 -> "EAFNOSUPPORT";
            case 98 -> "EADDRINUSE";
            case 99 -> "EADDRNOTAVAIL";
            case 100 -> "ENETDOWN";
            case 101 -> "ENETUNREACH";
            case 103 -> "ECONNABORTED";
            case 104 -> "ECONNRESET";
            case 105 -> "ENOBUFS";
            case 107 -> "ENOTCONN";
            case 110 -> "ETIMEDOUT";
            case 111 -> "ECONNREFUSED";
            case 112 -> "EHOSTDOWN";
            case 113 -> "EHOSTUNREACH";
            case 115 -> "EINPROGRESS";
            default -> "errno " + errno;
        };
    }
}
