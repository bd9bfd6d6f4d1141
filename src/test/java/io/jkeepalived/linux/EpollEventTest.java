package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemoryLayout;
import org.junit.jupiter.api.Test;

/** struct epoll_event is packed on x86-64 only; aarch64 aligns its data to 8 bytes. */
class EpollEventTest {
    private static long dataOffset(String arch) {
        return EpollEvent.layoutFor(arch).byteOffset(MemoryLayout.PathElement.groupElement("data"));
    }

    @Test
    void packedOnX86_64() {
        assertEquals(12, EpollEvent.layoutFor("amd64").byteSize());
        assertEquals(4, dataOffset("amd64"));
        assertEquals(12, EpollEvent.layoutFor("x86_64").byteSize());
    }

    @Test
    void alignedOnAarch64() {
        assertEquals(16, EpollEvent.layoutFor("aarch64").byteSize());
        assertEquals(8, dataOffset("aarch64"));
    }
}
