package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * {@code struct epoll_event { uint32_t events; epoll_data_t data; }} for the platform we run on: the kernel
 * declares it {@code __attribute__((packed))} on x86-64 only (12 bytes, data at offset 4); elsewhere (aarch64)
 * data is 8-byte aligned (16 bytes, data at offset 8). We keep the fd in {@code data}.
 */
final class EpollEvent {
    static final StructLayout LAYOUT = layoutFor(System.getProperty("os.arch"));
    private static final VarHandle EVENTS = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("events"));
    private static final VarHandle DATA = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("data"));

    private EpollEvent() {
    }

    static StructLayout layoutFor(String osArch) {
        boolean packed = "amd64".equals(osArch) || "x86_64".equals(osArch);
        return packed
                ? MemoryLayout.structLayout(JAVA_INT.withName("events"), JAVA_LONG.withByteAlignment(4).withName("data"))
                        .withByteAlignment(4)
                : MemoryLayout.structLayout(JAVA_INT.withName("events"), MemoryLayout.paddingLayout(4),
                        JAVA_LONG.withName("data"));
    }

    static void set(MemorySegment array, long index, int events, int fd) {
        long base = index * LAYOUT.byteSize();
        EVENTS.set(array, base, events);
        DATA.set(array, base, (long) fd);
    }

    static int fd(MemorySegment array, long index) {
        return (int) (long) DATA.get(array, index * LAYOUT.byteSize());
    }
}
