package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Signal dispositions a process inherits across exec. A signal ignored by whoever started us ({@code nohup}
 * ignores SIGHUP; a non-interactive shell's {@code &} ignores SIGINT) stays ignored in the JVM: it will not
 * install a handler over an inherited SIG_IGN, so a reload request would be dropped without a word. Resetting
 * such a signal to its default just before the JVM installs its handler takes it back.
 */
public final class InheritedSignals {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;

    private static final MethodHandle SIGACTION = Libc.LINKER.downcallHandle(
            Libc.LINKER.defaultLookup().find("sigaction").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SIGNAL = Libc.LINKER.downcallHandle(
            Libc.LINKER.defaultLookup().find("signal").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    /** glibc's struct sigaction on x86-64/aarch64 is 152 bytes, the handler first; room to spare. */
    private static final long SIGACTION_SIZE = 256;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    private static final long SIG_ERR = -1;

    private InheritedSignals() {
    }

    /** Whether {@code signo}'s disposition is SIG_IGN now (false when it cannot be read). */
    public static boolean ignored(int signo) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 8);
            int rc = (int) SIGACTION.invokeExact(signo, MemorySegment.NULL, old);
            return rc == 0 && old.get(JAVA_LONG, 0) == SIG_IGN;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Sets {@code signo} back to its default action; false when the kernel refused. */
    public static boolean restoreDefault(int signo) {
        try {
            MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signo, MemorySegment.ofAddress(SIG_DFL));
            return previous.address() != SIG_ERR;
        } catch (Throwable t) {
            return false;
        }
    }
}
