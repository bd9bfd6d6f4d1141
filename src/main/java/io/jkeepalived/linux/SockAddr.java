package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;

/** sockaddr_in / sockaddr_in6 / sockaddr_ll built in native memory, and interface-name lookup. */
final class SockAddr {
    static final int IN_SIZE = 16;
    static final int IN6_SIZE = 28;
    static final int LL_SIZE = 20;
    static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {
    }

    /** sockaddr_in or sockaddr_in6 (with scope id) for {@code address}:{@code port}. */
    static MemorySegment inet(Arena arena, InetAddress address, int port, int scopeId) {
        return switch (address) {
            case Inet4Address v4 -> {
                var sa = arena.allocate(IN_SIZE, 4);
                sa.set(JAVA_SHORT, 0, (short) Sys.AF_INET);
                sa.set(NET_SHORT, 2, (short) port);
                MemorySegment.copy(v4.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
                yield sa;
            }
            case Inet6Address v6 -> {
                var sa = arena.allocate(IN6_SIZE, 4);
                sa.set(JAVA_SHORT, 0, (short) Sys.AF_INET6);
                sa.set(NET_SHORT, 2, (short) port);
                MemorySegment.copy(v6.getAddress(), 0, sa, JAVA_BYTE, 8, 16);
                sa.set(JAVA_INT, 24, scopeId != 0 ? scopeId : v6.getScopeId());
                yield sa;
            }
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    /** sockaddr_ll for sending on interface {@code ifindex} with ethertype {@code protocol}. */
    static MemorySegment link(Arena arena, int ifindex, int protocol, byte[] destinationMac) {
        var sa = arena.allocate(LL_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) Sys.AF_PACKET);
        sa.set(NET_SHORT, 2, (short) protocol);
        sa.set(JAVA_INT, 4, ifindex);
        sa.set(JAVA_BYTE, 11, (byte) destinationMac.length);
        MemorySegment.copy(destinationMac, 0, sa, JAVA_BYTE, 12, destinationMac.length);
        return sa;
    }

    /** if_nametoindex(3) in the calling thread's network namespace. */
    static int interfaceIndex(String ifname) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            int index = Libc.ifNameToIndex(errno, arena.allocateFrom(ifname));
            if (index == 0) {
                throw Libc.error("if_nametoindex", ifname, errno);
            }
            return index;
        }
    }
}
