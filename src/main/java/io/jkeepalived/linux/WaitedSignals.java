package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Real-time signals the JVM cannot hand to Java code (keepalived's JSON signal, SIGRTMIN+2 = 36), taken by a
 * thread that waits for them with sigtimedwait(2). That only works while every thread of the process blocks the
 * signal, or the kernel hands it to a thread that does not and its disposition decides. A thread's signal mask is
 * inherited from the thread that made it and kept across execve, and the JVM only unblocks the signals it uses: a
 * launcher that blocks the signal before it execs java ({@code env --block-signal=36}) makes every JVM thread
 * block it. {@link #blockedHere(int)} says whether that was done.
 */
@SuppressWarnings("restricted")
public final class WaitedSignals {
    private static final int SIG_BLOCK = 0;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;

    private static final MethodHandle PTHREAD_SIGMASK = Libc.plain("pthread_sigmask",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SIGISMEMBER = Libc.plain("sigismember", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SIGADDSET = Libc.plain("sigaddset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SIGTIMEDWAIT = Libc.withErrno("sigtimedwait",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    /** siginfo_t is 128 bytes on Linux. */
    private static final long SIGINFO_SIZE = 128;

    private WaitedSignals() {
    }

    /** Whether the calling thread blocks {@code signo} (false when the mask cannot be read). */
    public static boolean blockedHere(int signo) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(LibcProcesses.SIGSET_SIZE, 8);
            int rc = (int) PTHREAD_SIGMASK.invokeExact(SIG_BLOCK, MemorySegment.NULL, mask);
            return rc == 0 && (int) SIGISMEMBER.invokeExact(mask, signo) == 1;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Waits at most {@code timeout} for one of {@code signos} pending on the process (they must be blocked in every
     * thread) and takes it; empty when none came in time or the wait was interrupted by another signal.
     */
    public static OptionalInt await(Duration timeout, int... signos) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(LibcProcesses.SIGSET_SIZE, 8);
            LibcProcesses.sigEmptySet(set);
            for (int s : signos) {
                if ((int) SIGADDSET.invokeExact(set, s) != 0) {
                    throw new IllegalArgumentException("no signal " + s);
                }
            }
            MemorySegment info = arena.allocate(SIGINFO_SIZE, 8);
            MemorySegment ts = arena.allocate(16, 8);
            ts.set(JAVA_LONG, 0, timeout.toSeconds());
            ts.set(JAVA_LONG, 8, timeout.toNanosPart());
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            int got = (int) SIGTIMEDWAIT.invokeExact(cs, set, info, ts);
            if (got > 0) {
                return OptionalInt.of(got);
            }
            int errno = Libc.errno(cs);
            if (errno == EAGAIN || errno == EINTR) {
                return OptionalInt.empty();
            }
            throw Libc.error("sigtimedwait", "", errno);
        } catch (SyscallException | IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sigtimedwait: " + t, t);
        }
    }
}
