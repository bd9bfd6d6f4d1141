package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.util.Optional;

/**
 * A child we spawned as the leader of its own session and process group. It is watched through a pidfd
 * (poll(2) says when it exits) and reaped with waitpid(2); its group is signalled only while the leader is
 * unreaped, so the group id can never have been reused by an unrelated process.
 */
public final class ChildProcess implements AutoCloseable {
    private final int pid;
    private final int pidfd;
    private WaitStatus status;

    ChildProcess(int pid, int pidfd) {
        this.pid = pid;
        this.pidfd = pidfd;
    }

    public int pid() {
        return pid;
    }

    /** Blocks until the child exits or {@code timeoutMillis} pass (negative: no limit); true once it has exited. */
    public boolean awaitExit(long timeoutMillis) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var pfd = arena.allocate(8, 4);
            pfd.set(JAVA_INT, 0, pidfd);
            pfd.set(JAVA_SHORT, 4, (short) Sys.POLLIN);
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                long left = timeoutMillis < 0 ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                int n = Libc.poll(cs, pfd, 1, (int) Math.min(Integer.MAX_VALUE, left));
                if (n > 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
                if (Libc.errno(cs) != Errno.EINTR) {
                    throw Libc.error("poll", "pidfd of " + pid, cs);
                }
            }
        }
    }

    /** Reaps the child (blocking until it has exited); idempotent. */
    public synchronized WaitStatus reap() throws SyscallException {
        if (status != null) {
            return status;
        }
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            var raw = arena.allocate(JAVA_INT);
            while (LibcProcesses.waitpid(cs, pid, raw, 0) < 0) {
                if (Libc.errno(cs) != Errno.EINTR) {
                    throw Libc.error("waitpid", Integer.toString(pid), cs);
                }
            }
            status = new WaitStatus(raw.get(JAVA_INT, 0));
            return status;
        }
    }

    public synchronized Optional<WaitStatus> status() {
        return Optional.ofNullable(status);
    }

    /** kill(-pgid, signal): the child and everything it started that stayed in its group. */
    public synchronized void signalGroup(int signal) throws SyscallException {
        if (status != null) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            var cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            if (LibcProcesses.kill(cs, -pid, signal) < 0 && Libc.errno(cs) != Errno.ESRCH) {
                throw Libc.error("kill", "-" + pid + ", " + signal, cs);
            }
        }
    }

    @Override
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            Libc.close(arena.allocate(Libc.CAPTURE_LAYOUT), pidfd);
        }
    }
}
