package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Signals the JVM cannot hand to Java code but whose default action would kill the daemon: keepalived's
 * JSON (SIGRTMIN+2, 36) and STATS_CLEAR (SIGRTMAX-1, 63). An operator sending them to jkeepalived must not
 * stop VRRP: their disposition is SIG_IGN. Each is still served when the launcher blocked it in every thread: a
 * blocked signal stays pending whatever its disposition, and WaitedSignals takes it.
 */
public final class IgnoredSignals {
    /** keepalived's --signum numbers on Linux. */
    public static final int JSON = 36;
    public static final int STATS_CLEAR = 63;
    /** Both: what the launchers block before the JVM starts ({@code env --block-signal=36,63}). */
    public static final java.util.List<Integer> REALTIME = java.util.List.of(JSON, STATS_CLEAR);

    private static final MethodHandle SIGNAL = Libc.LINKER.downcallHandle(
            Libc.LINKER.defaultLookup().find("signal").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    /** SIG_IGN is ((void (*)(int)) 1); SIG_ERR is -1. */
    private static final MemorySegment SIG_IGN = MemorySegment.ofAddress(1);
    private static final long SIG_ERR = -1L;

    private IgnoredSignals() {
    }

    /** Sets {@code signo}'s disposition to "ignore"; false when the kernel refused. */
    public static boolean ignore(int signo) {
        try {
            MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signo, SIG_IGN);
            return previous.address() != SIG_ERR;
        } catch (Throwable t) {
            return false;
        }
    }
}
