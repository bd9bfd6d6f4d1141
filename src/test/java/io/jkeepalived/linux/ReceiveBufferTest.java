package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which size a socket gets: the configured one, else its own default, else (forced only) keepalived's 64 KiB. */
class ReceiveBufferTest {
    @Test
    void configuredSizeWins() {
        assertEquals(300000, new ReceiveBuffer(300000, false).effectiveBytes(NetlinkSocket.MONITOR_BUFFER));
        assertEquals(300000, new ReceiveBuffer(300000, true).effectiveBytes(0));
    }

    @Test
    void unsetKeepsTheSocketsDefault() {
        assertEquals(NetlinkSocket.MONITOR_BUFFER, ReceiveBuffer.DEFAULT.effectiveBytes(NetlinkSocket.MONITOR_BUFFER));
        assertEquals(0, ReceiveBuffer.DEFAULT.effectiveBytes(0), "a request socket keeps the kernel's default");
        assertEquals(NetlinkSocket.MONITOR_BUFFER, new ReceiveBuffer(0, true).effectiveBytes(NetlinkSocket.MONITOR_BUFFER));
    }

    @Test
    void forceAloneOnARequestSocketIsKeepalivedsDefault() {
        assertEquals(64 * 1024, new ReceiveBuffer(0, true).effectiveBytes(0));
    }

    @Test
    void onlyUnsigned32BitSizes() {
        assertThrows(IllegalArgumentException.class, () -> new ReceiveBuffer(-1, false));
        assertThrows(IllegalArgumentException.class, () -> new ReceiveBuffer(1L << 32, false));
    }
}
