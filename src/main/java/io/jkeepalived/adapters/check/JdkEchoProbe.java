package io.jkeepalived.adapters.check;

import io.jkeepalived.check.port.EchoProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * ICMP echo through {@link InetAddress#isReachable(int)}: on Linux the JDK sends a real ICMP/ICMPv6
 * echo request from an ICMP datagram socket (ping_group_range) or a raw socket (root); only when it may
 * open neither does it fall back to a TCP connection to port 7, which is why {@link #isIcmp()} exists.
 * The call is native and blocks its carrier, so PingChecker runs it on its own platform threads.
 */
public final class JdkEchoProbe implements EchoProbe {
    @Override
    public boolean echo(InetAddress target, Duration timeout) throws IOException {
        return target.isReachable((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /** Whether this process may send ICMP itself (root / CAP_NET_RAW, or ping_group_range). */
    public static boolean isIcmp() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ping_group_range")).strip();
            String[] lohi = range.split("\\s+");
            long gid = (Long) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:gid");
            if (gid >= Long.parseLong(lohi[0]) && gid <= Long.parseLong(lohi[1])) {
                return true;
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through to the capability test
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
