package io.jkeepalived.lvs.ipvs;

/**
 * Counters of a service or destination ({@code IPVS_*_ATTR_STATS64}, or the 32-bit {@code _STATS} on kernels
 * before 4.1). Totals since the entry was added, and rates over the kernel's last estimation period.
 */
public record IpvsStats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                        long connectionsPerSecond, long inPacketsPerSecond, long outPacketsPerSecond,
                        long inBytesPerSecond, long outBytesPerSecond) {
    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
